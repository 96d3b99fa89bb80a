import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	abstainFeatures,
	answerProbability,
	ABSTAIN_FEATURES,
	type AbstainFeature,
	type AbstainModel,
} from '../../../../src/core/answer/abstain.js';
import { paragraphCandidates } from '../../../../src/core/answer/answer.js';
import { FEATURES } from '../../../../src/core/answer/features.js';
import { buildQuery } from '../../../../src/core/answer/query.js';
import { RANK_MODEL } from '../../../../src/core/answer/rank-model.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const railway = fixture.paragraphs.findIndex((p) => p.text.startsWith('The railway between'));
const at = (f: Float64Array, name: (typeof FEATURES)[number]) => f[FEATURES.indexOf(name)]!;

const zero = Object.fromEntries(ABSTAIN_FEATURES.map((f) => [f, 0])) as Record<AbstainFeature, number>;
const feature = fc.constantFrom(...ABSTAIN_FEATURES);
const features = fc.record(
	Object.fromEntries(ABSTAIN_FEATURES.map((f) => [f, fc.double({ min: -5, max: 5, noNaN: true })])) as Record<
		AbstainFeature,
		fc.Arbitrary<number>
	>,
);

describe('abstainFeatures', () => {
	const query = buildQuery(fixture.index, 'When did the railway between Kars and Gyumri reopen?');
	const best = paragraphCandidates(fixture, query, railway, 1)[0]!;

	it('has exactly the abstention features, all finite, read from the candidate', () => {
		const x = abstainFeatures(query, best, 4, 1.5);
		expect(Object.keys(x).sort()).toEqual([...ABSTAIN_FEATURES].sort());
		for (const f of ABSTAIN_FEATURES) expect(Number.isFinite(x[f])).toBe(true);
		expect(x.coverage).toBe(best.coverage);
		for (const f of ['document', 'focus', 'local', 'matched', 'kindMissing'] as const)
			expect(x[f]).toBe(at(best.features, f));
		expect(x.score).toBe(4);
	});

	it('takes the margin over the next candidate, or the whole score when there is none', () => {
		expect(abstainFeatures(query, best, 4, 1.5).margin).toBe(2.5);
		expect(abstainFeatures(query, best, 4, undefined).margin).toBe(4);
	});

	it('counts the share of the question’s weight the corpus has never seen', () => {
		expect(abstainFeatures(query, best, 1, undefined).unknown).toBe(0);
		const partly = buildQuery(fixture.index, 'When did the Zorblaxian railway reopen?');
		const share = partly.terms.filter((t) => t.unknown).reduce((s, t) => s + t.weight, 0) / partly.total;
		expect(share).toBeGreaterThan(0);
		expect(share).toBeLessThan(1);
		expect(abstainFeatures(partly, best, 1, undefined).unknown).toBeCloseTo(share, 12);
	});

	it('counts a question with no weight at all as wholly unknown', () => {
		const empty = buildQuery(fixture.index, 'is it the');
		expect(empty.total).toBe(0);
		expect(abstainFeatures(empty, best, 0, undefined).unknown).toBe(1);
	});
});

describe('answerProbability', () => {
	it('is the logistic of the bias alone when every weight is missing', () => {
		expect(answerProbability(zero, { bias: 0, weights: {}, threshold: 0.5 })).toBe(0.5);
		expect(answerProbability({ ...zero, coverage: 9 }, { bias: Math.log(3), weights: {}, threshold: 0.5 })).toBeCloseTo(
			0.75,
			12,
		);
	});

	it('adds each weighted feature to the bias', () => {
		const model: AbstainModel = { bias: -1, weights: { coverage: 2, unknown: -1 }, threshold: 0.5 };
		const z = -1 + 2 * 0.75 - 1 * 0.5;
		expect(answerProbability({ ...zero, coverage: 0.75, unknown: 0.5, score: 100 }, model)).toBeCloseTo(
			1 / (1 + Math.exp(-z)),
			12,
		);
	});

	it('stays in [0, 1] under the shipped model', () => {
		fc.assert(
			fc.property(features, (x) => {
				const p = answerProbability(x, RANK_MODEL.abstain);
				expect(p).toBeGreaterThanOrEqual(0);
				expect(p).toBeLessThanOrEqual(1);
			}),
		);
	});

	it('rises with a feature of positive weight and falls with one of negative weight, under the shipped model', () => {
		fc.assert(
			fc.property(features, feature, fc.double({ min: 0.01, max: 2, noNaN: true }), (x, f, step) => {
				const model: AbstainModel = RANK_MODEL.abstain;
				const w = model.weights[f] ?? 0;
				const before = answerProbability(x, RANK_MODEL.abstain);
				const after = answerProbability({ ...x, [f]: x[f] + step }, RANK_MODEL.abstain);
				if (w > 0) expect(after).toBeGreaterThanOrEqual(before);
				if (w < 0) expect(after).toBeLessThanOrEqual(before);
				if (w === 0) expect(after).toBe(before);
			}),
			{ numRuns: 300 },
		);
	});

	it('rises strictly with a positively weighted feature where the logistic is not saturated', () => {
		const model: AbstainModel = { bias: 0, weights: { coverage: 1.5 }, threshold: 0.5 };
		fc.assert(
			fc.property(
				fc.double({ min: -3, max: 3, noNaN: true }),
				fc.double({ min: 0.01, max: 1, noNaN: true }),
				(c, step) => {
					expect(answerProbability({ ...zero, coverage: c + step }, model)).toBeGreaterThan(
						answerProbability({ ...zero, coverage: c }, model),
					);
				},
			),
		);
	});
});
