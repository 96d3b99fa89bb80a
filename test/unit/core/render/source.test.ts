import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paragraph, Source } from '../../../../src/core/catalog.js';
import { MAX_EMBED_DESCRIPTION, MAX_MESSAGE_LENGTH } from '../../../../src/core/render/discord-limits.js';
import { escapeMarkdown } from '../../../../src/core/render/markdown.js';
import { replyToText } from '../../../../src/core/render/render.js';
import {
	pageOfParagraph,
	pageSource,
	renderSource,
	renderPiece,
	renderSourceList,
	SOURCE_LIST_PAGE_SIZE,
	SOURCE_PAGE_CHARS,
	sourcePages,
} from '../../../../src/core/render/source.js';
import { corpusFrom, DEFAULT_DATA } from '../../../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);

/** A source published on day `n` of 2025 (ids and dates both grow with n); added through the bot when `added`. */
const source = (n: number, added = false): Source => ({
	id: `source-${n}`,
	file: `source-${n}.txt`,
	title: `Title number ${n}`,
	publisher: 'Test Press',
	url: `https://news.example/${n}`,
	published: new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10),
	library: 'shared',
	authors: [],
	...(added ? { addedAt: new Date(Date.UTC(2026, 0, 1 + n)).toISOString() } : {}),
});

/** Every source id a list page names, in order. */
const listed = (content: string) => [...content.matchAll(/`(source-\d+)`/g)].map((m) => m[1]!);

describe('renderSourceList', () => {
	it('pages through every source of a 60-source corpus, each once, newest first', () => {
		// Shuffled, so the order shown comes from the dates; a third added through the bot, newer than any published.
		const sources = Array.from({ length: 60 }, (_, i) => source((i * 37) % 60, i % 3 === 0));
		const first = renderSourceList(sources, 1);
		const pages = Number(/page 1 of (\d+)/.exec(first.content)?.[1]);
		expect(pages).toBe(Math.ceil(60 / SOURCE_LIST_PAGE_SIZE));
		const seen: string[] = [];
		for (let page = 1; page <= pages; page++) {
			const r = renderSourceList(sources, page);
			expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
			expect(r.buttons.map((b) => [b.id, b.disabled])).toEqual([
				[`source:page:list:${page - 1}`, page === 1],
				[`source:page:list:${page + 1}`, page === pages],
			]);
			seen.push(...listed(r.content));
		}
		const key = (s: Source) => s.addedAt ?? s.published ?? '';
		const newest = [...sources].sort((a, b) => key(b).localeCompare(key(a))).map((s) => s.id);
		expect(seen).toEqual(newest);
	});

	it('shows each source as "Publisher · date · Title", its id after, and no pager when one page holds all', () => {
		const r = renderSourceList([source(3)], 1);
		expect(r.content).toBe(
			'**1 sources**, newest first:\nTest Press · 2025-01-04 · Title number 3 · `source-3`\n-# page 1 of 1 · open one with `/source id:<id>`',
		);
		expect(r.buttons).toEqual([]);
	});

	it('clamps a page past the end to the last', () => {
		const sources = Array.from({ length: 25 }, (_, i) => source(i));
		expect(renderSourceList(sources, 99).content).toContain('page 3 of 3');
	});
});

/** Paragraph texts heavy in what escaping doubles, long and short, with surrogate pairs. */
const paragraphText = fc
	.tuple(
		fc.string({ unit: fc.constantFrom('a', 'b', ' ', '*', '_', '\n', '#', '@', 'é', '😀'), maxLength: 40 }),
		fc.nat(9_000),
	)
	.map(([unit, times]) => (unit === '' ? 'x' : unit.repeat(Math.ceil(times / unit.length) || 1)).slice(0, 9_000));

