import { SHARED_LIBRARY, type Source } from '../core/catalog.js';
import { UsageError } from '../env.js';
import type { Logger } from '../log.js';
import { ingestFeed, type FeedReport } from './feed.js';
import { OPERATOR } from './commit.js';
import { storeOf } from '../store/dir-store.js';
import type { IngestOptions } from './ingest.js';
import { parseHttpUrl } from './url.js';
import type { Store } from '../store/store.js';

export interface FeedPollerOptions {
	/** FEEDS: feed URLs polled into the shared library (see {@link parseFeedList}); the servers' own come from feeds.json. */
	readonly feeds: readonly string[];
	/** FEED_INTERVAL_MINUTES. */
	readonly intervalMinutes: number;
	readonly dataDir: string;
	/** The store the feeds.json subscriptions and the sources live in (PostgreSQL with DATABASE_URL); the data directory when not given. */
	readonly store?: Store;
	readonly log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
	/** Called after a pass that added sources (the bot extends its live corpus here). */
	readonly onAdded?: (sources: readonly Source[]) => void | Promise<void>;
	/** ALLOW_PRIVATE_HOSTS. Default false. */
	readonly allowPrivateHosts?: boolean;
	/** Poll once right away rather than after the first interval. Default true. */
	readonly pollAtStart?: boolean;
	/** Fetch and lock settings passed to each ingest (tests). */
	readonly ingest?: Pick<IngestOptions, 'fetch' | 'lock' | 'quotas'>;
}

export interface FeedPoller {
	/** One pass over every feed now (a pass already running is waited for, not doubled). */
	pollNow(): Promise<readonly FeedReport[]>;
	/** One feed now (a server just subscribed to it), after any pass under way. */
	pollFeed(url: string): Promise<readonly FeedReport[]>;
	/** Stops the timer; a pass under way finishes. */
	stop(): void;
}

/** FEEDS: http(s) URLs separated by commas or whitespace; a bad one is a UsageError naming it. */
export function parseFeedList(value: string | undefined): string[] {
	const feeds = (value ?? '').split(/[\s,]+/).filter((f) => f !== '');
	for (const feed of feeds)
		if (parseHttpUrl(feed) === undefined) throw new UsageError(`FEEDS: "${feed.slice(0, 100)}" is not an http(s) URL`);
	return feeds;
}

/** What a pass polls: FEEDS into the shared library, then each server's subscriptions (feeds.json) into its own. */
async function subscriptions(options: FeedPollerOptions): Promise<{ url: string; library: string; by: string }[]> {
	const saved = await storeOf(options)
		.listFeeds()
		.catch((error: unknown) => {
			options.log.warn({ problem: (error as Error).message }, 'feeds.json not read; polling FEEDS only');
			return [];
		});
	return [
		...options.feeds.map((url) => ({ url, library: SHARED_LIBRARY, by: OPERATOR })),
		...saved.map((e) => ({ url: e.url, library: e.library, by: e.addedBy })),
	];
}

async function pollOnce(options: FeedPollerOptions, only?: string): Promise<FeedReport[]> {
	const reports: FeedReport[] = [];
	const base: IngestOptions = {
		dataDir: options.dataDir,
		...(options.store === undefined ? {} : { store: options.store }),
		allowPrivateHosts: options.allowPrivateHosts ?? false,
		...options.ingest,
	};
	for (const { url: feed, library, by } of await subscriptions(options)) {
		if (only !== undefined && feed !== only) continue;
		const result = await ingestFeed(feed, { ...base, library, addedBy: by }).catch((error: unknown) => {
			// A feed that throws is logged and passed over, so the feeds after it are still polled.
			options.log.error({ feed, err: error instanceof Error ? error : new Error(String(error)) }, 'feed poll failed');
			return undefined;
		});
		if (result === undefined) continue;
		if (!result.ok) {
			options.log.warn({ feed, code: result.error.code, problem: result.error.message }, 'feed not read');
			continue;
		}
		const { added, skipped, failed } = result.value;
		for (const f of failed)
			options.log.warn(
				{ feed, item: f.url, code: f.problem.code, problem: f.problem.message },
				'feed item not ingested',
			);
		options.log.info(
			{ feed, added: added.length, skipped, failed: failed.length, ids: added.map((s) => s.id) },
			'feed polled',
		);
		reports.push(result.value);
	}
	const added = reports.flatMap((r) => r.added);
	if (added.length > 0) await options.onAdded?.(added);
	return reports;
}

/**
 * Polls the feeds every `intervalMinutes` (and once at start unless told not to), ingesting new
 * items. Its timers are unref'd, so they never keep the process alive; a failure is logged, never
 * thrown. Passes never overlap.
 */
export function startFeedPoller(options: FeedPollerOptions): FeedPoller {
	let running: Promise<FeedReport[]> | undefined;
	const pollNow = (): Promise<FeedReport[]> => {
		running ??= pollOnce(options).finally(() => (running = undefined));
		return running;
	};
	const tick = () => {
		pollNow().catch((error: unknown) =>
			options.log.error({ err: error instanceof Error ? error : new Error(String(error)) }, 'feed poll failed'),
		);
	};
	const timer = setInterval(tick, options.intervalMinutes * 60_000);
	timer.unref();
	const first = options.pollAtStart === false ? undefined : setTimeout(tick, 0);
	first?.unref();
	return {
		pollNow,
		pollFeed: async (url) => {
			await running?.catch(() => undefined);
			return pollOnce(options, url);
		},
		stop: () => {
			clearInterval(timer);
			if (first !== undefined) clearTimeout(first);
		},
	};
}
