import { z } from 'zod';
import { all, type DomDocument } from './dom.js';
import { normalizeSpace } from './text.js';
import { sameSite, siteOf } from './site.js';
import { cleanUrl, parseHttpUrl } from './url.js';
import { dayInText, findPublished, realDay, type PublishedFrom } from './published.js';
import { normalizeLanguage } from './language.js';

/** What a page says about itself; each field absent when the page does not say. */
export interface PageMetadata {
	/** Canonical URL: `<link rel=canonical>`, else `og:url`, else the URL it was fetched from; only on the fetched URL's site. */
	readonly url?: string;
	/** `og:title`, else JSON-LD `headline`, else a named `<meta>` title, else `<title>` without the site's name, else the `<h1>`. */
	readonly title?: string;
	/** `YYYY-MM-DD`, from the most trusted place the page states it (see findPublished in published.ts). */
	readonly published?: string;
	/** Where `published` was read; for measurement, not kept in the catalog. */
	readonly publishedFrom?: PublishedFrom;
	/** `og:site_name`, else JSON-LD `publisher.name`, else the host without `www.`; the host when the page claims another site's URL. */
	readonly publisher?: string;
	readonly authors?: readonly string[];
	/**
	 * The language it says it is in, as an ISO 639 primary subtag: `<html lang>` (or `xml:lang`), else
	 * `og:locale` ("pt_BR" → "pt"), else a `content-language` or `language` meta. load.ts detects it
	 * from the text when the page says nothing.
	 */
	readonly language?: string;
}

const text = z.string().transform(normalizeSpace).pipe(z.string().min(1));
const named = z.union([text, z.object({ name: text }).transform((o) => o.name)]);
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The JSON-LD fields read, each on its own: a malformed one does not spoil the others. */
const JsonLdArticle = z.object({
	headline: lenient(text),
	datePublished: lenient(z.string()),
	dateCreated: lenient(z.string()),
	uploadDate: lenient(z.string()),
	publisher: lenient(
		z.union([
			named,
			z
				.array(named)
				.min(1)
				.transform((a) => a[0]!),
		]),
	),
	author: lenient(z.union([named.transform((n) => [n]), z.array(named.optional().catch(undefined))])),
});

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$/;
/** Other things whose JSON-LD dates may be the page's: the page itself, its video. */
const PAGE_TYPE = /(?:WebPage|VideoObject|Clip)$/;

/**
 * Every object in the page's JSON-LD blocks, outer ones first: `@graph`s, arrays and nested objects
 * (a `WebPage`'s `mainEntity` article) flattened; unparseable blocks skipped.
 */
function jsonLdObjects(document: DomDocument): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	const visit = (value: unknown, depth: number) => {
		if (depth > 6 || typeof value !== 'object' || value === null || out.length > 500) return;
		if (Array.isArray(value)) {
			for (const v of value) visit(v, depth + 1);
			return;
		}
		out.push(value as Record<string, unknown>);
		for (const v of Object.values(value)) if (typeof v === 'object') visit(v, depth + 1);
	};
	for (const script of all(document, 'script[type="application/ld+json" i]')) {
		try {
			// Some pages wrap the JSON in CDATA markers, for XHTML parsers long gone.
			const json = (script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '');
			visit(JSON.parse(json), 0);
		} catch {
			// A broken block is the page's problem; the other sources of metadata still count.
		}
	}
	return out;
}

type JsonLd = z.infer<typeof JsonLdArticle>;

/**
 * The page's JSON-LD article, and the dates JSON-LD gives for it, most trusted first: `published`
 * (an article's `datePublished`, then a page's or video's) and `created` (`dateCreated`,
 * `uploadDate`), which findPublished trusts less than the meta tags.
 */
function jsonLdArticle(document: DomDocument): {
	article?: JsonLd;
	published: (string | undefined)[];
	created: (string | undefined)[];
} {
	const objects = jsonLdObjects(document);
	const types = (o: Record<string, unknown>) => [o['@type']].flat().filter((t): t is string => typeof t === 'string');
	const isArticle = (o: Record<string, unknown>) => types(o).some((t) => ARTICLE_TYPE.test(t));
	const found = objects.find(isArticle) ?? objects.find((o) => typeof o.headline === 'string');
	// An image's or a person's dates are not the article's.
	const dated = [
		...objects.filter(isArticle),
		...objects.filter((o) => !isArticle(o) && types(o).some((t) => PAGE_TYPE.test(t))),
	].map((o) => JsonLdArticle.parse(o));
	const published = dated.map((o) => o.datePublished);
	const created = dated.flatMap((o) => [o.dateCreated, o.uploadDate]);
	return { ...(found === undefined ? {} : { article: JsonLdArticle.parse(found) }), published, created };
}

