import { parseFeed } from 'feedsmith';
import { z } from 'zod';
import type { Source } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import { readSources } from './catalog-file.js';
import { parseFragment } from './dom.js';
import { fetchOrStop } from './fetch.js';
import { ingestSource, type IngestOptions } from './ingest.js';
import { toDay, type PageMetadata } from './metadata.js';
import { IngestStop, stop, type IngestProblem } from './problem.js';
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

/**
 * The articles a feed links to (RSS 2.0, RDF, Atom, JSON Feed), links made absolute against the feed's
 * URL, each once, at most {@link MAX_FEED_ITEMS}. Not a feed at all: an error message.
 */
export function readFeed(text: string, feedUrl: string): Result<FeedItem[], string> {
	let parsed: ReturnType<typeof parseFeed>;
	try {
		parsed = parseFeed(text.trimStart().startsWith('{') ? (JSON.parse(text) as unknown) : text);
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
	const lists = Items.parse(parsed.feed);
	const read = parsed.format === 'atom' ? atomEntry : parsed.format === 'json' ? jsonItem : rssItem;
	const items: FeedItem[] = [];
	const seen = new Set<string>();
	for (const raw of (parsed.format === 'atom' ? lists.entries : lists.items) ?? []) {
		const { url, title, published } = read(raw);
		const absolute = url === undefined ? undefined : parseHttpUrl(url, feedUrl);
		const key = absolute === undefined ? undefined : urlKey(absolute.href);
		if (absolute === undefined || key === undefined || seen.has(key)) continue;
		seen.add(key);
		const day = published === undefined ? undefined : toDay(published);
		items.push({
			url: absolute.href,
			...(title === undefined || title === '' ? {} : { title }),
			...(day === undefined ? {} : { published: day }),
		});
		if (items.length >= MAX_FEED_ITEMS) break;
	}
	return { ok: true, value: items };
}

/** What one pass over a feed did. */
export interface FeedReport {
	readonly feed: string;
	readonly added: readonly Source[];
	/** Items the catalog had already (by URL before fetching, or by URL or text after). */
	readonly skipped: number;
	readonly failed: readonly { readonly url: string; readonly problem: IngestProblem }[];
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
export async function ingestFeed(feedUrl: string, options: IngestOptions): Promise<Result<FeedReport, IngestProblem>> {
	let items: FeedItem[];
	try {
		const fetched = await fetchOrStop(feedUrl, {
			...options.fetch,
			allowPrivateHosts: options.allowPrivateHosts,
			accept: FEED_TYPES,
		});
		const read = readFeed(fetched.text, fetched.url);
		if (!read.ok) stop('bad-feed', `${fetched.url} is not an RSS, Atom or JSON feed (${read.error})`);
		items = read.value;
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		throw error;
	}
	const known = new Set((await readSources(options.dataDir).catch(() => [])).map((s) => urlKey(s.url)));
	const added: Source[] = [];
	const failed: { url: string; problem: IngestProblem }[] = [];
	let skipped = 0;
	for (const item of items) {
		if (known.has(urlKey(item.url))) {
			skipped++;
			continue;
		}
		const result = await ingestSource(item.url, { ...options, hints: hintsOf(item) });
		if (!result.ok) failed.push({ url: item.url, problem: result.error });
		else if (result.value.status === 'added') added.push(result.value.source);
		else skipped++;
	}
	return { ok: true, value: { feed: feedUrl, added, skipped, failed } };
}
