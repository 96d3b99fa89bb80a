import * as chrono from 'chrono-node';
import { all, type DomDocument, type DomElement } from './dom.js';
import { normalizeSpace } from './text.js';
import { parseHttpUrl } from './url.js';

/** Where a page's publication date was read: the measurement table reports it; the catalog does not keep it. */
export type PublishedFrom = 'json-ld' | `meta:${string}` | 'time' | 'url' | 'byline' | 'title';

export interface FoundDay {
	/** `YYYY-MM-DD`. */
	readonly day: string;
	readonly from: PublishedFrom;
}

/**
 * The `<meta>` names (or properties, or itemprops) that pages use for their publication date, most
 * trusted first: Open Graph's and the article's own, then schema.org's, Dublin Core's, then the
 * analytics and search tags (Sailthru, Parse.ly, Google's old `pubdate`) and the newsroom systems'.
 */
export const DATE_META = [
	'article:published_time',
	'article:publicationdate',
	'og:published_time',
	'og:article:published_time',
	'datePublished',
	'date',
	'DC.date.issued',
	'DC.date',
	'dcterms.created',
	'dcterms.issued',
	'dcterms.date',
	'sailthru.date',
	'parsely-pub-date',
	'pubdate',
	'publishdate',
	'publish-date',
	'publish_date',
	'publication_date',
	'article.published',
	'article_date_original',
	'original-publish-date',
	'OriginalPublicationDate',
	'cXenseParse:recs:publishtime',
	'rnews:datePublished',
	'citation_publication_date',
	'displaydate',
] as const;

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day `YYYY-MM-DD` that exists and is plausible for a web page, or undefined. */
export function realDay(y: number, m: number, d: number): string | undefined {
	const date = new Date(Date.UTC(y, m - 1, d));
	if (y < MIN_YEAR || y > MAX_YEAR || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return `${y}-${pad(m)}-${pad(d)}`;
}

/** chrono's languages tried on free text, English first: a French "18 mars 2015" reads too. */
const PARSERS = [chrono.strict, chrono.fr.strict, chrono.es.strict, chrono.pt.strict, chrono.de.strict] as const;

/**
 * The first full date (day, month and year all written) in free text, as written in its own time
 * zone ("Fri Mar 13 21:30:09 EST 2015" is the 13th): chrono-node's strict parsers, which take no
 * "today" or "last week".
 */
export function dayInText(text: string): string | undefined {
	for (const parser of PARSERS) {
		for (const result of parser.parse(text.slice(0, 400))) {
			const s = result.start;
			if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
			const day = realDay(s.get('year')!, s.get('month')!, s.get('day')!);
			if (day !== undefined) return day;
		}
	}
	return undefined;
}

/** A date in a URL's path: `/2015/03/18/`, `/20150318/`, `/2015-03-18`; never a year or month alone. */
export function dayInUrl(url: string): string | undefined {
	const path = parseHttpUrl(url)?.pathname;
	if (path === undefined) return undefined;
	const patterns = [
		/\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[._-])/,
		/(?:^|[/_.-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?=$|[/_.-])/,
		/(?:^|[/_.-])((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/_.-])/,
	];
	for (const pattern of patterns) {
		const m = pattern.exec(path);
		const day = m === null ? undefined : realDay(Number(m[1]), Number(m[2]), Number(m[3]));
		if (day !== undefined) return day;
	}
	return undefined;
}

/** The first `<meta>` of {@link DATE_META} whose content reads as a day, with its name. */
function metaDay(document: DomDocument, toDay: (v: string) => string | undefined): FoundDay | undefined {
	for (const key of DATE_META) {
		for (const attr of ['property', 'name', 'itemprop']) {
			for (const el of all(document, `meta[${attr}="${key}" i][content]`)) {
				const day = toDay(el.getAttribute('content') ?? '');
				if (day !== undefined) return { day, from: `meta:${key}` };
			}
		}
	}
	return undefined;
}

const ARTICLE = 'article, main, [role="main"], [itemprop="articleBody"]';

/**
 * A `<time>`'s day: one marked as the publication (`pubdate`, `itemprop=datePublished`), then one in
 * the article's header, then the first in the article, then the first in the page.
 */
function timeDay(document: DomDocument, toDay: (v: string) => string | undefined): string | undefined {
	const article = document.querySelector(ARTICLE);
	const groups: DomElement[][] = [
		all(document, 'time[pubdate], time[itemprop="datePublished" i], [itemprop="datePublished" i][datetime]'),
		all(document, 'article header time, header time'),
		article === null ? [] : all(article, 'time'),
		all(document, 'time'),
	];
	for (const el of groups.flat()) {
		const value = el.getAttribute('datetime') ?? el.getAttribute('pubdate') ?? '';
		const day = toDay(value) ?? dayInText(normalizeSpace(el.textContent ?? ''));
		if (day !== undefined) return day;
	}
	return undefined;
}

/** Class or id words of the boxes that hold a byline or dateline. */
const BYLINE_BOX = '[class*="byline" i], [class*="dateline" i], [id*="byline" i], [class*="date" i], [rel="author"]';
/** Longer than this, a block is prose, whose dates are what it tells, not when it was written. */
const MAX_BYLINE_CHARS = 200;

/** A full date in a byline or dateline box of the page, read before the cleaning pass removes them. */
function bylineDay(document: DomDocument): string | undefined {
	for (const el of all(document, BYLINE_BOX).slice(0, 20)) {
		const text = normalizeSpace(el.textContent ?? '');
		if (text.length === 0 || text.length > MAX_BYLINE_CHARS) continue;
		const day = dayInText(text);
		if (day !== undefined) return day;
	}
	return undefined;
}

/** A full date in the first few short blocks of an article's text: "By Ann Lee, March 18, 2015". */
export function bylineDayInText(paragraphs: readonly string[]): string | undefined {
	for (const p of paragraphs.slice(0, 3)) {
		if (p.length > MAX_BYLINE_CHARS) continue;
		const day = dayInText(p);
		if (day !== undefined) return day;
	}
	return undefined;
}

/** Separators of a `<title>`'s parts: "Headline - 07.12.2017 - Site", "Headline | Site". */
const TITLE_PARTS = /\s+[-–—|·]\s+/;
/** A part that is a day in dotted order, day first (as written wherever dots separate a date). */
const DOTTED_DAY = /^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})$/;

