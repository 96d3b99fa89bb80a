#!/usr/bin/env node
import 'dotenv/config';
import { commands, messageCommands, OPERATOR_CALLER } from '../commands/index.js';
import { dataDir } from './app.js';
import { runConsole } from './console.js';
import { isShardProcess, parseEnv, secretsOf, UsageError, type Env } from './env.js';
import { createLiveContext, type LiveContext } from './live.js';
import { createLogger, scrub, type Logger } from './log.js';
import type { Metrics } from './ops/metrics.js';
import { startProcessOps } from './ops/process-ops.js';
import { DataDirError, loadFromStore } from './store/data-dir.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';

/** Opens the store (DATABASE_URL's, else the data directory) and loads the corpus, logging what it holds and how long it took. */
async function loadCorpus(env: Env, log: Logger) {
	const dir = dataDir(env);
	const store = await openStore(env, log, { seed: true });
	const { corpus, report } = await loadFromStore(store, log, { timeline: true, engine: env.SEARCH_ENGINE });
	log.info(
		{
			sources: corpus.sources.length,
			paragraphs: corpus.paragraphs.length,
			cache: report.cache,
			store: store.kind,
			engine: corpus.index.engine.name,
			ms: Math.round(report.ms),
		},
		'corpus loaded',
	);
	return { corpus, dir, store };
}

/** The console on stdin and stdout, until the end of its input. */
async function consoleUntilEnd(live: LiveContext, store: Store): Promise<void> {
	if (process.stdin.isTTY)
		process.stderr.write('Verbatim console: type /ask <question>, /source <id>, /timeline, /help; Ctrl-D ends.\n');
	await runConsole(commands, live.forCaller(OPERATOR_CALLER), process.stdin, (text) =>
		process.stdout.write(`${text}\n`),
	);
	live.stop();
	await store.close();
}

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, else a console that reads `/ask …` lines
 * on stdin and prints the replies the bot would send. With SHARDS and a token, a ShardingManager that
 * runs this same program once per shard (see discord/shards.ts); each shard is a bot as below.
 */
async function main(): Promise<void> {
	const env = parseEnv();
	const shard = isShardProcess();
	const root = createLogger(env.LOG_LEVEL, secretsOf(env));
	// discord.js gives each shard's process its id in SHARDS; its lines say which shard wrote them.
	const log = shard ? root.child({ shard: Number(process.env.SHARDS) }) : root;
	if (!shard && env.SHARDS !== undefined) {
		if (env.DISCORD_TOKEN !== undefined) {
			const { startShards } = await import('./discord/shards.js');
			return startShards({ env, log, token: env.DISCORD_TOKEN });
		}
		log.warn({ shards: env.SHARDS }, 'SHARDS is ignored without DISCORD_TOKEN: running the console');
	}
	const bot = env.DISCORD_TOKEN !== undefined;
	const names = [...commands, ...messageCommands].map((c) => c.data.name);
	const ops = await startProcessOps({ env, log, serve: !shard, bot, commands: names });
	const { corpus, dir, store } = await loadCorpus(env, log);
	const live = await createLiveContext({
		corpus,
		dataDir: dir,
		store,
		env,
		log,
		onChange: ops.metrics.changeApplied,
	});
	ops.indexLoaded(() => ({ sources: live.corpus.sources.length, paragraphs: live.corpus.paragraphs.length }));
	if (env.DISCORD_TOKEN === undefined) {
		await consoleUntilEnd(live, store);
		await ops.close();
		return;
	}
	if (shard) await becomeShard(ops.metrics);
	const { startBot } = await import('./discord/bot.js');
	await startBot({
		env,
		log,
		contextFor: live.forCaller,
		token: env.DISCORD_TOKEN,
		metrics: ops.metrics,
		onGateway: (up) => ops.readiness.set('gateway', up),
	});
}

/** A shard's process: its metrics readable by the manager, and it ends when the manager is gone. */
async function becomeShard(metrics: Metrics): Promise<void> {
	const { publishShardOps } = await import('./ops/shard-ops.js');
	publishShardOps(metrics);
	// The IPC channel closes when the manager dies (even by SIGKILL): no shard outlives it.
	process.once('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
	const secrets = secretsOf({ DISCORD_TOKEN: process.env.DISCORD_TOKEN, DATABASE_URL: process.env.DATABASE_URL });
	const message = scrub(error instanceof Error ? error.message : String(error), secrets);
	process.stderr.write(`error: ${message}\n`);
	process.exitCode = error instanceof UsageError || error instanceof DataDirError ? 2 : 1;
});
