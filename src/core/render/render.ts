import type { Answer, AnswerResult } from '../answer/answer.js';
import { publishedLabel, type Citation } from '../catalog.js';
import { MAX_CUSTOM_ID, MAX_MESSAGE_LENGTH } from './discord-limits.js';
import { escapeMarkdown, truncate } from './markdown.js';
import { quoteCutOf, UNCUT, type QuoteCut } from '../answer/quote-cut.js';
import { clipEscaped, linkTarget, maskedLink, oneLine, type LinkForm } from './quotes.js';

/** A card citing one quote or source (a Discord embed; a block of lines on the console). */
export interface Card {
	readonly title: string;
	readonly url?: string;
	readonly description: string;
	readonly footer?: string;
}

/** A button under a reply; its id carries the state needed to act on it (so it survives a restart). */
export interface Button {
	readonly id: string;
	readonly label: string;
	readonly disabled?: boolean;
}

/** What a command replies: plain data that the Discord adapter sends and the console prints. */
export interface Reply {
	readonly content: string;
	readonly cards: readonly Card[];
	readonly buttons: readonly Button[];
	/** Shown only to the person who asked (errors). */
	readonly ephemeral: boolean;
	/** Set on an answer that the sources don't say (the bot abstained): counted apart in the metrics. */
	readonly abstained?: boolean;
}

export const reply = (content: string, extra: Partial<Reply> = {}): Reply => ({
	content,
	cards: [],
	buttons: [],
	ephemeral: false,
	...extra,
});

/** An error reply: ephemeral, saying what went wrong and what to do. */
export const errorReply = (message: string): Reply => reply(message, { ephemeral: true });

/** "Title · Publisher · 2025-09-07" */
export function citationLine(source: Pick<Citation, 'publisher' | 'published'>): string {
	return `${source.publisher} · ${publishedLabel(source)}`;
}

/** Marks where a quote was cut from a longer sentence. */
export const CUT_MARK = '…';

/** A word character: the cut mark is joined to a word ("…now goes") and set off from punctuation ("198, …"). */
const WORDLIKE = /^[\p{L}\p{N}]/u;

/** The mark before a quote cut at its start, after one cut at its end; nothing where it is not cut. */
function cutMarks(text: string, cut: QuoteCut): { before: string; after: string } {
	const before = !cut.cutStart ? '' : WORDLIKE.test(text) ? CUT_MARK : `${CUT_MARK} `;
	const after = !cut.cutEnd ? '' : WORDLIKE.test(text.at(-1) ?? '') ? CUT_MARK : ` ${CUT_MARK}`;
	return { before, after };
}

/**
 * Quotes text as a Discord block quote, every line marked, the text escaped. Where `cut` says the text
 * starts or ends inside a sentence, "…" stands before or after it, outside the escaped quote, so the
 * quote itself is shown as written.
 */
export function blockQuote(text: string, cut: QuoteCut = UNCUT): string {
	const { before, after } = cutMarks(text, cut);
	return `${before}${escapeMarkdown(text)}${after}`
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n');
}

/** Steps of shortening, tried in order until a reply fits one message (see {@link renderAnswer}). */
interface Fit {
	/** Characters of a title or a publisher, escaped. */
	readonly nameMax: number;
	readonly link: LinkForm;
	/** Characters of a quote, escaped; a longer one is cut at a word and marked "…". */
	readonly quoteMax: number;
}

/**
 * Least useful first: a long title, then the precision of a link (the page still opens), then the
 * length of a quote, and only in the end a link at all (an address of up to 1,000 characters a
 * result). The last step fits three results in 2,000 characters whatever they hold.
 */
const FITS: readonly Fit[] = [
	{ nameMax: 200, link: 'fragment', quoteMax: Infinity },
	{ nameMax: 80, link: 'fragment', quoteMax: Infinity },
	{ nameMax: 80, link: 'page', quoteMax: Infinity },
	{ nameMax: 60, link: 'page', quoteMax: 300 },
	{ nameMax: 40, link: 'page', quoteMax: 200 },
	{ nameMax: 30, link: 'none', quoteMax: 150 },
];

