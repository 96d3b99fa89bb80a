import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { REST, ShardingManager, type Shard } from 'discord.js';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Env } from '../env.js';
import type { Logger } from '../log.js';
import { startHealthServer } from '../ops/health.js';
import { managerHealth } from '../ops/shard-ops.js';
import { safeError } from './errors.js';
import { restOptions } from './rest-options.js';

/** The compiled entry each shard runs: this same program, which sees discord.js's SHARDING_MANAGER and runs one shard. */
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

/**
 * How long a shard may take to load its index and connect before the first spawn gives up: a large
 * corpus builds its index on the first start.
 */
const SPAWN_TIMEOUT_MS = 180_000;

/**
 * Discord's recommended shard count (`GET /gateway/bot`), asked through DISCORD_API_BASE when set:
 * discord.js's own `fetchRecommendedShardCount` always asks discord.com.
 */
export async function recommendedShards(env: Pick<Env, 'DISCORD_API_BASE'>, token: string): Promise<number> {
	const rest = new REST(restOptions(env)).setToken(token);
	const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
	return Math.max(1, shards);
}

/** A shard's process id: shards run as processes here (`mode: 'process'`), never workers. */
const pidOf = (child: ChildProcess | Worker): number | undefined => ('pid' in child ? child.pid : undefined);

/** Logs a shard's life (with its process id, so an operator or a test can find it) and counts restarts. */
function watchShard(shard: Shard, log: Logger, restarts: Counter): void {
	let spawned = 0;
	shard.on('spawn', (child) => {
		if (spawned++ > 0) restarts.inc({ shard: String(shard.id) });
		const pid = pidOf(child);
		log.info({ shard: shard.id, childPid: pid }, `shard ${shard.id} spawned pid ${pid ?? '?'}`);
	});
	shard.on('ready', () => log.info({ shard: shard.id }, `shard ${shard.id} ready`));
	shard.on('death', (child) => log.warn({ shard: shard.id, childPid: pidOf(child) }, `shard ${shard.id} died`));
	shard.on('error', (error) => log.error({ shard: shard.id, err: safeError(error) }, 'shard error'));
}

/** The manager's own metrics, beside every shard's: how many of this machine's shards are ready, restarts. */
function managerMetrics(manager: ShardingManager, ids: readonly number[]): { registry: Registry; restarts: Counter } {
	const registry = new Registry();
	const restarts = new Counter({
		name: 'verbatim_shard_restarts_total',
		help: 'Shard processes respawned after one died, by shard id.',
		labelNames: ['shard'],
		registers: [registry],
	});
	new Gauge({
		name: 'verbatim_shards_ready',
		help: 'Shards on this machine whose gateway is ready.',
		registers: [registry],
		collect() {
			this.set(ids.filter((id) => manager.shards.get(id)?.ready === true).length);
		},
	});
	new Gauge({ name: 'verbatim_shards', help: 'Shards this machine runs.', registers: [registry] }).set(ids.length);
	return { registry, restarts };
}

/** SIGINT and SIGTERM stop every shard (no respawn) and exit 0. */
function stopOnSignals(manager: ShardingManager, log: Logger, close: () => Promise<void>): void {
	const stop = (signal: string) => {
		log.info({ signal }, 'shutting down the shards');
		for (const shard of manager.shards.values()) shard.kill();
		void close().finally(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * `npm start` with SHARDS and a token: discord.js's ShardingManager runs this program once per shard
 * (SHARD_LIST: only those ids, of a count shared by every machine), each in its own process with the
 * same environment, respawned when it dies. Serves HEALTH_PORT for them all. Resolves once every
 * shard is ready the first time; throws (having stopped them) if one cannot start.
 */
export async function startShards({ env, log, token }: { env: Env; log: Logger; token: string }): Promise<void> {
	const total = env.SHARDS === 'auto' || env.SHARDS === undefined ? await recommendedShards(env, token) : env.SHARDS;
	const ids = env.SHARD_LIST ?? [...Array(total).keys()];
	const manager = new ShardingManager(MAIN, {
		totalShards: total,
		shardList: ids,
		mode: 'process',
		respawn: true,
		token,
	});
	const { registry, restarts } = managerMetrics(manager, ids);
	manager.on('shardCreate', (shard) => watchShard(shard, log, restarts));
	const health =
		env.HEALTH_PORT === undefined
			? undefined
			: await startHealthServer({
					port: env.HEALTH_PORT,
					host: env.HEALTH_HOST,
					source: managerHealth(manager, ids, registry),
					log,
				});
	stopOnSignals(manager, log, async () => health?.close());
	log.info({ total, shards: ids, auto: env.SHARDS === 'auto' }, `starting ${ids.length} of ${total} shards`);
	try {
		await manager.spawn({ amount: total, timeout: SPAWN_TIMEOUT_MS });
	} catch (error) {
		for (const shard of manager.shards.values()) shard.kill();
		await health?.close();
		throw error;
	}
	log.info({ shards: ids }, 'all shards ready');
}
