import { ownLibrary, type Caller, type CommandContext } from '../commands/index.js';
import { readableLibraries } from './core/catalog.js';
import { viewOf, type Corpus } from './core/corpus.js';
import type { Quotas } from './ingest/quota.js';
import type { Env } from './env.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';

/** The contexts commands run with, kept current as sources change, and how to stop watching. */
export interface LiveContext {
	/**
	 * The context for one caller: the corpus as they may read it (the shared library, and their
	 * server's), read afresh at each use, and the changes they may ask for.
	 */
	readonly forCaller: (caller: Caller) => CommandContext;
	/** The whole corpus, every library (logs, counts). */
	readonly corpus: Corpus;
	/** Brings the live corpus in line with the catalog now. */
	refresh(): Promise<void>;
	stop(): void;
}

export interface LiveOptions {
	readonly corpus: Corpus;
	readonly dataDir: string;
	/** Where sources and feeds live (PostgreSQL with DATABASE_URL); the data directory when not given. */
	readonly store?: Store;
	readonly env: Pick<
		Env,
		| 'ALLOW_PRIVATE_HOSTS'
		| 'FETCH_PORTS'
		| 'FEEDS'
		| 'FEED_INTERVAL_MINUTES'
		| 'MAX_DATA_MB'
		| 'GUILD_MAX_SOURCES'
		| 'GUILD_MAX_PARAGRAPHS'
		| 'GUILD_MAX_FEEDS'
	>;
	readonly log: Logger;
	/** Watch the store for changes and poll the feeds (the bot, the console); off in one-shot runs. Default true. */
	readonly watch?: boolean;
	/** Called after a refresh applied a change (sources added or removed): the metrics' change clock. */
	readonly onChange?: () => void;
}

/** The quotas the environment sets (see quota.ts). */
export const quotasOf = (env: Pick<Env, 'MAX_DATA_MB' | 'GUILD_MAX_SOURCES' | 'GUILD_MAX_PARAGRAPHS'>): Quotas => ({
	maxTotalBytes: env.MAX_DATA_MB * 1024 * 1024,
	librarySources: env.GUILD_MAX_SOURCES,
	libraryParagraphs: env.GUILD_MAX_PARAGRAPHS,
});

/**
 * Holds the corpus for the bot and the console and keeps it in line with the catalog: sources
 * added or removed by `/ingest`, `/remove`, a feed poll, or `cli ingest`/`cli remove` in another
 * process (seen through the store's watch: sources.json's directory watch and poll, or PostgreSQL's
 * NOTIFY and change sequence), without a restart.
 * A change made here is live before its reply is sent. Refreshes run one at a time.
 */
export async function createLiveContext(options: LiveOptions): Promise<LiveContext> {
	const { createFeedAdmin, createIngester, createRemover, refreshCorpus, parseFeedList, startFeedPoller } =
		await import('./ingest/index.js');
	const { dataDir, env, log } = options;
	const store = options.store ?? (await import('./store/dir-store.js')).dirStore(dataDir);
	let corpus = options.corpus;
	let queue: Promise<void> = Promise.resolve();
	const refresh = () => {
		queue = queue
			.then(async () => {
				const next = await refreshCorpus(corpus, store);
				for (const p of next.problems)
					log.warn({ source: p.id, field: p.field }, `new source not loaded: ${p.message}`);
				if (next.added.length > 0 || next.removed.length > 0)
					log.info(
						{ added: next.added.map((s) => s.id), removed: next.removed, sources: next.corpus.sources.length },
						'sources changed live',
					);
				corpus = next.corpus;
				if (next.added.length > 0 || next.removed.length > 0) options.onChange?.();
			})
			.catch((error: unknown) => log.error({ err: error }, 'could not apply the changed sources'));
		return queue;
	};
	const policy = {
		dataDir,
		store,
		allowPrivateHosts: env.ALLOW_PRIVATE_HOSTS,
		fetch: { ports: env.FETCH_PORTS },
		quotas: quotasOf(env),
		maxFeeds: env.GUILD_MAX_FEEDS,
		log,
		onChanged: refresh,
	};
	const ingest = createIngester(policy);
	const remove = createRemover(policy);
	const watching = options.watch !== false;
	const poller = !watching
		? undefined
		: startFeedPoller({
				feeds: parseFeedList(env.FEEDS),
				intervalMinutes: env.FEED_INTERVAL_MINUTES,
				dataDir,
				store,
				log,
				allowPrivateHosts: env.ALLOW_PRIVATE_HOSTS,
				ingest: { fetch: { ports: env.FETCH_PORTS }, quotas: quotasOf(env) },
				onAdded: refresh,
			});
	const feeds = createFeedAdmin({
		...policy,
		onFeedsChanged: () => void poller?.pollNow().catch(() => undefined),
	});
	const forCaller = (caller: Caller): CommandContext => ({
		get corpus() {
			return viewOf(corpus, readableLibraries(ownLibrary(caller)));
		},
		caller,
		ingest,
		remove,
		feeds,
	});
	const unwatch = watching ? store.watch(() => void refresh()) : undefined;
	return {
		forCaller,
		get corpus() {
			return corpus;
		},
		refresh,
		stop: () => {
			unwatch?.();
			poller?.stop();
		},
	};
}
