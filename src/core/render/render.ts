import type { Answer, AnswerResult } from '../answer/answer.js';
import type { Citation } from '../catalog.js';
import type { Paragraph } from '../catalog.js';
import { MAX_CUSTOM_ID, MAX_EMBED_DESCRIPTION, MAX_EMBED_TITLE } from './discord-limits.js';
import { textFragmentLink } from './link.js';
import { escapeMarkdown, truncate } from './markdown.js';
import { quoteCutOf, UNCUT, type QuoteCut } from '../answer/quote-cut.js';

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
	return `${source.publisher} · ${source.published}`;
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

/**
 * The card for one answer result: the quote (marked "…" where it is cut from a longer sentence), its
 * source's title, publisher and date, and the link.
 */
export function resultCard(result: AnswerResult): Card {
	return {
		title: truncate(escapeMarkdown(result.source.title), MAX_EMBED_TITLE),
		url: result.link,
		description: truncate(blockQuote(result.quote, quoteCutOf(result.passage, result.quote)), MAX_EMBED_DESCRIPTION),
		footer: `${citationLine(result.source)} · paragraph ${result.paragraph + 1}`,
	};
}

/** The reply to /ask: a card per quote, or a plain statement that the sources don't say. */
export function renderAnswer(answer: Answer, sourceCount?: number): Reply {
	const question = truncate(answer.question.replace(/\s+/g, ' ').trim(), 200);
	if (!answer.answered || answer.results.length === 0) {
		const among = sourceCount === undefined ? 'the sources' : `the ${sourceCount} sources`;
		return reply(`The sources don't say. Nothing in ${among} answers “${escapeMarkdown(question)}”.`);
	}
	const n = answer.results.length;
	return reply(`**${n === 1 ? 'One passage' : `${n} passages`}** for “${escapeMarkdown(question)}”:`, {
		cards: answer.results.map(resultCard),
	});
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
 * The reply to /ask for one page of results: `answer` holds the results from the first up to at
 * least one past this page (so a "More" button shows only when there is more). Adds a "Full
 * paragraph" button per card, and "Back"/"More" buttons whose ids carry the question and offset.
 */
export function renderAnswerPage(answer: Answer, page: AnswerPage = {}): Reply {
	const offset = Math.max(0, page.offset ?? 0);
	const shown = answer.results.slice(offset, offset + ASK_PAGE_SIZE);
	const question = answer.question.replace(/\s+/g, ' ').trim();
	const base = renderAnswer(
		{ ...answer, results: shown, answered: answer.answered && (shown.length > 0 || offset === 0) },
		page.sourceCount,
	);
	const buttons: Button[] = shown.map((r) => ({
		id: buttonId('ask', 'full', r.source.id, r.paragraph),
		label: `Full paragraph ${r.paragraph + 1} · ${r.source.publisher}`,
	}));
	if (offset > 0)
		buttons.push({ id: buttonId('ask', 'more', Math.max(0, offset - ASK_PAGE_SIZE), question), label: 'Back' });
	const next = offset + ASK_PAGE_SIZE;
	if (answer.results.length > next && next < MAX_ASK_RESULTS)
		buttons.push({ id: buttonId('ask', 'more', next, question), label: 'More' });
	if (offset === 0) return { ...base, buttons };
	const first = offset + 1;
	const heading =
		shown.length === 0
			? `No more passages for “${escapeMarkdown(truncate(question, 200))}”.`
			: `**Passages ${first}–${offset + shown.length}** for “${escapeMarkdown(truncate(question, 200))}”:`;
	return { ...base, content: heading, buttons };
}

/** One paragraph of a source, whole and verbatim, as a card linking to it (shown only to who asked). */
export function renderParagraph(source: Citation, paragraph: Pick<Paragraph, 'n' | 'text'>): Reply {
	return reply(`Paragraph ${paragraph.n + 1} of \`${source.id}\`, in full:`, {
		cards: [
			{
				title: truncate(escapeMarkdown(source.title), MAX_EMBED_TITLE),
				url: textFragmentLink(source.url, paragraph.text),
				description: blockQuote(paragraph.text.trim()),
				footer: `${citationLine(source)} · paragraph ${paragraph.n + 1}`,
			},
		],
		ephemeral: true,
	});
}
