import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, closeIds, editDistance } from '../../../../src/core/text/close-ids.js';

const short = fc.string({ maxLength: 12 });

describe('editDistance', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('flaw', 'lawn')).toBe(2);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('abc', '')).toBe(3);
		expect(editDistance('same', 'same')).toBe(0);
	});
	it('is a metric: zero only for equal strings, symmetric, within the longer length, and obeys the triangle inequality', () => {
		fc.assert(
			fc.property(short, short, short, (a, b, c) => {
				const ab = editDistance(a, b);
				expect(ab === 0).toBe(a === b);
				expect(editDistance(b, a)).toBe(ab);
				expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
				expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
				expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c));
			}),
			{ numRuns: 500 },
		);
	});
});

describe('closeIds', () => {
	const ids = ['azatutyun', 'civilnet', 'eurasianet', 'oc-media', 'oc-media-ru', 'jam-news', 'hetq'];
	it('puts ids that contain the wanted text, or share its first part, first', () => {
		expect(closeIds(ids, 'media')).toEqual(['oc-media', 'oc-media-ru']);
		expect(closeIds(ids, 'oc-news')).toEqual(['oc-media', 'oc-media-ru', 'jam-news']);
		expect(closeIds(ids, 'OC-MEDIA-RU-2')).toEqual(['oc-media', 'oc-media-ru']);
	});
	it('suggests ids a few edits away, nearest first', () => {
		expect(closeIds(ids, 'civilnte')).toEqual(['civilnet']);
		expect(closeIds(ids, 'hetk')).toEqual(['hetq']);
		expect(closeIds(ids, 'eurasianet.org')[0]).toBe('eurasianet');
	});
	it('suggests nothing for text like no id, and at most `max` ids', () => {
		expect(closeIds(ids, 'completely-unrelated-name')).toEqual([]);
		expect(closeIds([], 'x')).toEqual([]);
		expect(closeIds(['aa', 'ab', 'ac', 'ad'], 'a', 2)).toEqual(['aa', 'ab']);
	});
	it('always returns ids from the list, at most `max`, without repeats', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(short, { maxLength: 10 }),
				short,
				fc.integer({ min: 0, max: 5 }),
				(list, wanted, max) => {
					const out = closeIds(list, wanted, max);
					expect(out.length).toBeLessThanOrEqual(max);
					expect(new Set(out).size).toBe(out.length);
					for (const id of out) expect(list).toContain(id);
				},
			),
			{ numRuns: 300 },
		);
	});
	it('finds an id asked for exactly, first', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}(?:-[a-z]{1,8})?$/), { minLength: 1, maxLength: 8 }),
				fc.nat(),
				(list, i) => {
					const id = list[i % list.length]!;
					expect(closeIds(list, id, list.length)).toContain(id);
				},
			),
			{ numRuns: 300 },
		);
	});
});

/** The unbounded ranking closeIds gave before it was bounded: every id, full distance, sorted. */
function closeIdsByFullRanking(ids: readonly string[], wanted: string, max = 3): string[] {
	const w = wanted.toLowerCase();
	return ids
		.map((id) => {
			const contains = id.includes(w) || (w.length > 0 && w.includes(id)) || id.split('-')[0] === w.split('-')[0];
			return { id, distance: contains ? 0 : editDistance(id, w) };
		})
		.filter((c) => c.distance <= Math.max(3, Math.floor(w.length / 3)))
		.sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
		.slice(0, max)
		.map((c) => c.id);
}

describe('bounded suggestions', () => {
	it('boundedEditDistance is editDistance up to the limit, limit + 1 past it', () => {
		fc.assert(
			fc.property(short, short, fc.nat({ max: 8 }), (a, b, limit) => {
				expect(boundedEditDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1));
			}),
			{ numRuns: 1_000 },
		);
	});

	it('closeIds suggests exactly what ranking every id by its full distance suggests', () => {
		const id = fc.stringMatching(/^[a-d]{1,5}(-[a-d]{1,4}){0,2}$/);
		fc.assert(
			fc.property(fc.array(id, { maxLength: 40 }), id, fc.integer({ min: 1, max: 5 }), (ids, wanted, max) => {
				expect(closeIds(ids, wanted, max)).toEqual(closeIdsByFullRanking(ids, wanted, max));
			}),
			{ numRuns: 500 },
		);
	});

	it('answers over 50,000 ids the same as the full ranking', () => {
		const ids = Array.from({ length: 50_000 }, (_, i) => `publisher${i % 97}-2025-${String(i).padStart(5, '0')}`);
		for (const wanted of ['publisher12-2025-00113', 'pubisher3-2025-0001', 'nothing-like-it-at-all', 'zzz'])
			expect(closeIds(ids, wanted), wanted).toEqual(closeIdsByFullRanking(ids, wanted));
	});
});