/** A name (title, publisher) on one line, escaped, within `max` characters, "…" where it is cut. */
function nameText(name: string, max: number): string {
	const line = oneLine(name);
	const kept = clipEscaped(line, max - CUT_MARK.length);
	return kept === line ? escapeMarkdown(line) : `${escapeMarkdown(kept)}${CUT_MARK}`;
}

/**
 * One numbered result: its source's title the first time the source appears (else which result it
 * shares it with), the quote as a block quote, and under it a subtext citation: publisher, date and a
 * link to the paragraph that opens at the quote.
 */
function resultText(r: AnswerResult, n: number, sameAs: number | undefined, fit: Fit): string {
	const head =
		sameAs === undefined ? `**${n}.** ${nameText(r.source.title, fit.nameMax)}` : `**${n}.** Same source as ${sameAs}.`;
	const cut = quoteCutOf(r.passage, r.quote);
	const kept = clipEscaped(r.quote, fit.quoteMax);
	const quote = blockQuote(kept, kept === r.quote ? cut : { ...cut, cutEnd: true });
	const place = maskedLink(`paragraph ${r.paragraph + 1}`, linkTarget(r.link, fit.link));
	const cite = `-# ${nameText(r.source.publisher, fit.nameMax)} · ${escapeMarkdown(publishedLabel(r.source))} · ${place}`;
	return `${head}\n${quote}\n${cite}`;
}

/** The heading, then the results numbered from `first`, in the first {@link FITS} step that fits one message. */
function answerText(heading: string, results: readonly AnswerResult[], first: number): string {
	let text = heading;
	for (const fit of FITS) {
		const seen = new Map<string, number>();
		const blocks = results.map((r, i) => {
			const sameAs = seen.get(r.source.id);
			if (sameAs === undefined) seen.set(r.source.id, first + i);
			return resultText(r, first + i, sameAs, fit);
		});
		text = [heading, ...blocks].join('\n\n');
		if (text.length <= MAX_MESSAGE_LENGTH) return text;
	}
	return truncate(text, MAX_MESSAGE_LENGTH);
}

/** The question as a reply repeats it: one line, escaped, at most 200 characters. */
function questionText(question: string): string {
	return nameText(question, 200);
}

/**
 * The reply to /ask: the quotes in the message's text, numbered, each a block quote with its citation
 * (title once per source; publisher, date and a masked link to the paragraph), within one message; or
 * a plain statement that the sources don't say. No embeds: the quotes show with link previews off, copy
 * with the message and are read once by a screen reader.
 */
export function renderAnswer(answer: Answer, sourceCount?: number): Reply {
	const question = questionText(answer.question);
	if (!answer.answered || answer.results.length === 0) {
		const among = sourceCount === undefined ? 'the sources' : `the ${sourceCount} sources`;
		return reply(`The sources don't say. Nothing in ${among} answers “${question}”.`, { abstained: true });
	}
	const n = answer.results.length;
	return reply(answerText(`**${n === 1 ? 'One passage' : `${n} passages`}** for “${question}”:`, answer.results, 1));
}

/** A reply as the console prints it: the content, then each card as a block of lines. */
export function replyToText(r: Reply): string {
	const parts = [r.content];
	for (const card of r.cards) {
		const lines = [card.description, `— ${card.title}${card.footer === undefined ? '' : ` · ${card.footer}`}`];
		if (card.url !== undefined) lines.push(`  ${card.url}`);
		parts.push(lines.join('\n'));
	}
	if (r.buttons.length > 0) parts.push(r.buttons.map((b) => `[${b.label}]`).join(' '));
	return parts.join('\n\n');
}

