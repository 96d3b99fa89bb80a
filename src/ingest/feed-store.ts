import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LibrarySchema, type Library } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import { writeFileAtomic } from '../store/atomic.js';
import { audit } from './audit.js';
import { withLock, type LockOptions } from './lock.js';
import { IngestStop, problem, stop, type IngestProblem } from './problem.js';
import { cleanUrl, parseHttpUrl, urlKey } from './url.js';

/** The servers' feed subscriptions (FEEDS, the operator's, stays in the environment). */
export const FEEDS_FILE = 'feeds.json';

export const FeedEntrySchema = z.object({
	url: z.url({ protocol: /^https?$/ }).max(1_000),
	library: LibrarySchema,
	addedBy: z.string().min(1).max(40),
	addedAt: z.iso.datetime(),
});

/** One subscription: a feed polled into a library. */
export type FeedEntry = z.infer<typeof FeedEntrySchema>;

/** Feeds one server's library may follow (GUILD_MAX_FEEDS). */
export const DEFAULT_LIBRARY_FEEDS = 10;

/** The subscriptions on disk; a missing file is none, a bad entry is skipped (the rest still poll). */
export async function readFeedEntries(dir: string): Promise<FeedEntry[]> {
	let text: string;
	try {
		text = await readFile(join(dir, FEEDS_FILE), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		stop('data-dir', `${join(dir, FEEDS_FILE)} is not valid JSON; fix it before changing feeds`);
	}
	if (!Array.isArray(json)) stop('data-dir', `${join(dir, FEEDS_FILE)} must hold an array of feeds`);
	return json.flatMap((entry) => {
		const parsed = FeedEntrySchema.safeParse(entry);
		return parsed.success ? [parsed.data] : [];
	});
}

/** feeds.json's layout: one entry a line. */
export const formatFeeds = (entries: readonly FeedEntry[]) =>
	entries.length === 0 ? '[]\n' : `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;

export interface FeedChange {
	readonly library: Library;
	/** Who: a Discord user id, or `operator`. */
	readonly by: string;
	readonly lock?: LockOptions;
	/** Feeds a server's library may hold (GUILD_MAX_FEEDS). */
	readonly maxFeeds?: number;
	readonly now?: Date;
}

async function change<T>(
	dir: string,
	options: FeedChange,
	edit: (entries: FeedEntry[], now: Date) => { entries: FeedEntry[]; value: T },
): Promise<Result<T, IngestProblem>> {
	try {
		return {
			ok: true,
			value: await withLock(
				dir,
				async () => {
					const now = options.now ?? new Date();
					const { entries, value } = edit(await readFeedEntries(dir), now);
					await writeFileAtomic(join(dir, FEEDS_FILE), formatFeeds(entries));
					return value;
				},
				options.lock,
			),
		};
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		return { ok: false, error: problem('data-dir', `could not change the feeds: ${(error as Error).message}`) };
	}
}

/** The feeds after adding one, decided once for both stores: the same feed again is a no-op; a server past its limit is refused (`full`). */
export function planAddFeed(
	entries: FeedEntry[],
	clean: string,
	options: Pick<FeedChange, 'library' | 'by' | 'maxFeeds'>,
	now: Date,
): { entries: FeedEntry[]; value: { entry: FeedEntry; added: boolean } } {
	const known = entries.find((e) => e.library === options.library && urlKey(e.url) === urlKey(clean));
	if (known !== undefined) return { entries, value: { entry: known, added: false } };
	const own = entries.filter((e) => e.library === options.library).length;
	if (options.library !== 'shared' && own >= (options.maxFeeds ?? DEFAULT_LIBRARY_FEEDS))
		stop('full', `${options.library} follows ${own} feeds, its limit (GUILD_MAX_FEEDS); remove one first`);
	const entry: FeedEntry = { url: clean, library: options.library, addedBy: options.by, addedAt: now.toISOString() };
	return { entries: [...entries, entry], value: { entry, added: true } };
}

/** The feeds after removing one; a feed the library does not follow is `usage` (nothing changed). */
export function planRemoveFeed(
	entries: FeedEntry[],
	url: string,
	options: Pick<FeedChange, 'library'>,
): { entries: FeedEntry[]; value: FeedEntry } {
	const key = urlKey(url.trim());
	const gone = entries.find((e) => e.library === options.library && key !== undefined && urlKey(e.url) === key);
	if (gone === undefined) stop('usage', `the ${options.library} library follows no feed at ${url.slice(0, 100)}`);
	return { entries: entries.filter((e) => e !== gone), value: gone };
}

/** A feed URL as subscriptions keep it, or the `usage` problem. */
export function feedUrlOf(url: string): Result<string, IngestProblem> {
	const parsed = parseHttpUrl(url);
	if (parsed === undefined)
		return { ok: false, error: problem('usage', `a feed is an http(s) URL, not ${url.slice(0, 100)}`) };
	return { ok: true, value: cleanUrl(parsed) };
}

/** Subscribes a library to a feed (once: the same feed again is a no-op); a server past its limit is refused (`full`). */
export async function addFeed(
	dir: string,
	url: string,
	options: FeedChange,
): Promise<Result<{ entry: FeedEntry; added: boolean }, IngestProblem>> {
	const clean = feedUrlOf(url);
	if (!clean.ok) return clean;
	const result = await change(dir, options, (entries, now) => planAddFeed(entries, clean.value, options, now));
	if (result.ok && result.value.added)
		await audit(dir, { action: 'feed-add', library: options.library, url: clean.value, by: options.by });
	return result;
}

/** Unsubscribes a library from a feed; a feed it does not follow is `usage` (nothing changed). */
export async function removeFeed(
	dir: string,
	url: string,
	options: FeedChange,
): Promise<Result<FeedEntry, IngestProblem>> {
	const result = await change(dir, options, (entries) => planRemoveFeed(entries, url, options));
	if (result.ok)
		await audit(dir, { action: 'feed-remove', library: options.library, url: result.value.url, by: options.by });
	return result;
}
