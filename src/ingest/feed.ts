import { parseFeed } from 'feedsmith';
import { z } from 'zod';
import { parseCatalog, readableLibraries, SHARED_LIBRARY, type Source } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import { verifiedUrl } from './catalog-file.js';
import { storeOf } from '../store/dir-store.js';
import { parseFragment } from './dom.js';
import { fetchOrStop } from './fetch.js';
import { ingestSource, type IngestOptions } from './ingest.js';
import { readFeedIsolated } from './isolate.js';
import { toDay, type PageMetadata } from './metadata.js';
import { IngestStop, problem, stop, type IngestProblem } from './problem.js';
import { normalizeSpace } from './text.js';
import { parseHttpUrl, urlKey } from './url.js';

/**
 * Media types a feed may come as: its own (RSS, Atom, RDF, JSON Feed), plain XML or JSON, and the
 * text types misconfigured servers send; the parser has the last word.
 */
export const FEED_TYPES = [
	'application/rss+xml',
	'application/atom+xml',
	'application/rdf+xml',
	'application/xml',
	'text/xml',
	'application/x-rss+xml',
	'application/feed+json',
	'application/json',
	'text/plain',
	'text/html',
] as const;

/** Items read from one feed at most, newest first as feeds list them. */
export const MAX_FEED_ITEMS = 100;

/** One article a feed links to, with the title and date it gives (hints for a page that lacks them). */
export interface FeedItem {
	readonly url: string;
	readonly title?: string;
	readonly published?: string;
}

/** A title as text: Atom's `type="html"` titles hold markup and entities. */
const plain = (value: string) =>
	normalizeSpace(/[<&]/.test(value) ? (parseFragment(value).textContent ?? value) : value);

const Text = z.union([z.string(), z.object({ value: z.string() }).transform((t) => t.value)]).transform(plain);
const opt = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const RssItem = z.object({
	link: opt(z.string()),
	guid: opt(z.object({ value: z.string(), isPermaLink: z.boolean().optional() })),
	title: opt(Text),
	pubDate: opt(z.string()),
	dc: opt(z.object({ dates: z.array(z.string()).optional() })),
});
const AtomEntry = z.object({
	links: opt(z.array(z.object({ href: z.string(), rel: z.string().optional() }))),
	title: opt(Text),
	published: opt(z.string()),
	updated: opt(z.string()),
});
const JsonItem = z.object({
	url: opt(z.string()),
	external_url: opt(z.string()),
	title: opt(Text),
	date_published: opt(z.string()),
});
const Items = z.object({
	items: z.array(z.unknown()).optional().catch(undefined),
	entries: z.array(z.unknown()).optional().catch(undefined),
});

/** An item as a feed format gives it, before its link is checked and its date read. */
interface RawItem {
	readonly url: string | undefined;
	readonly title: string | undefined;
	readonly published: string | undefined;
}

function rssItem(raw: unknown): RawItem {
	const item = RssItem.parse(raw);
	const permalink = item.guid?.isPermaLink !== false ? item.guid?.value : undefined;
	return { url: item.link ?? permalink, title: item.title, published: item.pubDate ?? item.dc?.dates?.[0] };
}

function atomEntry(raw: unknown): RawItem {
	const entry = AtomEntry.parse(raw);
	const link = entry.links?.find((l) => l.rel === undefined || l.rel === 'alternate');
	return { url: link?.href, title: entry.title, published: entry.published ?? entry.updated };
}

function jsonItem(raw: unknown): RawItem {
	const item = JsonItem.parse(raw);
	return { url: item.url ?? item.external_url, title: item.title, published: item.date_published };
}

/** A feed item that could not be read: where it stands (its link, or its place) and why. */
export interface BadItem {
	readonly item: string;
	readonly reason: string;
}

/** Why an item's reading threw, in one line. */
const reasonOf = (error: unknown): string =>
	error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);

/** One raw item as a {@link FeedItem}; undefined when it has no http(s) link. May throw on a hostile item. */
function feedItem(raw: RawItem, feedUrl: string): FeedItem | undefined {
	const absolute = raw.url === undefined ? undefined : parseHttpUrl(raw.url, feedUrl);
	if (absolute === undefined) return undefined;
	const day = raw.published === undefined ? undefined : toDay(raw.published);
	return {
		url: absolute.href,
		...(raw.title === undefined || raw.title === '' ? {} : { title: raw.title }),
		...(day === undefined ? {} : { published: day }),
	};
}

/**
 * The articles a feed links to (RSS 2.0, RDF, Atom, JSON Feed), links made absolute against the feed's
 * URL, each once, at most {@link MAX_FEED_ITEMS}; and the items that threw while being read, each
 * set aside so that one hostile item does not cost the feed its others. Not a feed at all: an error message.
 */
