import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceSchema, type Paragraph } from '../../../../src/core/catalog.js';
import { ENGINE_NAMES } from '../../../../src/core/search/engine.js';
import {
	addToIndex,
	buildIndex,
	deserializeIndex,
	idf,
	paragraphCount,
	paragraphHolds,
	paragraphsWithAll,
	searchIndex,
	serializeIndex,
	type SearchIndex,
} from '../../../../src/core/search/search-index.js';

const source = (title: string) =>
	SourceSchema.parse({
		id: 'src',
		file: 'src.txt',
		title,
		publisher: 'Harbour Post',
		url: 'https://harbour.example/',
		published: '2024-01-01',
	});
const harbour = source('Harbour News');
const rail = source('Railway Gazette');

const paragraphsOf = (texts: readonly string[], s = harbour): Paragraph[] =>
	texts.map((text, n) => ({ source: s, n, text }));

const TEXTS = [
	'The ferry left the harbour at dawn.',
	'Fishermen mended their nets on the quay.',
	'The ferry and the fishermen shared the quay.',
	'A storm closed the harbour for three days.',
];
describe.each(ENGINE_NAMES)('with the %s engine', (engine) => {
	const index = buildIndex(paragraphsOf(TEXTS), undefined, undefined, engine);
	const term = (word: string) => index.analyzer.termOfWord(word)!;
	const vocabulary = (i: SearchIndex) => [...i.vocabulary.entries()].sort(([a], [b]) => a.localeCompare(b));

	describe('buildIndex', () => {
		it('numbers paragraphs by their position and counts, per term, the paragraphs holding it', () => {
			expect(paragraphCount(index)).toBe(4);
			expect(index.vocabulary.get(term('ferry'))).toBe(2);
			expect(index.vocabulary.get(term('harbour'))).toBe(2);
			expect(index.vocabulary.get(term('storm'))).toBe(1);
			expect(index.vocabulary.has(term('railway'))).toBe(false);
		});

		it('is empty for no paragraphs', () => {
			const empty = buildIndex([], undefined, undefined, engine);
			expect(paragraphCount(empty)).toBe(0);
			expect(searchIndex(empty, new Map([[term('ferry'), 1]]), 10)).toEqual([]);
		});
	});

	describe('searchIndex', () => {
		it('returns only paragraphs holding a term, best first, at most `limit`', () => {
			const hits = searchIndex(
				index,
				new Map([
					[term('ferry'), 1],
					[term('quay'), 1],
				]),
				10,
			);
			expect(hits[0]!.id).toBe(2);
			expect(new Set(hits.map((h) => h.id))).toEqual(new Set([0, 1, 2]));
			for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
			expect(
				searchIndex(
					index,
					new Map([
						[term('ferry'), 1],
						[term('quay'), 1],
					]),
					1,
				),
			).toEqual([hits[0]]);
		});

		it('finds nothing for a term no paragraph holds', () => {
			expect(searchIndex(index, new Map([['zzzunknown', 1]]), 10)).toEqual([]);
		});

		it('counts a match in the source title', () => {
			const mixed = buildIndex(
				[...paragraphsOf(['The line opened.']), ...paragraphsOf(['The line opened.'], rail)],
				undefined,
				undefined,
				engine,
			);
			const hits = searchIndex(mixed, new Map([[mixed.analyzer.termOfWord('railway')!, 1]]), 10);
			expect(hits.map((h) => h.id)).toEqual([1]);
			expect(paragraphHolds(mixed, mixed.analyzer.termOfWord('railway')!, 1)).toBe(false);
		});
	});

	describe('paragraphsWithAll and paragraphHolds', () => {
		it('lists, in id order, the paragraphs whose text holds every term', () => {
			expect(paragraphsWithAll(index, [term('ferry')], 10)).toEqual([0, 2]);
			expect(paragraphsWithAll(index, [term('ferry'), term('quay')], 10)).toEqual([2]);
			expect(paragraphsWithAll(index, [term('harbour'), term('quay')], 10)).toEqual([]);
			expect(paragraphsWithAll(index, [term('harbour')], 1)).toEqual([0]);
		});

		it('says whether one paragraph holds a term', () => {
			expect(paragraphHolds(index, term('storm'), 3)).toBe(true);
			expect(paragraphHolds(index, term('storm'), 0)).toBe(false);
			expect(paragraphHolds(index, 'zzzunknown', 0)).toBe(false);
		});
	});

	describe('addToIndex', () => {
		it('numbers added paragraphs after those held, and updates the counts', () => {
			const grown = addToIndex(
				buildIndex(paragraphsOf(TEXTS.slice(0, 2)), undefined, undefined, engine),
				paragraphsOf(TEXTS.slice(2)),
			);
			expect(paragraphCount(grown)).toBe(4);
			expect(paragraphsWithAll(grown, [term('ferry')], 10)).toEqual([0, 2]);
			expect(grown.vocabulary.get(term('quay'))).toBe(2);
		});

		it('gives the index built at once, whatever the split', () => {
			const word = fc.constantFrom('ferry', 'harbour', 'quay', 'storm', 'nets', 'dawn', 'captain', 'cargo');
			const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
			fc.assert(
				fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.nat(), (texts, cut) => {
					const at = cut % (texts.length + 1);
					const whole = buildIndex(paragraphsOf(texts), undefined, undefined, engine);
					const grown = addToIndex(
						buildIndex(paragraphsOf(texts.slice(0, at)), undefined, undefined, engine),
						paragraphsOf(texts.slice(at)),
					);
					expect(vocabulary(grown)).toEqual(vocabulary(whole));
					const weights = new Map([
						[term('ferry'), 1],
						[term('cargo'), 2],
					]);
					expect(searchIndex(grown, weights, 20)).toEqual(searchIndex(whole, weights, 20));
				}),
				{ numRuns: 100 },
			);
		});
	});

	describe('serializeIndex and deserializeIndex', () => {
		it('round-trip: same count, vocabulary, background, hits and conjunctions', () => {
			const built = buildIndex(
				paragraphsOf(TEXTS),
				new Map([
					['the', 1],
					['ferry', 900],
				]),
				undefined,
				engine,
			);
			const loaded = deserializeIndex(serializeIndex(built));
			expect(loaded.ok).toBe(true);
			if (!loaded.ok) return;
			expect(paragraphCount(loaded.value)).toBe(4);
			expect(vocabulary(loaded.value)).toEqual(vocabulary(built));
			expect([...loaded.value.background]).toEqual([...built.background]);
			const weights = new Map([
				[term('ferry'), 1],
				[term('harbour'), 0.5],
				[term('storm'), 2],
			]);
			expect(searchIndex(loaded.value, weights, 10)).toEqual(searchIndex(built, weights, 10));
			expect(paragraphsWithAll(loaded.value, [term('ferry'), term('quay')], 10)).toEqual([2]);
			expect(paragraphHolds(loaded.value, term('storm'), 3)).toBe(true);
		});

		it('round-trips whatever the paragraphs', () => {
			const word = fc.constantFrom('ferry', 'harbour', 'quay', 'storm', 'nets', 'dawn');
			const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
			fc.assert(
				fc.property(fc.array(text, { maxLength: 10 }), (texts) => {
					const built = buildIndex(paragraphsOf(texts), undefined, undefined, engine);
					const loaded = deserializeIndex(serializeIndex(built));
					expect(loaded.ok).toBe(true);
					if (!loaded.ok) return;
					expect(vocabulary(loaded.value)).toEqual(vocabulary(built));
					const weights = new Map([
						[term('ferry'), 1],
						[term('storm'), 1],
					]);
					expect(searchIndex(loaded.value, weights, 20)).toEqual(searchIndex(built, weights, 20));
				}),
				{ numRuns: 100 },
			);
		});

		it('refuses a damaged serialized index', () => {
			const serialized = serializeIndex(index);
			const damaged =
				serialized.engine === 'columnar'
					? { ...serialized, data: serialized.data.subarray(1) }
					: { ...serialized, json: serialized.json.slice(1) };
			expect(deserializeIndex(damaged).ok).toBe(false);
		});
	});

	describe('idf', () => {
		it('is non-negative and falls as a term gets commoner', () => {
			expect(idf(index, 1)).toBeGreaterThan(idf(index, 2));
			expect(idf(index, 2)).toBeGreaterThan(idf(index, 4));
			expect(idf(index, 4)).toBeGreaterThanOrEqual(0);
		});
	});
});
