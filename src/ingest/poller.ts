import type { Source } from '../core/catalog.js';
import { UsageError } from '../env.js';
import type { Logger } from '../log.js';
import { ingestFeed, type FeedReport } from './feed.js';
import type { IngestOptions } from './ingest.js';
import { parseHttpUrl } from './url.js';

export interface FeedPollerOptions {
	/** Feed URLs (see {@link parseFeedList} for FEEDS). */
	readonly feeds: readonly string[];
	/** FEED_INTERVAL_MINUTES. */
	readonly intervalMinutes: number;
	readonly dataDir: string;
	readonly log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
	/** Called after a pass that added sources (the bot extends its live corpus here). */
	readonly onAdded?: (sources: readonly Source[]) => void | Promise<void>;
	/** ALLOW_PRIVATE_HOSTS. Default false. */
	readonly allowPrivateHosts?: boolean;
	/** Poll once right away rather than after the first interval. Default true. */
	readonly pollAtStart?: boolean;
	/** Fetch and lock settings passed to each ingest (tests). */
	readonly ingest?: Pick<IngestOptions, 'fetch' | 'lock'>;
}

export interface FeedPoller {
	/** One pass over every feed now (a pass already running is waited for, not doubled). */
	pollNow(): Promise<readonly FeedReport[]>;
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

async function pollOnce(options: FeedPollerOptions): Promise<FeedReport[]> {
	const reports: FeedReport[] = [];
	const base: IngestOptions = {
		dataDir: options.dataDir,
		allowPrivateHosts: options.allowPrivateHosts ?? false,
		...options.ingest,
	};
	for (const feed of options.feeds) {
		const result = await ingestFeed(feed, base).catch((error: unknown) => {
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
	const first = options.pollAtStart === false || options.feeds.length === 0 ? undefined : setTimeout(tick, 0);
	first?.unref();
	return {
		pollNow,
		stop: () => {
			clearInterval(timer);
			if (first !== undefined) clearTimeout(first);
		},
	};
}
