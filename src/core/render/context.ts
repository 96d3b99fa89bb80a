import { publishedLabel, type Citation, type Paragraph } from '../catalog.js';
import { MAX_MESSAGE_LENGTH } from './discord-limits.js';
import { textFragmentLink } from './link.js';
import { escapeMarkdown, truncate } from './markdown.js';
import { clipEscaped, linkTarget, maskedLink, oneLine } from './quotes.js';
import { CUT_MARK, reply, type Reply } from './render.js';

/** Where a quote lies in its paragraph: UTF-16 offsets, as `slice` takes them. */
export interface QuoteSpan {
	readonly start: number;
	readonly end: number;
}

/** Characters of a neighbouring paragraph, escaped, at each step of fitting the reply in one message. */
const NEIGHBOUR_STEPS = [Infinity, 600, 300, 120] as const;
/** Characters of a title in the heading, escaped. */
const TITLE_MAX = 120;
/** Characters of the heading's link: a longer one falls back to the page's address, then to none. */
const HEADING_LINK_MAX = 500;

/** The longest end of `text` whose escaped form is at most `max` characters, starting at a word. */
function clipEscapedEnd(text: string, max: number): string {
	const reversed = Array.from(text).reverse().join('');
	return Array.from(clipEscaped(reversed, max)).reverse().join('').trimStart();
}

/** The paragraph before: whole, or its end, "…" before it. */
function before(text: string, max: number): string {
	const kept = clipEscapedEnd(text, max - CUT_MARK.length);
	return kept === text ? escapeMarkdown(text) : `${CUT_MARK}${escapeMarkdown(kept)}`;
}

/** The paragraph after: whole, or its start, "…" after it. */
function after(text: string, max: number): string {
	const kept = clipEscaped(text, max - CUT_MARK.length);
	return kept === text ? escapeMarkdown(text) : `${escapeMarkdown(kept)}${CUT_MARK}`;
}

/**
 * The paragraph holding the quote, the quote in bold: whole when it fits in `max`, else the quote
 * with as much on each side as fits, every cut marked "…". Without a span, the paragraph's start.
 */
function quoted(text: string, span: QuoteSpan | undefined, max: number): string {
	if (span === undefined || span.start < 0 || span.end > text.length || span.start >= span.end) return after(text, max);
	const quote = text.slice(span.start, span.end);
	const shownQuote = clipEscaped(quote, max - 8);
	const bold = `**${escapeMarkdown(shownQuote)}${shownQuote === quote ? '' : CUT_MARK}**`;
	const side = Math.max(0, Math.floor((max - bold.length) / 2));
	const head = text.slice(0, span.start);
	const tail = shownQuote === quote ? text.slice(span.end) : '';
	const room = (part: string) => (escapeMarkdown(part).length <= side ? escapeMarkdown(part).length : side);
	const headText = head.length === 0 ? '' : before(head, side + (side - room(tail)));
	const tailText = tail.length === 0 ? '' : after(tail, side + (side - room(head)));
	return `${headText}${bold}${tailText}`;
}

/** What the heading says comes with the paragraph. */
function around(hasBefore: boolean, hasAfter: boolean): string {
	if (hasBefore && hasAfter) return ', with the paragraphs before and after it';
	if (hasBefore) return ', the last, with the paragraph before it';
	if (hasAfter) return ', the first, with the paragraph after it';
	return ', its only paragraph';
}

/** A paragraph as a block quote, and its number in subtext under it. */
const block = (text: string, n: number, note = ''): string => `> ${text}\n-# paragraph ${n + 1}${note}`;

/**
 * "n in context": the quote's paragraph, the quote in bold, with the paragraph before and after it,
 * each a block quote, under a heading that names the source once and links to the paragraph. Within
 * one message: the neighbours are shortened first, then the quote's paragraph around the quote.
 * Ephemeral: only the person who clicked sees it.
 */
export function renderContext(
	source: Citation,
	paragraphs: readonly Pick<Paragraph, 'n' | 'text'>[],
	n: number,
	span?: QuoteSpan,
): Reply {
	const at = paragraphs.findIndex((p) => p.n === n);
	const main = paragraphs[at]!;
	const prev = at > 0 ? paragraphs[at - 1] : undefined;
	const next = paragraphs[at + 1];
	const quote = span === undefined ? main.text : main.text.slice(span.start, span.end);
	const link = linkTarget(textFragmentLink(source.url, quote), 'fragment', HEADING_LINK_MAX);
	const title = clipEscaped(oneLine(source.title), TITLE_MAX);
	const heading =
		`Paragraph ${n + 1} of “${escapeMarkdown(title)}${title === oneLine(source.title) ? '' : CUT_MARK}”` +
		`${around(prev !== undefined, next !== undefined)}${span === undefined ? '' : ', the quote in bold'}:\n` +
		`-# ${escapeMarkdown(oneLine(source.publisher))} · ${escapeMarkdown(publishedLabel(source))} · ` +
		maskedLink(`open paragraph ${n + 1} at the source`, link);
	let text = heading;
	for (const neighbour of NEIGHBOUR_STEPS) {
		const sides = [prev, next].filter((p) => p !== undefined);
		const shownSides = sides.map((p) => (p === prev ? before : after)(p.text, neighbour));
		const used = heading.length + shownSides.reduce((s, t) => s + t.length + 30, 0) + 30;
		const parts = [heading];
		if (prev !== undefined) parts.push(block(shownSides[0]!, prev.n));
		parts.push(block(quoted(main.text, span, MAX_MESSAGE_LENGTH - used), main.n));
		if (next !== undefined) parts.push(block(shownSides.at(-1)!, next.n));
		text = parts.join('\n\n');
		if (text.length <= MAX_MESSAGE_LENGTH) return reply(text, { ephemeral: true });
	}
	return reply(truncate(text, MAX_MESSAGE_LENGTH), { ephemeral: true });
}