/** A part of the `<title>` that is nothing but a full date: "Una solución… - 07.12.2017 - LA NACION". */
export function titleDay(title: string): string | undefined {
	for (const part of normalizeSpace(title).split(TITLE_PARTS).slice(1)) {
		const dotted = DOTTED_DAY.exec(part);
		if (dotted !== null) return realDay(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
		// A date's few words ("Monday, March 18, 2015"), not a date inside a headline.
		if (part.length > 40 || part.split(' ').length > 5) continue;
		const day = dayInText(part);
		if (day !== undefined) return day;
	}
	return undefined;
}

/**
 * The page's publication day, from the most trusted place that states one:
 *  1. JSON-LD `datePublished`: an article's, then the page's or its video's (the page's own word, in a
 *     format meant for machines);
 *  2. the `<meta>` tags of {@link DATE_META}, in that order;
 *  2b. JSON-LD `dateCreated`, then `uploadDate`: below the meta tags, since a CMS's record may be
 *     created after the article went out (the Telegraph's is a day later than its datePublished);
 *  3. a `<time>` (see {@link timeDay});
 *  4. the canonical, then the fetched, URL's path (see {@link dayInUrl});
 *  5. a byline or dateline box near the top of the page (see extractArticle for the article's first
 *     blocks, read once the text is known);
 *  6. a part of the `<title>` that is only a date (see {@link titleDay}).
 * CLI flags override all of these, and a feed's date comes after them (see draftOf).
 */
export function findPublished(
	document: DomDocument,
	jsonLd: { readonly published: readonly (string | undefined)[]; readonly created: readonly (string | undefined)[] },
	urls: readonly (string | undefined)[],
	toDay: (v: string) => string | undefined,
): FoundDay | undefined {
	const fromJsonLd = (values: readonly (string | undefined)[]): FoundDay | undefined => {
		const day = values.map((v) => (v === undefined ? undefined : toDay(v))).find((d) => d !== undefined);
		return day === undefined ? undefined : { day, from: 'json-ld' };
	};
	const found = fromJsonLd(jsonLd.published) ?? metaDay(document, toDay) ?? fromJsonLd(jsonLd.created);
	if (found !== undefined) return found;
	const time = timeDay(document, toDay);
	if (time !== undefined) return { day: time, from: 'time' };
	for (const url of urls) {
		const day = url === undefined ? undefined : dayInUrl(url);
		if (day !== undefined) return { day, from: 'url' };
	}
	const byline = bylineDay(document);
	if (byline !== undefined) return { day: byline, from: 'byline' };
	const title = document.querySelector('title')?.textContent;
	const inTitle = title === undefined || title === null ? undefined : titleDay(title);
	return inTitle === undefined ? undefined : { day: inTitle, from: 'title' };
}
