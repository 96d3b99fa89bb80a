import type { ShardingManager } from 'discord.js';
import { AggregatorRegistry, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { HealthSource, Readiness } from './health.js';
import type { Metrics } from './metrics.js';

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Where a shard keeps what the manager asks of it: a global, since `eval` runs code with no imports. */
const OPS_KEY = 'verbatim.ops';

interface ShardOps {
	readonly metricsJson: () => Promise<MetricsJson>;
}

/** In a shard's process: lets the manager read this shard's metrics through `Shard#eval`. */
export function publishShardOps(metrics: Metrics): void {
	const ops: ShardOps = { metricsJson: () => metrics.registry.getMetricsAsJSON() };
	(globalThis as Record<symbol, unknown>)[Symbol.for(OPS_KEY)] = ops;
}

/**
 * Runs in the shard's process (discord.js sends its source over IPC and evaluates it there), so it
 * may use nothing but globals: the key is spelt out again.
 */
const readShardMetrics = (): Promise<MetricsJson> | MetricsJson =>
	((globalThis as Record<symbol, unknown>)[Symbol.for('verbatim.ops')] as ShardOps | undefined)?.metricsJson() ?? [];

/** How long a scrape waits on one shard: a busy or hung shard is left out, not waited for. */
const SHARD_EVAL_MS = 5_000;

const withinTime = (work: Promise<MetricsJson>, ms: number): Promise<MetricsJson> => {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<MetricsJson>((resolve) => (timer = setTimeout(resolve, ms, [])));
	return Promise.race([work.catch(() => []), late]).finally(() => clearTimeout(timer));
};

/**
 * The manager's health: ready once every shard this machine runs is ready (its index loaded, then its
 * gateway connected: a shard logs in only after loading); metrics are every live shard's, aggregated
 * (counters summed, the corpus gauges their max), with the manager's own in `own`. A shard that is down
 * or respawning is left out of a scrape rather than failing it.
 */
export function managerHealth(manager: ShardingManager, shardIds: readonly number[], own: Registry): HealthSource {
	return {
		readiness(): Readiness {
			const waiting = shardIds.filter((id) => manager.shards.get(id)?.ready !== true);
			return waiting.length === 0
				? { ready: true }
				: { ready: false, reason: `shard ${waiting.join(', ')} not ready (${shardIds.length} on this machine)` };
		},
		async metrics() {
			const live = [...manager.shards.values()].filter((s) => s.process !== null);
			const each = await Promise.all(
				live.map((s) => withinTime(s.eval(readShardMetrics) as Promise<MetricsJson>, SHARD_EVAL_MS)),
			);
			const merged = Registry.merge([AggregatorRegistry.aggregate(each), own]);
			return { contentType: merged.contentType, text: await merged.metrics() };
		},
	};
}
