import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../../src/core/text/analyze.js';
import { generalAnalyzer } from '../../../../src/core/text/analyze.js';
import {
	BACKGROUND_SIZE,
	buildBackground,
	specificity as specificityAt,
} from '../../../../src/core/text/background.js';
import { QUERY_TUNING } from '../../../../src/core/answer/query.js';

/** An analyzer that lowercases each word and drops "the" as a stop word (only termOfWord is used). */
const lowercase = {
	termOfWord: (word: string) => (word.toLowerCase() === 'the' ? null : word.toLowerCase()),
} as unknown as Analyzer;

const list = (...words: string[]) => words.map((word) => ({ word }));
/** A background where term `t<rank>` has that rank, for ranks 1 … size. */
const ranked = (size: number) => new Map(Array.from({ length: size }, (_, i) => [`t${i + 1}`, i + 1]));

describe('buildBackground', () => {
	it('ranks each term by its first word’s position in the list, counting from 1', () => {
		expect(buildBackground(list('you', 'I', 'volcano'), lowercase)).toEqual(
			new Map([
				['you', 1],
				['i', 2],
				['volcano', 3],
			]),
		);
	});
	it('keeps the best rank when two words share a term, and skips stop words without renumbering', () => {
		expect(buildBackground(list('City', 'the', 'city', 'river'), lowercase)).toEqual(
			new Map([
				['city', 1],
				['river', 4],
			]),
		);
	});
	it('keeps only the first `size` words of the list', () => {
		expect(buildBackground(list('a', 'b', 'c', 'd'), lowercase, 2)).toEqual(
			new Map([
				['a', 1],
				['b', 2],
			]),
		);
		expect(buildBackground([], lowercase).size).toBe(0);
	});
	it('reads words with the index’s analyzer by default (stemmed, stop words dropped)', () => {
		const background = buildBackground(list('the', 'running', 'volcanoes'));
		expect(background.has('the')).toBe(false);
		expect(background.get(generalAnalyzer.termOfWord('running')!)).toBe(2);
		expect(background.get(generalAnalyzer.termOfWord('volcanoes')!)).toBe(3);
	});
	it('gives every term a rank within the list and within `size`, each rank at most once', () => {
		fc.assert(
			fc.property(
				fc.array(fc.stringMatching(/^[A-Za-z]{1,4}$/), { maxLength: 60 }),
				fc.integer({ min: 0, max: 80 }),
				(words, size) => {
					const background = buildBackground(list(...words), lowercase, size);
					const ranks = [...background.values()];
					expect(new Set(ranks).size).toBe(ranks.length);
					for (const [term, rank] of background) {
						expect(rank).toBeGreaterThanOrEqual(1);
						expect(rank).toBeLessThanOrEqual(Math.min(size, words.length));
						expect(words[rank - 1]!.toLowerCase()).toBe(term);
					}
				},
			),
		);
	});
});

describe('specificity', () => {
	// At the question stage's rank of the commonest words, 500.
	const specificity = (background: ReadonlyMap<string, number>, term: string) =>
		specificityAt(background, term, QUERY_TUNING.commonRank);
	const background = ranked(BACKGROUND_SIZE);
	it('is 0 for the commonest words and 1 at the end of the list and for terms it lacks', () => {
		expect(specificity(background, 't1')).toBe(0);
		expect(specificity(background, 't500')).toBe(0);
		expect(specificity(background, `t${BACKGROUND_SIZE}`)).toBeCloseTo(1, 12);
		expect(specificity(background, 'pashinyan')).toBe(1);
		expect(specificity(new Map(), 'anything')).toBe(1);
	});
	it('rises with the logarithm of the rank in between', () => {
		const mid = Math.round(Math.sqrt(500 * BACKGROUND_SIZE));
		expect(specificity(background, `t${mid}`)).toBeCloseTo(0.5, 3);
		expect(specificity(background, 't1000')).toBeGreaterThan(0);
		expect(specificity(background, 't1000')).toBeLessThan(0.5);
	});
	it('lies in [0, 1] and never falls as the rank rises', () => {
		const beyond = new Map([['far', 10 * BACKGROUND_SIZE]]);
		expect(specificity(beyond, 'far')).toBe(1);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 3 * BACKGROUND_SIZE }),
				fc.integer({ min: 1, max: 3 * BACKGROUND_SIZE }),
				(a, b) => {
					const [lo, hi] = a <= b ? [a, b] : [b, a];
					const map = new Map([
						['lo', lo],
						['hi', hi],
					]);
					const [sLo, sHi] = [specificity(map, 'lo'), specificity(map, 'hi')];
					for (const s of [sLo, sHi]) {
						expect(s).toBeGreaterThanOrEqual(0);
						expect(s).toBeLessThanOrEqual(1);
					}
					expect(sLo).toBeLessThanOrEqual(sHi);
				},
			),
			{ numRuns: 1_000 },
		);
	});
});
