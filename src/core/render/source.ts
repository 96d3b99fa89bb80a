import { bold, inlineCode, subtext } from '@discordjs/formatters';
import { publishedLabel, type Paragraph, type Source } from '../catalog.js';
import {
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_FOOTER,
	MAX_EMBED_TITLE,
	MAX_MESSAGE_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from './discord-limits.js';
import { escapeMarkdown, truncate } from './markdown.js';
import { sortNewestFirst } from '../sources.js';
import { buttonId, citationLine, reply, type Button, type Reply } from './render.js';

/** Sources listed a page of `/source id:list`: ten lines, each held to {@link LIST_LINE_CHARS}, fit one message. */
export const SOURCE_LIST_PAGE_SIZE = 10;
/** Characters of one line of the list: what ten leave of a message once the heading and footer are set. */
const LIST_LINE_CHARS = Math.floor((MAX_MESSAGE_LENGTH - 120) / SOURCE_LIST_PAGE_SIZE) - 1;
/** Characters of a publisher's name in a line of the list. */
const LIST_PUBLISHER_CHARS = 40;

/** The longest escaped shortening of `text` within `max` characters ("" when not even a word fits). */
export function fitEscaped(text: string, max: number): string {
	const whole = escapeMarkdown(text);
	if (whole.length <= max) return whole;
	let low = 0;
	let high = Math.min(text.length, max);
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (escapeMarkdown(truncate(text, mid)).length <= max) low = mid;
		else high = mid - 1;
	}
	return low === 0 ? '' : escapeMarkdown(truncate(text, low));
}

/** "Publisher · 2025-09-07 · Title · `id`", within {@link LIST_LINE_CHARS}. */
export function sourceListLine(s: Source): string {
	const publisher = fitEscaped(s.publisher, LIST_PUBLISHER_CHARS);
	const head = `${publisher} · ${publishedLabel(s)} · `;
	const tail = ` · ${inlineCode(s.id)}`;
	return `${head}${fitEscaped(s.title, LIST_LINE_CHARS - head.length - tail.length)}${tail}`;
}

/** Pages of the list of `count` sources. */
export const sourceListPages = (count: number): number => Math.max(1, Math.ceil(count / SOURCE_LIST_PAGE_SIZE));

/**
 * The reply to `/source id:list`: one page (1-based, clamped) of every source, newest first, each as
 * "Publisher · date · Title · `id`", with Previous/Next whose ids carry the page (`source:page:list:<n>`),
 * so they work after a restart and reach every source however many there are.
 */
export function renderSourceList(sources: readonly Source[], page = 1): Reply {
	const pages = sourceListPages(sources.length);
	const at = Math.min(Math.max(1, Math.floor(page)), pages);
	const shown = sortNewestFirst(sources)
		.slice((at - 1) * SOURCE_LIST_PAGE_SIZE, at * SOURCE_LIST_PAGE_SIZE)
		.map(sourceListLine);
	const heading = `${bold(`${sources.length} sources`)}, newest first:`;
	const footer = subtext(`page ${at} of ${pages} · open one with ${inlineCode('/source id:<id>')}`);
	const buttons: Button[] =
		pages === 1
			? []
			: [
					{ id: buttonId('source', 'page', 'list', at - 1), label: 'Previous', disabled: at <= 1 },
					{ id: buttonId('source', 'page', 'list', at + 1), label: 'Next', disabled: at >= pages },
				];
	return reply([heading, ...shown, footer].join('\n'), { buttons });
}

/** A stretch of one paragraph shown on a page: all of it, or a part when it is too long for one page. */
export interface SourcePiece {
	/** The paragraph's number, 0-based. */
	readonly n: number;
	/** Where the stretch starts and ends in the paragraph's text (UTF-16 units, end exclusive). */
	readonly start: number;
	readonly end: number;
	/** Whether the paragraph goes on past this stretch (on the next page). */
	readonly continues: boolean;
}

const PIECE_SEPARATOR = '\n\n';
const CONTINUES = ` ${subtext('continued on the next page')}`;

/** One stretch as shown: "**¶3** text", "**¶3, continued** text", verbatim but escaped. */
export function renderPiece(piece: SourcePiece, text: string): string {
	const label = bold(piece.start === 0 ? `¶${piece.n + 1}` : `¶${piece.n + 1}, continued`);
	const body = escapeMarkdown(text.slice(piece.start, piece.end));
	return `${label} ${body}${piece.continues ? `\n${CONTINUES.trimStart()}` : ''}`;
}

/** Where to end a stretch of `text` from `start` whose rendering must fit `room`; `start` when none fits. */
function pieceEnd(n: number, text: string, start: number, room: number): number {
	const cost = (end: number) => renderPiece({ n, start, end, continues: end < text.length }, text).length;
	let low = start;
	// Escaping only lengthens text, so no more than `room` characters can fit.
	let high = Math.min(text.length, start + Math.max(0, room));
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (cost(mid) <= room) low = mid;
		else high = mid - 1;
	}
	if (low === text.length || low === start) return low;
	// Break after a space in the second half of the stretch, never inside a surrogate pair.
	const space = text.lastIndexOf(' ', low - 1);
	let end = space >= start + (low - start) / 2 ? space + 1 : low;
	if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '') && end - 1 > start) end -= 1;
	return end;
}