/** The content of the first `<meta>` with one of these `property` or `name` values. */
function meta(document: DomDocument, ...keys: string[]): string | undefined {
	for (const key of keys) {
		for (const attr of ['property', 'name', 'itemprop']) {
			const value = document.querySelector(`meta[${attr}="${key}" i]`)?.getAttribute('content');
			if (value !== undefined && value !== null && normalizeSpace(value) !== '') return normalizeSpace(value);
		}
	}
	return undefined;
}

/** The language a page declares: its root's `lang`, then `og:locale`, then a language `<meta>` (see {@link PageMetadata.language}). */
function declaredLanguage(document: DomDocument): string | undefined {
	const root = document.documentElement;
	const equiv = document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ?? undefined;
	const candidates = [
		root.getAttribute('lang') ?? undefined,
		root.getAttribute('xml:lang') ?? undefined,
		meta(document, 'og:locale'),
		equiv?.split(',')[0],
		meta(document, 'language', 'dc.language', 'dcterms.language', 'content-language', 'inLanguage'),
	];
	for (const tag of candidates) {
		const language = normalizeLanguage(tag);
		if (language !== undefined) return language;
	}
	return undefined;
}

/** A site's front page: what a misconfigured page names as canonical for every article. */
const isFrontPage = (url: URL) => url.pathname.replace(/\/+$/, '') === '' && url.search === '';

/**
 * The page's own URL: its canonical link, else `og:url`, else where it was fetched from. A claim on
 * another site than the fetched URL's is passed over, and `offSite` says one was made: a page
 * served from a throwaway host could otherwise take over a real article's address (its cards would
 * link there, and the real article would count as a duplicate of it).
 */
