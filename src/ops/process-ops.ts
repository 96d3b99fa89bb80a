import type { Env } from '../env.js';
import type { Logger } from '../log.js';
import { createReadiness, startHealthServer, type HealthServer, type ReadinessState } from './health.js';
import { createMetrics, type CorpusSize, type Metrics } from './metrics.js';

/** One process's metrics and readiness, and its health server when HEALTH_PORT asks for one. */
export interface ProcessOps {
	readonly metrics: Metrics;
	/** Conditions `index` (set by indexLoaded) and, for the bot, `gateway`. */
	readonly readiness: ReadinessState;
	/** The index is loaded: readiness's first condition, and where the corpus gauges read from. */
	indexLoaded(size: () => CorpusSize): void;
	close(): Promise<void>;
}

/**
 * Starts before the corpus loads, so /healthz answers at once and /readyz says what it waits for.
 * `serve` is false in a shard's process: its manager serves HEALTH_PORT for every shard.
 */
export async function startProcessOps(options: {
	readonly env: Pick<Env, 'HEALTH_PORT' | 'HEALTH_HOST'>;
	readonly log: Logger;
	readonly serve: boolean;
	readonly bot: boolean;
	/** The command names, counted from 0 (see MetricsOptions.commands). */
	readonly commands: readonly string[];
}): Promise<ProcessOps> {
	const { env, log } = options;
	let size: (() => CorpusSize) | undefined;
	const metrics = createMetrics({ corpus: () => size?.(), commands: options.commands });
	const readiness = createReadiness({
		index: 'index not loaded yet',
		...(options.bot ? { gateway: 'gateway not connected' } : {}),
	});
	let server: HealthServer | undefined;
	if (options.serve && env.HEALTH_PORT !== undefined)
		server = await startHealthServer({
			port: env.HEALTH_PORT,
			host: env.HEALTH_HOST,
			log,
			source: {
				readiness: readiness.current,
				metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
			},
		});
	return {
		metrics,
		readiness,
		indexLoaded(read) {
			size = read;
			metrics.changeApplied();
			readiness.set('index', true);
		},
		close: async () => server?.close(),
	};
}
