import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * How a command ended, as the router sees it: answered (`ok`), answered that the sources don't say
 * (`abstained`), turned down before running (`refused`: permission, bad options, cooldown, unknown
 * command), or failed (`error`).
 */
export const OUTCOMES = ['ok', 'abstained', 'refused', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What the router reports: one call per command it handled, with how long the reply took (seconds). */
export interface CommandMetrics {
	commandDone(command: string, outcome: Outcome, seconds?: number): void;
}

/** The corpus's size, read at each scrape; undefined while it is still loading. */
export interface CorpusSize {
	readonly sources: number;
	readonly paragraphs: number;
}

export interface Metrics extends CommandMetrics {
	readonly registry: Registry;
	/** A refresh applied a change (sources added or removed): resets the seconds-since-change gauge. */
	readonly changeApplied: () => void;
}

export interface MetricsOptions {
	/** The live corpus's size, read at scrape time. */
	readonly corpus: () => CorpusSize | undefined;
	/** Milliseconds since the epoch; tests pass their own. */
	readonly now?: () => number;
	/**
	 * The command names the bot has: each starts at 0 for every outcome, so a rate over a counter that
	 * has not moved yet is 0 rather than missing.
	 */
	readonly commands?: readonly string[];
	/** prom-client's process metrics (CPU, memory, event loop); default true. */
	readonly processMetrics?: boolean;
}

/**
 * Reply latency buckets, seconds: Discord wants an answer (or a deferral) within 3 s, so they are
 * fine below it and coarse past it.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

/**
 * The bot's Prometheus metrics (prefix `verbatim_`) in a registry of their own, so tests and shards
 * each hold one. Gauges a shard holds alike (the corpus is whole in each) aggregate as `max`, the
 * change clock as `min`, counters as the sum (see AggregatorRegistry in shard-ops.ts).
 */
export function createMetrics(options: MetricsOptions): Metrics {
	const now = options.now ?? Date.now;
	const registry = new Registry();
	let lastChange = now();
	const commands = new Counter({
		name: 'verbatim_commands_total',
		help: 'Commands handled, by command name and outcome (ok, abstained, refused, error).',
		labelNames: ['command', 'outcome'],
		registers: [registry],
	});
	const latency = new Histogram({
		name: 'verbatim_reply_seconds',
		help: 'Seconds from the start of a command to its reply sent, by command.',
		labelNames: ['command'],
		buckets: LATENCY_BUCKETS,
		registers: [registry],
	});
	const abstentions = new Counter({
		name: 'verbatim_abstentions_total',
		help: 'Questions answered that the sources do not say, by command.',
		labelNames: ['command'],
		registers: [registry],
	});
	const corpusGauge = (name: string, help: string, read: (size: CorpusSize) => number) =>
		new Gauge({
			name,
			help,
			registers: [registry],
			aggregator: 'max',
			collect() {
				const size = options.corpus();
				if (size !== undefined) this.set(read(size));
			},
		});
	corpusGauge('verbatim_sources_indexed', 'Sources in the live index, every library.', (s) => s.sources);
	corpusGauge('verbatim_paragraphs_indexed', 'Paragraphs in the live index, every library.', (s) => s.paragraphs);
	new Gauge({
		name: 'verbatim_seconds_since_last_change',
		help: 'Seconds since a change to the sources was last applied (or since the corpus loaded).',
		registers: [registry],
		aggregator: 'min',
		collect() {
			this.set((now() - lastChange) / 1000);
		},
	});
	for (const command of options.commands ?? []) {
		for (const outcome of OUTCOMES) commands.inc({ command, outcome }, 0);
		abstentions.inc({ command }, 0);
	}
	if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
	return {
		registry,
		commandDone(command, outcome, seconds) {
			commands.inc({ command, outcome });
			if (outcome === 'abstained') abstentions.inc({ command });
			if (seconds !== undefined) latency.observe({ command }, seconds);
		},
		changeApplied() {
			lastChange = now();
		},
	};
}
