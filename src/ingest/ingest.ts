import { MAX_PUBLISHER_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, type Library } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import type { Draft, IngestOutcome } from './commit.js';
import type { FetchOptions } from './fetch.js';
import { isUrlInput, loadFile, loadUrl, type Loaded } from './load.js';
import type { LockOptions } from './lock.js';
import type { Quotas } from './quota.js';
import type { Store } from '../store/store.js';
import { storeOf } from '../store/dir-store.js';
import { hostName, type PageMetadata } from './metadata.js';
import { normalizeLanguage } from './language.js';
import { IngestStop, stop, type IngestProblem } from './problem.js';
import { stripFormatCharacters } from './text.js';
import { cleanUrl, parseHttpUrl } from './url.js';

/** Metadata given by hand (CLI flags): it wins over what the page says. */
export interface Overrides {
	readonly title?: string;
	readonly url?: string;
	readonly published?: string;
	readonly publisher?: string;
	/** The text's language (`--language fr`), over what the page says or detection finds. */
	readonly language?: string;
}

export interface IngestOptions {
	readonly dataDir: string;
	/** ALLOW_PRIVATE_HOSTS. */
	readonly allowPrivateHosts: boolean;
	readonly overrides?: Overrides;
	/** Metadata to fall back on where the page says nothing (a feed item's title and date). */
	readonly hints?: PageMetadata;
	/** Fetch limits and a stand-in resolver, for tests. */
	readonly fetch?: Omit<FetchOptions, 'allowPrivateHosts' | 'accept'>;
	readonly lock?: LockOptions;
	/** The library the source goes to; the shared one unless told. */
	readonly library?: Library;
	/** Who adds it: a Discord user id; the operator unless told. */
	readonly addedBy?: string;
	readonly quotas?: Quotas;
	/** Where the source is stored: PostgreSQL with DATABASE_URL; the data directory when not given. */
	readonly store?: Store;
}

/** The first value that is set, trimmed, format characters dropped (see {@link stripFormatCharacters}). */
const first = (...values: (string | undefined)[]): string | undefined =>
	values
		.map((v) => (v === undefined ? undefined : stripFormatCharacters(v).trim()))
		.find((v) => v !== undefined && v !== '');

/** Text no longer than `max`, cut at the last space before it and marked with "…" when it was longer. */
function clipAtWord<T extends string | undefined>(text: T, max: number): T {
	if (text === undefined || text.length <= max) return text;
	const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…` as T;
}

/** The source's metadata: flags first, then the page, then hints; a missing title names its flag, a missing date is left unknown. */
export function draftOf(loaded: Loaded, overrides: Overrides = {}, hints: PageMetadata = {}): Draft {
	const page = loaded.metadata;
	const rawUrl = first(overrides.url, page.url, hints.url);
	if (rawUrl === undefined) stop('usage', `no URL for ${loaded.origin}; give the article's address with --url`);
	const url = parseHttpUrl(rawUrl);
	if (url === undefined) stop('usage', `--url must be an http(s) URL (got "${rawUrl.slice(0, 100)}")`);
	if (cleanUrl(url).length > MAX_URL_CHARS)
		stop(
			'usage',
			`the address of ${loaded.origin.slice(0, 100)}… is longer than ${MAX_URL_CHARS} characters; give a shorter one with --url`,
		);
	const title = clipAtWord(first(overrides.title, page.title, hints.title), MAX_TITLE_CHARS);
	if (title === undefined) stop('usage', `no title found in ${loaded.origin}; give it with --title`);
	// A page that states no date anywhere is still added, its date unknown (see core/catalog UNKNOWN_DATE).
	const published = first(overrides.published, page.published, hints.published);
	const publisher = clipAtWord(
		first(overrides.publisher, page.publisher, hints.publisher) ?? hostName(url.href) ?? url.host,
		MAX_PUBLISHER_CHARS,
	);
	const authors = (page.authors ?? hints.authors ?? []).flatMap((a) => first(a) ?? []);
	const language = normalizeLanguage(first(overrides.language, page.language, hints.language));
	return {
		title,
		publisher,
		url: cleanUrl(url),
		published,
		authors,
		paragraphs: loaded.paragraphs,
		aliases: loaded.aliases,
		...(loaded.host === undefined ? {} : { host: loaded.host }),
		...(language === undefined ? {} : { language }),
	};
}

/**
 * Adds one source, from a URL or a local file, to the data directory. Nothing is written unless
 * the whole source is ready; an article the catalog has (same URL, same text) changes nothing, and
 * one whose text changed at the same URL replaces the old version (see commitDraft). A URL is
 * always fetched: only its text can say whether the article changed.
 * Every expected refusal comes back as a problem, never thrown.
 */
export async function ingestSource(
	input: string,
	options: IngestOptions,
): Promise<Result<IngestOutcome, IngestProblem>> {
	try {
		const loaded = isUrlInput(input)
			? await loadUrl(input, { ...options.fetch, allowPrivateHosts: options.allowPrivateHosts })
			: await loadFile(input);
		const draft: Draft = {
			...draftOf(loaded, options.overrides, options.hints),
			...(options.library === undefined ? {} : { library: options.library }),
			...(options.addedBy === undefined ? {} : { addedBy: options.addedBy }),
		};
		const commit = {
			...(options.lock === undefined ? {} : { lock: options.lock }),
			...(options.quotas === undefined ? {} : { quotas: options.quotas }),
		};
		return { ok: true, value: await storeOf(options).commit(draft, commit) };
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		throw error;
	}
}
