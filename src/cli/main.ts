#!/usr/bin/env node
import 'dotenv/config';
import { loadFromStore, DataDirError } from '../store/data-dir.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { dataDir } from '../app.js';
import { readableLibraries, type Library } from '../core/catalog.js';
import { viewOf, type Corpus } from '../core/corpus.js';
import { parseEnv, secretsOf, UsageError, type Env } from '../env.js';
import { createLogger, scrub, type Logger } from '../log.js';
import { takeLibrary } from './args.js';
import { runAsk } from './ask.js';
import { runEval } from './eval.js';
import type { IngestContext } from './ingest.js';
import { runSource } from './source.js';

const USAGE = `usage: cli <command> [options] [--library shared|guild:<id>]
  ask "<question>" [--top N] [--json] [--no-abstain]
  ask --jsonl [--top N] [--no-abstain]        questions as JSON lines on stdin
  source <id> [--json] | source --list [--json]
  timeline [--json] [--since DATE] [--until DATE] [--source ID] [--query TEXT] [--limit N]
  eval <file.jsonl> [--json]
  ingest <file|url>… [--title T] [--url U] [--published YYYY-MM-DD] [--publisher P] [--json]
  ingest --feed <url> [--json]                 adds a feed's new articles
  remove <id> [--json]                         takes a source out of its library
  import <dir> [--replace]                     a data directory into PostgreSQL (DATABASE_URL)
  export <dir>                                 PostgreSQL out as a data directory, byte for byte
--library names the library: reading with guild:<id> sees the shared library and that server's;
without it, the shared library only. ingest and remove write to it (shared by default).
With DATABASE_URL set, every command reads and writes PostgreSQL instead of INDEX_DATA_DIR.`;

const COMMANDS = {
	ask: runAsk,
	source: runSource,
	// Imported when run: the timeline brings chrono-node, which the other commands do not need.
	timeline: async (args: string[], corpus: Corpus, write: (s: string) => void) =>
		(await import('./timeline.js')).runTimeline(args, corpus, write),
	eval: runEval,
} as const;

/**
 * Commands that work on the data directory itself: no corpus is loaded (nor its index built) for
 * them. Imported when run, so the other commands do not load the HTML and feed parsers.
 */
const DATA_COMMANDS = {
	ingest: async (args: string[], context: IngestContext) => (await import('./ingest.js')).runIngest(args, context),
	remove: async (args: string[], context: IngestContext) => (await import('./remove.js')).runRemove(args, context),
	import: async (args: string[], context: IngestContext & { store: Store }) =>
		(await import('./transfer.js')).runImport(args, context),
	export: async (args: string[], context: IngestContext & { store: Store }) =>
		(await import('./transfer.js')).runExport(args, context),
} as const;

async function main(argv: string[]): Promise<void> {
	const [name, ...given] = argv;
	if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
		process.stdout.write(`${USAGE}\n`);
		if (name === undefined) process.exitCode = 2;
		return;
	}
	if (!(name in COMMANDS) && !(name in DATA_COMMANDS))
		throw new UsageError(
			`unknown command "${name.slice(0, 40)}"; try: ${[...Object.keys(COMMANDS), ...Object.keys(DATA_COMMANDS)].join(', ')}`,
		);
	const env = parseEnv();
	const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, secretsOf(env));
	const { library, rest: args } = takeLibrary(given);
	const store = await openStore(env, log);
	try {
		await run(name, args, { env, log, library, store });
	} finally {
		await store.close();
	}
}

async function run(
	name: string,
	args: string[],
	{ env, log, library, store }: { env: Env; log: Logger; library: Library; store: Store },
): Promise<void> {
	if (name in DATA_COMMANDS) {
		const context = {
			library,
			dataDir: dataDir(env),
			store,
			allowPrivateHosts: env.ALLOW_PRIVATE_HOSTS,
			fetchPorts: env.FETCH_PORTS,
			log,
			write: (s: string) => process.stdout.write(`${s}\n`),
			warn: (s: string) => process.stderr.write(`${s}\n`),
		};
		process.exitCode = await DATA_COMMANDS[name as keyof typeof DATA_COMMANDS](args, context);
		return;
	}
	const { corpus, report } = await loadFromStore(store, log, {
		timeline: name === 'timeline',
		engine: env.SEARCH_ENGINE,
	});
	log.debug({ cache: report.cache, engine: corpus.index.engine.name, ms: Math.round(report.ms) }, 'corpus loaded');
	// One index holds every library; the command reads the shared one, and a server's if named.
	const view = viewOf(corpus, readableLibraries(library));
	const out: string[] = [];
	const write = (s: string) => {
		out.push(s);
		if (out.length >= 256) flush();
	};
	const flush = () => {
		if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
		out.length = 0;
	};
	try {
		await COMMANDS[name as keyof typeof COMMANDS](args, view, write);
	} finally {
		flush();
	}
}

main(process.argv.slice(2)).catch((error: unknown) => {
	const secrets = secretsOf({ DISCORD_TOKEN: process.env.DISCORD_TOKEN, DATABASE_URL: process.env.DATABASE_URL });
	if (error instanceof UsageError || error instanceof DataDirError) {
		process.stderr.write(`error: ${scrub(error.message, secrets)}\n`);
		process.exitCode = 2;
		return;
	}
	process.stderr.write(`error: ${scrub(error instanceof Error ? error.message : String(error), secrets)}\n`);
	process.exitCode = 1;
});
