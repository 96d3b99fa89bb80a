import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthBest, topHits } from '../../../../src/core/search/top-hits.js';

/** The best `limit` of the first `count` ids, by sorting them all: what the heaps must agree with. */
function naiveTop(scores: Float64Array, ids: Uint32Array, count: number, limit: number) {
	return Array.from(ids.subarray(0, count), (id) => ({ id, score: scores[id]! }))
		.sort((x, y) => y.score - x.score || x.id - y.id)
		.slice(0, limit);
}

/** Scores with ties (a few distinct values), and a list of distinct ids into them. */
const arrays = fc.array(fc.constantFrom(0, 0.5, 1, 1.5, 2, 3, 7.25), { minLength: 1, maxLength: 60 }).chain((s) =>
	fc.tuple(
		fc.constant(Float64Array.from(s)),
		fc.shuffledSubarray([...s.keys()]).map((ids) => Uint32Array.from(ids)),
	),
);

describe('topHits', () => {
	it('returns the best first, ties by lower id, at most `limit`', () => {
		const scores = Float64Array.from([1, 5, 3, 5, 0, 2]);
		const ids = Uint32Array.from([0, 1, 2, 3, 4, 5]);
		expect(topHits(scores, ids, 6, 3)).toEqual([
			{ id: 1, score: 5 },
			{ id: 3, score: 5 },
			{ id: 2, score: 3 },
		]);
	});

	it('reads only the first `count` ids', () => {
		const scores = Float64Array.from([1, 5, 3, 9]);
		expect(topHits(scores, Uint32Array.from([0, 1, 2, 3]), 2, 5)).toEqual([
			{ id: 1, score: 5 },
			{ id: 0, score: 1 },
		]);
	});

	it('returns nothing for a zero limit or no ids', () => {
		const scores = Float64Array.from([1, 2]);
		expect(topHits(scores, Uint32Array.from([0, 1]), 2, 0)).toEqual([]);
		expect(topHits(scores, new Uint32Array(0), 0, 5)).toEqual([]);
	});

	it('equals sorting everything and keeping the first `limit`', () => {
		fc.assert(
			fc.property(arrays, fc.nat({ max: 70 }), fc.nat({ max: 70 }), ([scores, ids], c, limit) => {
				const count = Math.min(c, ids.length);
				expect(topHits(scores, ids, count, limit)).toEqual(naiveTop(scores, ids, count, limit));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('kthBest', () => {
	it('is the `limit`-th best score, or 0 when there are fewer', () => {
		const scores = Float64Array.from([1, 5, 3, 5, 0.5]);
		const ids = Uint32Array.from([0, 1, 2, 3, 4]);
		expect(kthBest(scores, ids, 5, 1)).toBe(5);
		expect(kthBest(scores, ids, 5, 2)).toBe(5);
		expect(kthBest(scores, ids, 5, 3)).toBe(3);
		expect(kthBest(scores, ids, 5, 5)).toBe(0.5);
		expect(kthBest(scores, ids, 5, 6)).toBe(0);
		expect(kthBest(scores, ids, 2, 3)).toBe(0);
	});

	it('equals the score of the last of the naive top `limit`', () => {
		fc.assert(
			fc.property(arrays, fc.integer({ min: 1, max: 70 }), ([scores, ids], limit) => {
				const top = naiveTop(scores, ids, ids.length, limit);
				expect(kthBest(scores, ids, ids.length, limit)).toBe(top.length < limit ? 0 : top.at(-1)!.score);
			}),
			{ numRuns: 300 },
		);
	});
});
