import { SHARED_LIBRARY, type Library, type Source } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import type { Logger } from '../log.js';
import { OPERATOR, type IngestOutcome } from './commit.js';
import { storeOf } from '../store/dir-store.js';
import type { FeedEntry } from './feed-store.js';
import { ingestSource, type IngestOptions } from './ingest.js';
import type { IngestProblem } from './problem.js';

/** For whom a change is made: the library it goes to (shared unless told) and who asks (the operator unless told). */
export interface OnBehalf {
	readonly library?: Library;
	readonly by?: string;
}

/** Adds the article at a URL to a library; what `/ingest` runs (see CommandContext.ingest). */
export type Ingest = (url: string, as?: OnBehalf) => Promise<Result<IngestOutcome, IngestProblem>>;

/** Takes a source out of a library; what `/remove` runs. */
export type Remove = (id: string, as?: OnBehalf) => Promise<Result<Source, IngestProblem>>;

/** A library's feed subscriptions; what `/feed` runs. */
export interface FeedAdmin {
	add(url: string, as: OnBehalf): Promise<Result<{ entry: FeedEntry; added: boolean }, IngestProblem>>;
	remove(url: string, as: OnBehalf): Promise<Result<FeedEntry, IngestProblem>>;
	list(library: Library): Promise<FeedEntry[]>;
}

export interface IngesterOptions extends Pick<
	IngestOptions,
	'dataDir' | 'allowPrivateHosts' | 'fetch' | 'lock' | 'quotas' | 'store'
> {
	readonly log?: Pick<Logger, 'info' | 'warn'>;
	/** Called once sources are stored or taken out (the bot updates its live corpus here); a failure is logged. */
	readonly onChanged?: () => void | Promise<void>;
	/** Feeds a server's library may follow (GUILD_MAX_FEEDS). */
	readonly maxFeeds?: number;
}

/** Runs `onChanged`, logging rather than throwing: the change is on disk either way. */
async function announce(options: IngesterOptions): Promise<void> {
	try {
		await options.onChanged?.();
	} catch (error) {
		options.log?.warn(
			{ err: error instanceof Error ? error : new Error(String(error)) },
			'the change is stored but not yet live',
		);
	}
}

/** An {@link Ingest} bound to a data directory and policy, for the bot and the console to hand to commands. */
export function createIngester(options: IngesterOptions): Ingest {
	return async (url, as = {}) => {
		const result = await ingestSource(url, {
			...options,
			library: as.library ?? SHARED_LIBRARY,
			addedBy: as.by ?? OPERATOR,
		});
		if (!result.ok) {
			options.log?.info({ code: result.error.code, problem: result.error.message }, 'ingest refused');
			return result;
		}
		options.log?.info(
			{ status: result.value.status, id: result.value.source.id, library: result.value.source.library },
			'ingested',
		);
		if (result.value.status !== 'unchanged') await announce(options);
		return result;
	};
}

/** A {@link Remove} bound to a data directory. */
export function createRemover(options: IngesterOptions): Remove {
	return async (id, as = {}) => {
		const library = as.library ?? SHARED_LIBRARY;
		const how = { by: as.by ?? OPERATOR, ...(options.lock === undefined ? {} : { lock: options.lock }) };
		const result = await storeOf(options).removeSource(id, library, how);
		if (!result.ok) {
			options.log?.info({ code: result.error.code, problem: result.error.message }, 'remove refused');
			return result;
		}
		options.log?.info({ id, library }, 'removed');
		await announce(options);
		return result;
	};
}

/** A {@link FeedAdmin} bound to a store (the poller reads the same subscriptions). */
export function createFeedAdmin(options: IngesterOptions & { readonly onFeedsChanged?: () => void }): FeedAdmin {
	const store = storeOf(options);
	const change = (as: OnBehalf) => ({
		library: as.library ?? SHARED_LIBRARY,
		by: as.by ?? OPERATOR,
		...(options.lock === undefined ? {} : { lock: options.lock }),
		...(options.maxFeeds === undefined ? {} : { maxFeeds: options.maxFeeds }),
	});
	return {
		add: async (url, as) => {
			const result = await store.addFeed(url, change(as));
			if (result.ok && result.value.added) options.onFeedsChanged?.();
			return result;
		},
		remove: async (url, as) => {
			const result = await store.removeFeed(url, change(as));
			if (result.ok) options.onFeedsChanged?.();
			return result;
		},
		list: async (library) => (await store.listFeeds().catch(() => [])).filter((e) => e.library === library),
	};
}
