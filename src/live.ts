import { unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../commands/index.js';
import type { Corpus } from './core/corpus.js';
import type { Env } from './env.js';
import type { Logger } from './log.js';

/** How often the catalog file is checked for sources added by another process (`cli ingest`). */
const CATALOG_POLL_MS = 5_000;

/** The context commands run with, kept current as sources are added, and how to stop watching. */
export interface LiveContext {
	readonly context: CommandContext;
	/** Adds the catalog's new sources to the live corpus now. */
	refresh(): Promise<void>;
	stop(): void;
}

export interface LiveOptions {
	readonly corpus: Corpus;
	readonly dataDir: string;
	readonly env: Pick<Env, 'ALLOW_PRIVATE_HOSTS' | 'FETCH_PORTS' | 'FEEDS' | 'FEED_INTERVAL_MINUTES'>;
	readonly log: Logger;
	/** Watch sources.json and poll FEEDS (the bot, the console); off in one-shot runs. Default true. */
	readonly watch?: boolean;
}

/**
 * Holds the corpus for the bot and the console and swaps in a larger one whenever sources are added,
 * by `/ingest`, a feed poll, or `cli ingest` in another process (seen through sources.json): the
 * index grows in place (`extendCorpus`), nothing restarts. Refreshes run one at a time.
 */
export async function createLiveContext(options: LiveOptions): Promise<LiveContext> {
	const { createIngester, refreshCorpus, parseFeedList, startFeedPoller } = await import('./ingest/index.js');
	const { dataDir, env, log } = options;
	let corpus = options.corpus;
	let queue: Promise<void> = Promise.resolve();
	const refresh = () => {
		queue = queue
			.then(async () => {
				const next = await refreshCorpus(corpus, dataDir);
				for (const p of next.problems)
					log.warn({ source: p.id, field: p.field }, `new source not loaded: ${p.message}`);
				if (next.added.length > 0)
					log.info({ added: next.added.map((s) => s.id), sources: next.corpus.sources.length }, 'sources added live');
				corpus = next.corpus;
			})
			.catch((error: unknown) => log.error({ err: error }, 'could not add the new sources'));
		return queue;
	};
	const ingest = createIngester({
		dataDir,
		allowPrivateHosts: env.ALLOW_PRIVATE_HOSTS,
		fetch: { ports: env.FETCH_PORTS },
		log,
		onAdded: refresh,
	});
	const context: CommandContext = {
		get corpus() {
			return corpus;
		},
		ingest,
	};
	if (options.watch === false) return { context, refresh, stop: () => undefined };
	const catalog = join(dataDir, 'sources.json');
	watchFile(catalog, { interval: CATALOG_POLL_MS, persistent: false }, () => void refresh());
	const feeds = parseFeedList(env.FEEDS);
	const poller =
		feeds.length === 0
			? undefined
			: startFeedPoller({
					feeds,
					intervalMinutes: env.FEED_INTERVAL_MINUTES,
					dataDir,
					log,
					allowPrivateHosts: env.ALLOW_PRIVATE_HOSTS,
					ingest: { fetch: { ports: env.FETCH_PORTS } },
					onAdded: refresh,
				});
	return {
		context,
		refresh,
		stop: () => {
			unwatchFile(catalog);
			poller?.stop();
		},
	};
}
