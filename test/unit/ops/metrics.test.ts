import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/ops/metrics.js';

/** The value of a sample in Prometheus text (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('createMetrics', () => {
	it('counts commands by name and outcome, an abstention apart, and times the replies', async () => {
		const m = createMetrics({ corpus: () => undefined, processMetrics: false });
		m.commandDone('ask', 'ok', 0.02);
		m.commandDone('ask', 'abstained', 0.5);
		m.commandDone('ask', 'abstained', 0.01);
		m.commandDone('source', 'refused');
		m.commandDone('button', 'error');
		const text = await m.registry.metrics();
		expect(sample(text, 'verbatim_commands_total{command="ask",outcome="ok"}')).toBe(1);
		expect(sample(text, 'verbatim_commands_total{command="ask",outcome="abstained"}')).toBe(2);
		expect(sample(text, 'verbatim_commands_total{command="source",outcome="refused"}')).toBe(1);
		expect(sample(text, 'verbatim_commands_total{command="button",outcome="error"}')).toBe(1);
		expect(sample(text, 'verbatim_abstentions_total{command="ask"}')).toBe(2);
		expect(sample(text, 'verbatim_reply_seconds_count{command="ask"}')).toBe(3);
		expect(sample(text, 'verbatim_reply_seconds_bucket{le="0.025",command="ask"}')).toBe(2);
		expect(sample(text, 'verbatim_reply_seconds_sum{command="ask"}')).toBeCloseTo(0.53);
		// A refusal is not timed: it never ran.
		expect(sample(text, 'verbatim_reply_seconds_count{command="source"}')).toBeUndefined();
	});

	it('reads the corpus size at each scrape, and nothing while it loads', async () => {
		let size: { sources: number; paragraphs: number } | undefined;
		const m = createMetrics({ corpus: () => size, processMetrics: false });
		expect(sample(await m.registry.metrics(), 'verbatim_sources_indexed')).toBe(0);
		size = { sources: 5, paragraphs: 122 };
		let text = await m.registry.metrics();
		expect(sample(text, 'verbatim_sources_indexed')).toBe(5);
		expect(sample(text, 'verbatim_paragraphs_indexed')).toBe(122);
		size = { sources: 6, paragraphs: 130 };
		text = await m.registry.metrics();
		expect(sample(text, 'verbatim_sources_indexed')).toBe(6);
		expect(sample(text, 'verbatim_paragraphs_indexed')).toBe(130);
	});

	it('counts seconds since the last change applied, from zero again at each change', async () => {
		let now = 1_000_000;
		const m = createMetrics({ corpus: () => undefined, now: () => now, processMetrics: false });
		now += 90_000;
		expect(sample(await m.registry.metrics(), 'verbatim_seconds_since_last_change')).toBe(90);
		m.changeApplied();
		now += 2_500;
		expect(sample(await m.registry.metrics(), 'verbatim_seconds_since_last_change')).toBe(2.5);
	});

	it('adds prom-client’s process metrics unless told not to', async () => {
		const m = createMetrics({ corpus: () => undefined });
		expect(await m.registry.metrics()).toMatch(/^process_cpu_user_seconds_total /m);
		expect(await m.registry.metrics()).toMatch(/^nodejs_eventloop_lag_seconds /m);
	});

	it('starts every outcome of every named command at 0, so a rate over it is 0 rather than missing', async () => {
		const m = createMetrics({ corpus: () => undefined, commands: ['ask', 'source'], processMetrics: false });
		const text = await m.registry.metrics();
		for (const command of ['ask', 'source']) {
			for (const outcome of ['ok', 'abstained', 'refused', 'error'])
				expect(sample(text, `verbatim_commands_total{command="${command}",outcome="${outcome}"}`)).toBe(0);
			expect(sample(text, `verbatim_abstentions_total{command="${command}"}`)).toBe(0);
		}
	});

	it('keeps each registry apart, so two in one process count alone', async () => {
		const a = createMetrics({ corpus: () => undefined, processMetrics: false });
		const b = createMetrics({ corpus: () => undefined, processMetrics: false });
		a.commandDone('ask', 'ok', 0.1);
		expect(sample(await b.registry.metrics(), 'verbatim_commands_total{command="ask",outcome="ok"}')).toBeUndefined();
	});
});
