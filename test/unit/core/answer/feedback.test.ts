import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWeights, FEEDBACK_TUNING } from '../../../../src/core/answer/feedback.js';

const docs: Record<number, string[]> = {
	0: ['laminar', 'flow', 'boundary', 'layer', 'boundary'],
	1: ['boundary', 'layer', 'transition', 'flow'],
	2: ['shock', 'wave', 'flow'],
};
const termsOf = (id: number) => docs[id] ?? [];
const df = (term: string) => Object.values(docs).filter((d) => d.includes(term)).length;

describe('expandWeights (RM3)', () => {
	it('adds the words the best paragraphs share, weighted by their score, and keeps the question its share', () => {
		const hits = [
			{ id: 0, score: 3 },
			{ id: 1, score: 2 },
		];
		const w = expandWeights(new Map([['laminar', 2]]), hits, termsOf, df, 100, FEEDBACK_TUNING);
		expect(w.get('boundary')).toBeGreaterThan(w.get('transition')!);
		expect(w.has('shock')).toBe(false);
		// The question's own word keeps half the weight, plus what the model gives it.
		expect(w.get('laminar')).toBeGreaterThanOrEqual(FEEDBACK_TUNING.original);
		expect([...w.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
	});

	it('never adds a word found in more than the set share of paragraphs', () => {
		const w = expandWeights(new Map([['laminar', 1]]), [{ id: 0, score: 1 }], termsOf, df, 10, {
			...FEEDBACK_TUNING,
			maxDocShare: 0.2,
		});
		// 'flow' and 'boundary' are in 3 and 2 of 10 paragraphs; 0.2 × 10 allows 2.
		expect(w.has('flow')).toBe(false);
		expect(w.has('boundary')).toBe(true);
	});

	it('returns the question unchanged without hits, and never more than the set number of new words', () => {
		expect(expandWeights(new Map([['a', 1]]), [], termsOf, df, 10)).toEqual(new Map([['a', 1]]));
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ id: fc.integer({ min: 0, max: 2 }), score: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
					{ maxLength: 5 },
				),
				fc.integer({ min: 0, max: 6 }),
				(hits, terms) => {
					const question = new Map([['laminar', 1.5]]);
					const w = expandWeights(question, hits, termsOf, df, 100, { ...FEEDBACK_TUNING, terms });
					expect([...w.keys()].filter((t) => !question.has(t)).length).toBeLessThanOrEqual(terms);
					for (const v of w.values()) expect(v).toBeGreaterThan(0);
				},
			),
		);
	});
});
