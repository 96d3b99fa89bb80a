import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer.js';
import { evaluate, EvalItemSchema } from '../../src/core/evaluate.js';
import { corpusFrom, DEFAULT_DATA, ROOT } from '../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);
const items = (file: string) =>
	readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')
		.split('\n')
		.filter((l) => l.trim().length > 0)
		.map((l) => EvalItemSchema.parse(JSON.parse(l)));

// A floor under answer quality, so a change that hurts ranking or abstention fails here. The
// held-out sets were written by someone who had not seen the method; the figures are the ones
// measured when they were added, less a margin.
describe.each([
	['eval-dev.jsonl', { quoteAt1: 0.96, quoteAt3: 0.96, falseAbstain: 0.04, abstain: 1 }],
	['eval-heldout-a.jsonl', { quoteAt1: 0.8, quoteAt3: 0.86, falseAbstain: 0.04, abstain: 0.75 }],
	['eval-heldout-b.jsonl', { quoteAt1: 0.86, quoteAt3: 0.9, falseAbstain: 0.04, abstain: 0.7 }],
	['eval-heldout-c.jsonl', { quoteAt1: 0.85, quoteAt3: 0.87, falseAbstain: 0.03, abstain: 0.6 }],
])('answer quality on %s', (file, floor) => {
	const set = items(file);
	const { metrics } = evaluate(news, set, set.map((item) => answer(news, item.q)));

	it('keeps quote@1 and quote@3 above their floor', () => {
		expect(metrics.quoteAt1).toBeGreaterThanOrEqual(floor.quoteAt1);
		expect(metrics.quoteAt3).toBeGreaterThanOrEqual(floor.quoteAt3);
	});

	it('abstains when it should and rarely when it should not', () => {
		expect(metrics.abstain).toBeGreaterThanOrEqual(floor.abstain);
		expect(metrics.falseAbstain).toBeLessThanOrEqual(floor.falseAbstain);
	});

	it('keeps every quote verbatim (integrity 100 %)', () => {
		expect(metrics.integrity).toBe(1);
	});
});
