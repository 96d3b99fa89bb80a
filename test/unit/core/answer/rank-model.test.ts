import { describe, expect, it } from 'vitest';
import { ABSTAIN_FEATURES } from '../../../../src/core/answer/abstain.js';
import { FEATURES } from '../../../../src/core/answer/features.js';
import { RANK_MODEL } from '../../../../src/core/answer/rank-model.js';

// The weights are written by `npm run fit`; these tests check that what it wrote can be used as the
// ranker and the abstention rule read it (features.test.ts and abstain.test.ts test the scoring).

describe('RANK_MODEL.rank', () => {
	it('weighs exactly the candidate features: a feature without a weight would count 0, a weight without a feature nothing', () => {
		expect(Object.keys(RANK_MODEL.rank).sort()).toEqual([...FEATURES].sort());
	});

	it('holds finite numbers only', () => {
		for (const [name, w] of Object.entries(RANK_MODEL.rank)) expect(Number.isFinite(w), name).toBe(true);
	});
});

describe('RANK_MODEL.abstain', () => {
	it('weighs exactly the abstention features', () => {
		expect(Object.keys(RANK_MODEL.abstain.weights).sort()).toEqual([...ABSTAIN_FEATURES].sort());
	});

	it('has a finite bias and finite weights', () => {
		expect(Number.isFinite(RANK_MODEL.abstain.bias)).toBe(true);
		for (const [name, w] of Object.entries(RANK_MODEL.abstain.weights)) expect(Number.isFinite(w), name).toBe(true);
	});

	it('has a threshold strictly between 0 and 1: at 0 it would answer everything, at 1 nothing', () => {
		expect(RANK_MODEL.abstain.threshold).toBeGreaterThan(0);
		expect(RANK_MODEL.abstain.threshold).toBeLessThan(1);
	});
});