export function readFeedItems(text: string, feedUrl: string): Result<{ items: FeedItem[]; bad: BadItem[] }, string> {
	let parsed: ReturnType<typeof parseFeed>;
	try {
		parsed = parseFeed(text.trimStart().startsWith('{') ? (JSON.parse(text) as unknown) : text);
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
	const lists = Items.parse(parsed.feed);
	const read = parsed.format === 'atom' ? atomEntry : parsed.format === 'json' ? jsonItem : rssItem;
	const items: FeedItem[] = [];
	const bad: BadItem[] = [];
	const seen = new Set<string>();
	for (const [index, raw] of ((parsed.format === 'atom' ? lists.entries : lists.items) ?? []).entries()) {
		let item: FeedItem | undefined;
		try {
			item = feedItem(read(raw), feedUrl);
		} catch (error) {
			bad.push({ item: `item #${index + 1}`, reason: reasonOf(error) });
			continue;
		}
		const key = item === undefined ? undefined : urlKey(item.url);
		if (item === undefined || key === undefined || seen.has(key)) continue;
		seen.add(key);
		items.push(item);
		if (items.length >= MAX_FEED_ITEMS) break;
	}
	return { ok: true, value: { items, bad } };
}

/** {@link readFeedItems}'s articles alone. */
export function readFeed(text: string, feedUrl: string): Result<FeedItem[], string> {
	const read = readFeedItems(text, feedUrl);
	return read.ok ? { ok: true, value: read.value.items } : read;
}

/** What one pass over a feed did. */
export interface FeedReport {
	readonly feed: string;
	readonly added: readonly Source[];
	/** Items the catalog had already (by URL before fetching, or by URL or text after). */
	readonly skipped: number;
	/** Items not ingested: refused (a problem of their own), or hostile (code `bad-item`: reading or ingesting them threw). */
	readonly failed: readonly { readonly url: string; readonly problem: IngestProblem }[];
}

/** Options of {@link ingestFeed}: those of each item's ingest, and the ingest itself (tests stand in). */
export interface FeedOptions extends IngestOptions {
	readonly ingestItem?: typeof ingestSource;
}

const hintsOf = (item: FeedItem): PageMetadata => ({
	...(item.title === undefined ? {} : { title: item.title }),
	...(item.published === undefined ? {} : { published: item.published }),
});

/**
 * Reads a feed and ingests each item the catalog does not have yet, one at a time, the item's title
 * and date standing in where its page has none. A feed that cannot be fetched or read is a problem;
 * an item that fails is reported and the rest go on.
 */
export async function ingestFeed(feedUrl: string, options: FeedOptions): Promise<Result<FeedReport, IngestProblem>> {
	const { ingestItem = ingestSource, ...ingestOptions } = options;
	let items: FeedItem[];
	const failed: { url: string; problem: IngestProblem }[] = [];
	try {
		const fetched = await fetchOrStop(feedUrl, {
			...options.fetch,
			allowPrivateHosts: options.allowPrivateHosts,
			accept: FEED_TYPES,
		});
		const read = await readFeedIsolated(fetched.text, fetched.url);
		if (!read.ok) stop('bad-feed', `${fetched.url} is not an RSS, Atom or JSON feed (${read.error})`);
		items = read.value.items;
		for (const b of read.value.bad) failed.push({ url: b.item, problem: problem('bad-item', b.reason) });
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		throw error;
	}
	// Items the library reads already (its own and the shared ones) are not fetched again.
	const library = options.library ?? SHARED_LIBRARY;
	const known = new Set(
		(
			await storeOf(options)
				.readCatalog()
				.then((c) => parseCatalog(c.entries).sources)
				.catch(() => [])
		)
			.filter((s) => readableLibraries(library).includes(s.library))
			.map((s) => urlKey(verifiedUrl(s) ?? '')),
	);
	const added: Source[] = [];
	let skipped = 0;
	for (const item of items) {
		if (known.has(urlKey(item.url))) {
			skipped++;
			continue;
		}
		const result = await ingestItem(item.url, { ...ingestOptions, hints: hintsOf(item) }).catch(
			// Anything but a refusal is a bug the item set off (a RangeError deep in a parser, say): it
			// costs that item, never the items after it nor the feeds after this one.
			(error: unknown) => ({ ok: false, error: problem('bad-item', reasonOf(error)) }) as const,
		);
		if (!result.ok) failed.push({ url: item.url, problem: result.error });
		else if (result.value.status === 'added') added.push(result.value.source);
		else skipped++;
	}
	return { ok: true, value: { feed: feedUrl, added, skipped, failed } };
}
