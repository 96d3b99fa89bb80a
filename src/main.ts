#!/usr/bin/env node
import 'dotenv/config';
import { commands, OPERATOR_CALLER } from '../commands/index.js';
import { dataDir } from './app.js';
import { runConsole } from './console.js';
import { parseEnv, secretsOf, UsageError } from './env.js';
import { createLiveContext } from './live.js';
import { createLogger, scrub } from './log.js';
import { DataDirError, loadFromStore } from './store/data-dir.js';
import { openStore } from './store/open.js';

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, else a console that reads `/ask …` lines
 * on stdin and prints the replies the bot would send.
 */
async function main(): Promise<void> {
	const env = parseEnv();
	const log = createLogger(env.LOG_LEVEL, secretsOf(env));
	const dir = dataDir(env);
	const store = await openStore(env, log);
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
	const live = await createLiveContext({ corpus, dataDir: dir, store, env, log });
	if (env.DISCORD_TOKEN === undefined) {
		if (process.stdin.isTTY)
			process.stderr.write('Verbatim console: type /ask <question>, /source <id>, /timeline, /help; Ctrl-D ends.\n');
		await runConsole(commands, live.forCaller(OPERATOR_CALLER), process.stdin, (text) =>
			process.stdout.write(`${text}\n`),
		);
		live.stop();
		await store.close();
		return;
	}
	const { startBot } = await import('./discord/bot.js');
	await startBot({ env, log, contextFor: live.forCaller, token: env.DISCORD_TOKEN });
}

main().catch((error: unknown) => {
	const secrets = secretsOf({ DISCORD_TOKEN: process.env.DISCORD_TOKEN, DATABASE_URL: process.env.DATABASE_URL });
	const message = scrub(error instanceof Error ? error.message : String(error), secrets);
	process.stderr.write(`error: ${message}\n`);
	process.exitCode = error instanceof UsageError || error instanceof DataDirError ? 2 : 1;
});