function canonicalUrl(document: DomDocument, pageUrl: string | undefined): { url?: string; offSite: boolean } {
	const links = all(document, 'link[rel][href]').filter((l) =>
		(l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
	);
	const page = pageUrl === undefined ? undefined : parseHttpUrl(pageUrl);
	const candidates = [links[0]?.getAttribute('href'), meta(document, 'og:url'), pageUrl];
	let offSite = false;
	for (const candidate of candidates) {
		if (candidate === undefined || candidate === null) continue;
		const url = parseHttpUrl(candidate, pageUrl);
		// An article's page naming the front page would make every article of the site "the same URL".
		if (url === undefined || (isFrontPage(url) && page !== undefined && !isFrontPage(page))) continue;
		if (page !== undefined && !sameSite(url.href, page.href)) {
			offSite = true;
			continue;
		}
		return { url: cleanUrl(url), offSite };
	}
	return page === undefined ? { offSite } : { url: cleanUrl(page), offSite };
}

/**
 * The name a publisher falls back to: the host's registrable domain (`www.nytimes.com` and
 * `finance.yahoo.com` → `nytimes.com`, `yahoo.com`), which people recognise; no name is made up.
 */
export const hostName = (url: string): string | undefined => {
	const host = parseHttpUrl(url)?.hostname;
	return host === undefined ? undefined : siteOf(host).replace(/^www\./, '');
};

/** Where a site's name ends and its tagline begins: "Aktuálně.cz - Víte, co se právě děje". */
const TAGLINE_SEPARATOR = /\s+[-|–—]\s+|:\s+/;

/**
 * A site's name without its tagline: cut at the first " - ", " | ", " – ", " — " or ": " when what
 * follows is longer than the name, or reads as a sentence (three or more words, the later ones in
 * lower case). "Le Monde.fr" and "CNN Money" stay whole.
 */
export function cleanPublisher(name: string): string {
	const m = TAGLINE_SEPARATOR.exec(name);
	if (m === null) return name;
	const head = name.slice(0, m.index).trim();
	const rest = name.slice(m.index + m[0].length).trim();
	if (head === '') return name;
	const words = rest.split(/\s+/);
	const sentence = words.length >= 3 && words.slice(1).filter((w) => /^\p{Ll}/u.test(w)).length >= words.length / 2;
	return rest.length > head.length || sentence ? head : name;
}

/**
 * Reads a page's metadata (see {@link PageMetadata} for what comes from where). `pageUrl` is the URL
 * it was fetched from, for relative links and fallbacks; undefined for a local file.
 */
export function readPageMetadata(document: DomDocument, pageUrl: string | undefined): PageMetadata {
	const { article: ld, ...jsonLdDates } = jsonLdArticle(document);
	const { url, offSite } = canonicalUrl(document, pageUrl);
	const published = findPublished(document, jsonLdDates, [url, pageUrl], toDay);
	// A page that claims another site's address may claim its name too: its host says who served it.
	const host = url === undefined ? undefined : hostName(url);
	const claimed = meta(document, 'og:site_name') ?? ld?.publisher ?? meta(document, 'application-name');
	const publisher =
		(offSite ? host : undefined) ?? (claimed === undefined ? undefined : cleanPublisher(claimed)) ?? host;
	// A title's suffix may be the name with its tagline, the name alone, the domain, or its first label ("nytimes").
	const siteNames = [publisher, claimed, host, host?.split('.')[0]].filter((s): s is string => s !== undefined);
	const og = meta(document, 'og:title', 'twitter:title');
	const documentTitle = normalizeSpace(document.querySelector('title')?.textContent ?? '');
	const named = meta(document, 'parsely-title', 'dc.title', 'dcterms.title', 'sailthru.title', 'title');
	const heading = normalizeSpace(document.querySelector('h1')?.textContent ?? '');
	const title =
		(og === undefined ? undefined : stripSiteName(og, siteNames)) ??
		ld?.headline ??
		named ??
		(documentTitle === '' ? undefined : stripSiteSuffix(documentTitle, siteNames)) ??
		(heading === '' ? undefined : heading);
	const authors = (ld?.author ?? []).filter((a): a is string => a !== undefined);
	const metaAuthor = meta(document, 'author', 'article:author');
	if (authors.length === 0 && metaAuthor !== undefined && parseHttpUrl(metaAuthor) === undefined)
		authors.push(metaAuthor);
	const language = declaredLanguage(document);
	return {
		...(url === undefined ? {} : { url }),
		...(title === undefined ? {} : { title }),
		...(published === undefined ? {} : { published: published.day, publishedFrom: published.from }),
		...(publisher === undefined ? {} : { publisher }),
		...(authors.length === 0 ? {} : { authors }),
		...(language === undefined ? {} : { language }),
	};
}

/** Separators between a headline and a site's name in a `<title>`: "Headline | Site", "Headline - Site". */
const SEPARATOR = /\s+[|\-–—:·•»/]\s+/;
const fold = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');

/** The title without a leading or trailing segment that is one of the site's names. */
export function stripSiteName(title: string, siteNames: readonly string[]): string {
	const parts = title.split(SEPARATOR);
	if (parts.length < 2) return title;
	const isSite = (part: string) => siteNames.some((s) => fold(s) !== '' && fold(s) === fold(part));
	const separators = title.match(new RegExp(SEPARATOR, 'g')) ?? [];
	if (isSite(parts.at(-1)!))
		return title.slice(0, title.length - parts.at(-1)!.length - separators.at(-1)!.length).trim();
	if (isSite(parts[0]!)) return title.slice(parts[0]!.length + separators[0]!.length).trim();
	return title;
}

/**
 * A `<title>` without the site's name: a known name is cut wherever it stands; otherwise a last
 * segment of at most four words after a headline of at least three ("Talks resume | Daily News").
 */
export function stripSiteSuffix(title: string, siteNames: readonly string[]): string {
	const known = stripSiteName(title, siteNames);
	if (known !== title) return known;
	const separators = title.match(new RegExp(SEPARATOR, 'g')) ?? [];
	const last = separators.at(-1);
	if (last === undefined) return title;
	const cut = title.lastIndexOf(last);
	const head = title.slice(0, cut).trim();
	const tail = title.slice(cut + last.length).trim();
	const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
	return words(tail) <= 4 && words(head) >= 3 ? head : title;
}

/**
 * The day a date string names, as `YYYY-MM-DD`, in the string's own time zone: an ISO date's day as
 * written (`2025-09-07T23:30-04:00` is the 7th), an RFC 2822 date shifted by its offset, a date with
 * no zone as written; anything else ("Fri Mar 13 21:30:09 EST 2015", "March 18, 2015") as chrono-node
 * reads it, as written. Undefined when it is no date.
 */
export function toDay(value: string): string | undefined {
	const v = value.trim();
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(v);
	if (iso !== null) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	const ms = Date.parse(v);
	// Date.parse shifts a named zone ("EST") to local time, moving the day; chrono keeps it as written.
	if (Number.isNaN(ms) || /\b[A-Z]{2,5}\b(?:\s+\d{4})?$/.test(v.replace(/\b(?:GMT|UTC)$/, ''))) return dayInText(v);
	const offset = /([+-])(\d{2}):?(\d{2})$/.exec(v);
	if (offset !== null) {
		const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
		const local = new Date(ms + minutes * 60_000);
		return realDay(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
	}
	const date = new Date(ms);
	// No zone written: Date.parse read it as local time, so local fields give back the day as written.
	if (!/\b(?:GMT|UTC|Z)$/i.test(v)) return realDay(date.getFullYear(), date.getMonth() + 1, date.getDate());
	return realDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}