/** Results per page of /ask: "More" shows the next this many. */
export const ASK_PAGE_SIZE = 3;
/** How deep "More" goes: no page starts at or beyond this many results. */
export const MAX_ASK_RESULTS = 30;

/**
 * Characters of a button's state that still survive a restart: what {@link MAX_CUSTOM_ID} leaves once
 * the Discord adapter signs the id (`|` and a 16-character tag, src/discord/custom-ids.ts). A longer
 * state is kept in the bot's memory instead, and its button expires when the bot restarts.
 */
export const MAX_BUTTON_STATE = MAX_CUSTOM_ID - 17;

/**
 * A button's custom id: its parts joined by ":". The last part may itself hold ":" (a question);
 * adapters with a length limit shorten long ids themselves.
 */
export const buttonId = (...parts: readonly (string | number)[]): string => parts.join(':');

/** Where a page of /ask results starts, and how the answer was asked. */
export interface AnswerPage {
	/** Index of the first result shown, 0-based. Default 0. */
	readonly offset?: number;
	/** Sources searched, for "the N sources don't say". */
	readonly sourceCount?: number;
}

/**
 * The results "More" may reach: the first (the one the abstention rule passed), then those after it up
 * to the first that holds none of the question's informative words (coverage 0), which answer no part
 * of it. What follows the first page is ranked lower, and its heading says so.
 */
export function offeredResults(results: readonly AnswerResult[]): readonly AnswerResult[] {
	const stop = results.findIndex((r, i) => i > 0 && r.coverage <= 0);
	return stop === -1 ? results : results.slice(0, stop);
}

/** Whether a quote is its paragraph whole, so that showing the paragraph would repeat it. */
const isWholeParagraph = (r: AnswerResult): boolean => oneLine(r.quote) === oneLine(r.passage);

/** "n in context" for a quote cut from its paragraph: its id names the source, the paragraph and the quote's span. */
function contextButton(r: AnswerResult, n: number): Button {
	const start = Math.max(0, r.passage.indexOf(r.quote));
	return {
		id: buttonId('ask', 'context', r.source.id, r.paragraph, start, start + r.quote.length),
		label: `${n} in context`,
	};
}

function pageHeading(question: string, offset: number, shown: number): string {
	if (shown === 0) return `No more passages for “${question}”.`;
	return `**Passages ${offset + 1}–${offset + shown}** for “${question}”, ranked below the first ${offset}: they may answer it less well.`;
}

/**
 * The reply to /ask for one page of results: `answer` holds the results from the first up to at
 * least one past this page (so a "More" button shows only when there is more). Adds an "n in context"
 * button for each quote that is not its whole paragraph, then "Back"/"More", whose ids carry the
 * question and offset: one row.
 */
export function renderAnswerPage(answer: Answer, page: AnswerPage = {}): Reply {
	const offset = Math.max(0, page.offset ?? 0);
	const results = offeredResults(answer.results);
	const shown = results.slice(offset, offset + ASK_PAGE_SIZE);
	const question = oneLine(answer.question);
	const answered = answer.answered && (shown.length > 0 || offset === 0);
	const base = renderAnswer({ ...answer, results: shown, answered }, page.sourceCount);
	const buttons: Button[] = [];
	for (const [i, r] of shown.entries()) if (!isWholeParagraph(r)) buttons.push(contextButton(r, offset + i + 1));
	if (offset > 0)
		buttons.push({ id: buttonId('ask', 'more', Math.max(0, offset - ASK_PAGE_SIZE), question), label: 'Back' });
	const next = offset + ASK_PAGE_SIZE;
	if (results.length > next && next < MAX_ASK_RESULTS)
		buttons.push({ id: buttonId('ask', 'more', next, question), label: 'More' });
	if (offset === 0 || !answer.answered) return { ...base, buttons };
	const heading = pageHeading(questionText(question), offset, shown.length);
	return { ...base, content: shown.length === 0 ? heading : answerText(heading, shown, offset + 1), buttons };
}