describe('pageSource', () => {
	it('shows every character of every paragraph exactly once, in order, within the page budget', () => {
		fc.assert(
			fc.property(
				fc.array(paragraphText, { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 300, max: MAX_EMBED_DESCRIPTION }),
				(texts, budget) => {
					const paragraphs = texts.map((text, n) => ({ n, text }));
					const pages = pageSource(paragraphs, budget);
					const rebuilt: string[] = texts.map(() => '');
					let expected = { n: 0, at: 0 };
					for (const page of pages) {
						expect(page.length).toBeGreaterThan(0);
						const shown = page.map((piece) => renderPiece(piece, texts[piece.n]!)).join('\n\n');
						expect(shown.length).toBeLessThanOrEqual(budget);
						for (const piece of page) {
							// Pieces follow one another with no gap and no overlap.
							if (piece.n !== expected.n) expect([piece.n, piece.start]).toEqual([expected.n + 1, 0]);
							else expect(piece.start).toBe(expected.at);
							rebuilt[piece.n] = `${rebuilt[piece.n]!}${texts[piece.n]!.slice(piece.start, piece.end)}`;
							expected = { n: piece.n, at: piece.end };
						}
					}
					expect(rebuilt).toEqual(texts);
				},
			),
			{ numRuns: 100 },
		);
	});

	it('fills each page of a real source to about a screen, a long paragraph continuing on the next page', () => {
		const s = news.byId.get('trends-2025-04-23')!;
		const paragraphs = news.paragraphsOf.get(s.id)!;
		const pages = sourcePages(s, paragraphs);
		expect(pages.length).toBeGreaterThan(1);
		for (let page = 1; page <= pages.length; page++) {
			const card = renderSource(s, paragraphs, page).cards[0]!;
			expect(card.description.length).toBeLessThanOrEqual(Math.min(SOURCE_PAGE_CHARS, MAX_EMBED_DESCRIPTION));
			// Full but for less than a paragraph's worth: pages are sized by length, not a count of paragraphs.
			if (page < pages.length) expect(card.description.length).toBeGreaterThan(SOURCE_PAGE_CHARS / 2);
		}
	});

	it('continues a paragraph too long for one page on the next, marked at both ends, every character shown', () => {
		const s = source(1);
		const long = Array.from({ length: 300 }, (_, i) => `Sentence ${i} *stars* and _lines_.`).join(' ');
		const paragraphs: Paragraph[] = [
			{ source: s, n: 0, text: 'Opening.' },
			{ source: s, n: 1, text: long },
		];
		const pages = sourcePages(s, paragraphs);
		expect(pages.length).toBeGreaterThan(2);
		const shown = pages.map((_, i) => renderSource(s, paragraphs, i + 1).cards[0]!.description);
		expect(shown[0]).toMatch(/continued on the next page$/);
		expect(shown[1]).toMatch(/^\*\*¶2, continued\*\* /);
		const pieces = pages.flat().filter((p) => p.n === 1);
		expect(pieces.map((p) => long.slice(p.start, p.end)).join('')).toBe(long);
		for (const p of pieces)
			expect(shown[pages.findIndex((page) => page.includes(p))]).toContain(escapeMarkdown(long.slice(p.start, p.end)));
		expect(pieces.length).toBe(pages.length);
		expect(pieces.every((p, i) => i === 0 || p.start > 0)).toBe(true);
	});

	it('opens the page on which a paragraph starts', () => {
		const s = news.byId.get('trends-2025-04-23')!;
		const paragraphs = news.paragraphsOf.get(s.id)!;
		const pages = sourcePages(s, paragraphs);
		const last = paragraphs.length - 1;
		const page = pageOfParagraph(pages, last);
		expect(page).toBe(pages.length);
		expect(replyToText(renderSource(s, paragraphs, page))).toContain(`**¶${last + 1}**`);
	});
});

describe('renderSource', () => {
	it('pages a source with Previous/Next naming the page, each paragraph verbatim but escaped', () => {
		const s = news.byId.get('war-on-the-rocks-2024-12-05')!;
		const paragraphs = news.paragraphsOf.get(s.id)!;
		const r = renderSource(s, paragraphs, 2);
		const count = sourcePages(s, paragraphs).length;
		expect(r.content).toMatch(
			new RegExp(`^\`war-on-the-rocks-2024-12-05\` · page 2 of ${count} · ¶\\d+–\\d+ · 18 paragraphs$`),
		);
		expect(r.buttons).toEqual([
			{ id: 'source:page:war-on-the-rocks-2024-12-05:1', label: 'Previous', disabled: false },
			{ id: 'source:page:war-on-the-rocks-2024-12-05:3', label: 'Next', disabled: false },
		]);
		const text = replyToText(r);
		for (const piece of sourcePages(s, paragraphs)[1]!)
			expect(text).toContain(escapeMarkdown(paragraphs[piece.n]!.text.slice(piece.start, piece.end)));
	});
});