/** The least an empty page takes of a paragraph when nothing fits: one character, a surrogate pair whole. */
const forcedEnd = (text: string, start: number): number =>
	Math.min(text.length, start + (/[\uD800-\uDBFF]/.test(text[start] ?? '') ? 2 : 1));

/**
 * Characters of text a source page holds: about a screen on a desktop and two on a phone (a page
 * filled to Discord's 4,096 was 2,500 pixels tall at 360 wide). Far below the embed limits, which
 * bound it too.
 */
export const SOURCE_PAGE_CHARS = 1_800;

/** Characters below which a page's leftover room is not worth starting a paragraph in. */
const MIN_PIECE_ROOM = 200;

/**
 * Splits a source's paragraphs into pages of at most `budget` characters once rendered: as many whole
 * paragraphs as fit, and a paragraph too long for what is left continues on the next page, so every
 * character of every paragraph is shown exactly once (never cut off, never left out).
 */
export function pageSource(paragraphs: readonly Pick<Paragraph, 'n' | 'text'>[], budget: number): SourcePiece[][] {
	const pages: SourcePiece[][] = [];
	let page: SourcePiece[] = [];
	let used = 0;
	for (const p of paragraphs) {
		let start = 0;
		for (;;) {
			const separator = page.length > 0 ? PIECE_SEPARATOR.length : 0;
			const room = budget - used - separator;
			const end = pieceEnd(p.n, p.text, start, room);
			const piece = { n: p.n, start, end, continues: end < p.text.length };
			const fits = renderPiece(piece, p.text).length <= room && (end > start || p.text.length === 0);
			// A paragraph is begun in a page's leftover room only when that room holds a fair stretch of it.
			if (page.length > 0 && (!fits || (piece.continues && room < MIN_PIECE_ROOM))) {
				pages.push(page);
				page = [];
				used = 0;
				continue;
			}
			// An empty page always takes something, so the loop ends whatever the budget.
			const cut = fits ? end : forcedEnd(p.text, start);
			const taken = { ...piece, end: cut, continues: cut < p.text.length };
			used += separator + renderPiece(taken, p.text).length;
			page.push(taken);
			start = cut;
			if (start >= p.text.length) break;
		}
	}
	if (page.length > 0 || pages.length === 0) pages.push(page);
	return pages;
}

/** The card's title and footer for a source, and what they leave of the embed limits for its text. */
function sourceCard(source: Source): { title: string; footer: string; budget: number } {
	const title = truncate(escapeMarkdown(source.title), MAX_EMBED_TITLE);
	const authors = source.authors.length > 0 ? ` · by ${source.authors.join(', ')}` : '';
	const footer = truncate(`${citationLine(source)}${authors}`, Math.min(MAX_EMBED_FOOTER, 400));
	return {
		title,
		footer,
		budget: Math.min(SOURCE_PAGE_CHARS, MAX_EMBED_DESCRIPTION, MAX_TOTAL_EMBED_CHARS - title.length - footer.length),
	};
}

/** The pages of a source as its card holds them. */
export const sourcePages = (source: Source, paragraphs: readonly Pick<Paragraph, 'n' | 'text'>[]): SourcePiece[][] =>
	pageSource(paragraphs, sourceCard(source).budget);

/** The page (1-based) on which paragraph `n` (0-based) starts. */
export const pageOfParagraph = (pages: readonly SourcePiece[][], n: number): number =>
	Math.max(1, pages.findIndex((page) => page.some((p) => p.n === n && p.start === 0)) + 1);

/**
 * The reply to `/source id:<id>`: its metadata, and one page (1-based, clamped) of its text verbatim,
 * filled up to the embed limits, with Previous/Next whose ids carry the source and page
 * (`source:page:<id>:<n>`), so they work after a restart.
 */
export function renderSource(source: Source, paragraphs: readonly Pick<Paragraph, 'n' | 'text'>[], page = 1): Reply {
	const card = sourceCard(source);
	const pages = pageSource(paragraphs, card.budget);
	const at = Math.min(Math.max(1, Math.floor(page)), pages.length);
	const shown = pages[at - 1] ?? [];
	const byN = new Map(paragraphs.map((p) => [p.n, p.text]));
	const description = shown.map((piece) => renderPiece(piece, byN.get(piece.n) ?? '')).join(PIECE_SEPARATOR);
	const first = shown[0];
	const last = shown.at(-1);
	const range =
		first === undefined || last === undefined
			? ''
			: first.n === last.n
				? ` · ¶${first.n + 1}`
				: ` · ¶${first.n + 1}–${last.n + 1}`;
	const buttons: Button[] =
		pages.length === 1
			? []
			: [
					{ id: buttonId('source', 'page', source.id, at - 1), label: 'Previous', disabled: at <= 1 },
					{ id: buttonId('source', 'page', source.id, at + 1), label: 'Next', disabled: at >= pages.length },
				];
	const content = `${inlineCode(source.id)} · page ${at} of ${pages.length}${range} · ${paragraphs.length} paragraphs`;
	return reply(content, {
		cards: [{ title: card.title, url: source.url, description, footer: card.footer }],
		buttons,
	});
}
