import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePostings, encodePostings } from '../../../../src/core/search/postings-codec.js';
import {
	addDocument,
	bm25Idf,
	createPostings,
	documentsWithAll,
	searchPostings,
	type Postings,
} from '../../../../src/core/search/postings.js';

const PARAMS = { k: 1.2, b: 0.75 };

function build(docs: readonly (readonly string[])[][]): Postings {
	const p = createPostings(2);
	for (const d of docs) addDocument(p, d);
	return p;
}

const term = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
const doc = fc.tuple(fc.array(term, { maxLength: 12 }), fc.array(term, { maxLength: 3 }));
const corpus = fc.array(doc, { minLength: 1, maxLength: 40 });
const weights = fc
	.dictionary(term, fc.double({ min: 0.1, max: 3, noNaN: true }), { minKeys: 1 })
	.map((o) => new Map(Object.entries(o)));

describe('postings', () => {
	// Scores against a naive BM25: engines.test.ts, for this engine and MiniSearch alike.

	it('returns the same best hits, with the same scores, when it stops reading the common terms whole', () => {
		// Skewed: 'the'-like terms in most documents, rare ones in a few, so that a small `limit` lets the
		// search skip most of the common postings (MaxScore); the first hits of an unbounded search are the truth.
		const skewed = fc.constantFrom('a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd', 'e', 'f', 'g');
		const big = fc.array(
			fc.tuple(fc.array(skewed, { minLength: 1, maxLength: 15 }), fc.array(skewed, { maxLength: 2 })),
			{ minLength: 50, maxLength: 300 },
		);
		fc.assert(
			fc.property(big, weights, fc.integer({ min: 1, max: 12 }), (docs, w, top) => {
				const p = build(docs);
				expect(searchPostings(p, w, [1, 0.5], PARAMS, top)).toEqual(
					searchPostings(p, w, [1, 0.5], PARAMS, docs.length).slice(0, top),
				);
			}),
			{ numRuns: 200 },
		);
	});

	it('leaves no score behind between searches', () => {
		const p = build([
			[['a', 'b'], []],
			[['b'], []],
			[['c'], ['a']],
		]);
		const first = searchPostings(p, new Map([['b', 1]]), [1, 1], PARAMS, 10);
		searchPostings(p, new Map([['a', 1]]), [1, 1], PARAMS, 10);
		expect(searchPostings(p, new Map([['b', 1]]), [1, 1], PARAMS, 10)).toEqual(first);
	});

	it('finds nothing for unknown terms, zero, vanishing or infinite weights, or a zero limit', () => {
		const p = build([[['a'], []]]);
		expect(searchPostings(p, new Map([['a', 1e-320]]), [1, 1], PARAMS, 10)).toEqual([]);
		expect(searchPostings(p, new Map([['a', Infinity]]), [1, 1], PARAMS, 10)).toEqual([]);
		expect(searchPostings(p, new Map([['a', Number.NaN]]), [1, 1], PARAMS, 10)).toEqual([]);
		expect(searchPostings(p, new Map([['zzz', 1]]), [1, 1], PARAMS, 10)).toEqual([]);
		expect(searchPostings(p, new Map([['a', 0]]), [1, 1], PARAMS, 10)).toEqual([]);
		expect(searchPostings(p, new Map([['a', 1]]), [1, 1], PARAMS, 0)).toEqual([]);
	});

	it('round-trips through its flat form, and documents added after loading rank as if built at once', () => {
		fc.assert(
			fc.property(corpus, corpus, weights, (first, more, w) => {
				const decoded = decodePostings(encodePostings(build(first)).layout, encodePostings(build(first)).data);
				expect(decoded.ok).toBe(true);
				if (!decoded.ok) return;
				for (const d of more) addDocument(decoded.value, d);
				const whole = build([...first, ...more]);
				expect(searchPostings(decoded.value, w, [1, 0.5], PARAMS, 100)).toEqual(
					searchPostings(whole, w, [1, 0.5], PARAMS, 100),
				);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses a flat form that is damaged, rather than trusting it', () => {
		const { layout, data } = encodePostings(
			build([
				[['a', 'b'], ['c']],
				[['b', 'b'], []],
			]),
		);
		expect(decodePostings(layout, data.subarray(1)).ok).toBe(false);
		const outOfRange = Uint32Array.from(data);
		// The first field's lengths (2 documents) then offsets (3 terms + 1), then the document ids.
		outOfRange[2 + 4] = 99;
		expect(decodePostings(layout, outOfRange)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/out of order or range/),
		});
		expect(decodePostings({ ...layout, terms: ['a', 'a', 'b'] }, data).ok).toBe(false);
	});

	it('has a non-negative inverse document frequency, falling as a term gets commoner', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (n, df) => {
				const d = Math.min(df, n);
				expect(bm25Idf(n, d)).toBeGreaterThanOrEqual(0);
				if (d < n) expect(bm25Idf(n, d)).toBeGreaterThanOrEqual(bm25Idf(n, d + 1));
			}),
		);
	});
});

describe('documentsWithAll', () => {
	it('equals a naive scan: the documents holding every term, in id order, at most the limit', () => {
		const vocabulary = ['a', 'b', 'c', 'd', 'e'];
		const docs = fc.array(fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }), { maxLength: 40 });
		fc.assert(
			fc.property(
				docs,
				fc.uniqueArray(fc.constantFrom(...vocabulary, 'zz'), { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 1, max: 50 }),
				(texts, terms, limit) => {
					const p = createPostings(1);
					for (const t of texts) addDocument(p, [t]);
					const naive = texts.flatMap((t, i) => (terms.every((x) => t.includes(x)) ? [i] : [])).slice(0, limit);
					expect(documentsWithAll(p, terms, limit)).toEqual(naive);
				},
			),
		);
	});
});
