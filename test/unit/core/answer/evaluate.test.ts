import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../../src/core/answer/answer.js';
import { evaluate } from '../../../../src/core/answer/evaluate.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const paragraph = fixture.paragraphsOf.get('alpha-2024-03-04')![0]!;
const result = (quote: string, passage = paragraph.text) => ({
	source: paragraph.source,
	paragraph: 0,
	passage,
	quote,
	link: paragraph.source.url,
	score: 1,
	coverage: 1,
});

describe('evaluate', () => {
	it('counts quote@1, quote@3, passage@1, abstentions and integrity', () => {
		const items = [
			{ id: 'q1', q: 'a', gold: ['met on Saturday'] },
			{ id: 'q2', q: 'b', gold: ['Kars to discuss'] },
			{ id: 'q3', q: 'c', gold: [], abstain: true },
			{ id: 'q4', q: 'd', gold: ['x'] },
		];
		const answers: Answer[] = [
			{ question: 'a', answered: true, results: [result('ministers of Türkiye and Armenia met on Saturday')] },
			{ question: 'b', answered: true, results: [result('The foreign'), result('in Kars to discuss reopening')] },
			{ question: 'c', answered: false, results: [] },
			{ question: 'd', answered: false, results: [] },
		];
		const { metrics, misses } = evaluate(fixture, items, answers);
		expect(metrics.quoteAt1).toBeCloseTo(1 / 3);
		expect(metrics.quoteAt3).toBeCloseTo(2 / 3);
		expect(metrics.passageAt1).toBeCloseTo(2 / 3);
		expect(metrics.abstain).toBe(1);
		expect(metrics.falseAbstain).toBeCloseTo(1 / 3);
		expect(metrics.integrity).toBe(1);
		expect(misses.map((m) => `${m.id} ${m.kind}`)).toEqual(['q2 quote@1', 'q4 false abstention']);
	});

	it('flags a quote that is not in its passage, or a passage that is not the paragraph', () => {
		const answers: Answer[] = [
			{ question: 'a', answered: true, results: [result('not there'), result('The', 'The forged passage')] },
		];
		const { metrics } = evaluate(fixture, [{ id: 'q', q: 'a', gold: ['x'] }], answers);
		expect(metrics.integrity).toBe(0);
	});
});
