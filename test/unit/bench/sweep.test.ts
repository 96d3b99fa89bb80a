import { describe, expect, it } from 'vitest';
import type { EvalMetrics } from '../../../src/core/answer/evaluate.js';
import type { SetRow } from '../../../bench/eval-all.js';
import { formatSweep, PARAMETERS, parseSweepArgs, sweepRuns, usage } from '../../../bench/sweep.js';

const metrics = (quoteAt1: number): EvalMetrics => ({
	quoteAt1,
	quoteAt3: 1,
	passageAt1: 1,
	abstain: Number.NaN,
	falseAbstain: 0,
	integrity: 1,
	answerable: 4,
	unanswerable: 0,
});
const row = (set: string, quoteAt1: number): SetRow => ({
	set,
	questions: 4,
	metrics: metrics(quoteAt1),
	meanMs: 1,
	misses: [],
});

describe('parseSweepArgs', () => {
	it('reads stage.field=value,value,… into numbers, in the order given', () => {
		const parsed = parseSweepArgs(['query.nameWeight=1,1.5, 2', 'excerpt.maxQuoteLength=250']);
		expect(parsed).toEqual({
			ok: true,
			value: [
				{ name: 'query.nameWeight', values: [1, 1.5, 2] },
				{ name: 'excerpt.maxQuoteLength', values: [250] },
			],
		});
	});

	it('names an unknown parameter, a value that is no number, and a missing value', () => {
		const parsed = parseSweepArgs(['query.nameWeigh=1', 'excerpt.maxQuoteLength=abc,,3', 'feedback.terms']);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.error).toContain('unknown parameter "query.nameWeigh"');
		expect(parsed.error).toContain('"abc" is not a number');
		expect(parsed.error).toContain('a value is empty');
		expect(parsed.error).toContain('"feedback.terms": expected stage.field=value');
		expect(parseSweepArgs([]).ok).toBe(false);
	});

	it('lists every valid name with its default in the usage', () => {
		expect(PARAMETERS.get('query.nameWeight')).toBe(1.5);
		for (const name of PARAMETERS.keys()) expect(usage()).toContain(`  ${name} (default `);
	});
});

describe('sweepRuns', () => {
	it('varies one parameter a run, the others left to their defaults', () => {
		expect(
			sweepRuns([
				{ name: 'query.nameWeight', values: [1, 2] },
				{ name: 'feedback.terms', values: [10] },
			]),
		).toEqual([
			{ parameter: 'query.nameWeight', value: 1, tuning: { query: { nameWeight: 1 } } },
			{ parameter: 'query.nameWeight', value: 2, tuning: { query: { nameWeight: 2 } } },
			{ parameter: 'feedback.terms', value: 10, tuning: { feedback: { terms: 10 } } },
		]);
	});
});

describe('formatSweep', () => {
	it('prints one markdown row a run, the four figures of each set, the default value marked', () => {
		const table = formatSweep([
			{ sets: [row('dev', 1), row('fresh-dev', 0.5)] },
			{ parameter: 'query.nameWeight', value: 1.5, sets: [row('dev', 1), row('fresh-dev', 0.5)] },
			{ parameter: 'query.nameWeight', value: 2, sets: [row('dev', 0.75), row('fresh-dev', 0.25)] },
		]).split('\n');
		expect(table[0]).toBe(
			'| parameter | value | dev quote@1 | dev quote@3 | dev abstain | dev false abstain | fresh-dev quote@1 | fresh-dev quote@3 | fresh-dev abstain | fresh-dev false abstain |',
		);
		expect(table[1]).toBe(`| ${Array.from({ length: 10 }, () => '---').join(' | ')} |`);
		expect(table[2]).toBe('| (defaults) |  | 1.000 | 1.000 |   –   | 0.000 | 0.500 | 1.000 |   –   | 0.000 |');
		expect(table[3]).toMatch(/^\| query\.nameWeight \| 1\.5 \(default\) \| 1\.000 \|/);
		expect(table[4]).toMatch(/^\| query\.nameWeight \| 2 \| 0\.750 \|/);
		expect(table).toHaveLength(5);
	});
});
