import { open } from 'node:fs/promises';
import { MAX_URL_CHARS } from '../core/catalog.js';
import { extname } from 'node:path';
import { extractArticle } from './article.js';
import { decodeBody, FETCH_DEFAULTS, fetchOrStop, PAGE_TYPES, type FetchOptions } from './fetch.js';
import { readContentIsolated } from './isolate.js';
import { markdownParagraphs } from './markdown.js';
import { detectLanguage, normalizeLanguage } from './language.js';
import { hostName, toDay, type PageMetadata } from './metadata.js';
import { stop } from './problem.js';
import { claimsOtherSite, sameSite } from './site.js';
import { boundParagraphs, textParagraphs } from './text.js';
import { cleanUrl, parseHttpUrl } from './url.js';

/** What an input read as: its paragraphs, what it says about itself, and where it came from. */
export interface Loaded {
	readonly paragraphs: readonly string[];
	readonly metadata: PageMetadata;
	/** The input as named in messages: the URL or the file path. */
	readonly origin: string;
	/** The URLs it was reached by (asked for, after redirects); none for a file. */
	readonly aliases: readonly string[];
	/** The host the text was fetched from (after redirects, with its port); none for a file. */
	readonly host?: string;
}

export type ContentKind = 'html' | 'markdown' | 'text';

const KIND_OF_TYPE: Readonly<Record<string, ContentKind>> = {
	'text/html': 'html',
	'application/xhtml+xml': 'html',
	'text/markdown': 'markdown',
	'text/x-markdown': 'markdown',
	'text/plain': 'text',
};

const KIND_OF_EXTENSION: Readonly<Record<string, ContentKind>> = {
	'.html': 'html',
	'.htm': 'html',
	'.xhtml': 'html',
	'.md': 'markdown',
	'.markdown': 'markdown',
	'.mdown': 'markdown',
};

/** Whether an input names a URL (any scheme) rather than a file. */
export const isUrlInput = (input: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());

/** Markdown front matter as page metadata (`title`, `date`/`published`, `publisher`/`site`, `url`/`canonical`, `author(s)`). */
function frontMatterMetadata(fields: Readonly<Record<string, string>>, heading: string | undefined): PageMetadata {
	const url = parseHttpUrl(fields.canonical ?? fields.url ?? fields.link ?? '');
	const published = toDay(fields.published ?? fields.date ?? '');
	const title = fields.title ?? heading;
	const publisher = fields.publisher ?? fields.site ?? fields.source;
	const authors = (fields.authors ?? fields.author)?.split(/\s*,\s*/).filter(Boolean);
	const language = normalizeLanguage(fields.lang ?? fields.language);
	return {
		...(url === undefined ? {} : { url: cleanUrl(url) }),
		...(title === undefined ? {} : { title }),
		...(published === undefined ? {} : { published }),
		...(publisher === undefined ? {} : { publisher }),
		...(authors === undefined ? {} : { authors }),
		...(language === undefined ? {} : { language }),
	};
}

/**
 * Reads content of a known kind; `url` is where it came from (undefined for a local file). Runs in
 * the parse worker (see isolate.ts): callers go through {@link readContentIsolated}.
 */
export function readContent(
	content: string,
	kind: ContentKind,
	origin: string,
	url: string | undefined,
): Omit<Loaded, 'aliases'> {
	const fallback: PageMetadata = url === undefined ? {} : { url, ...withPublisher(url) };
	if (kind === 'html') {
		const article = extractArticle(content, url);
		if (article === undefined)
			stop(
				'no-article',
				`no article found in ${origin}: the page has too little text outside its navigation, forms and boxes`,
			);
		const paragraphs = boundParagraphs(article.paragraphs);
		return {
			paragraphs,
			metadata: withLanguage(verified({ ...fallback, ...article.metadata }, url), paragraphs),
			origin,
		};
	}
	const read =
		kind === 'markdown'
			? markdownParagraphs(content)
			: { paragraphs: textParagraphs(content), fields: {}, heading: undefined };
	if (read.paragraphs.length === 0) stop('no-article', `${origin} holds no text`);
	const paragraphs = boundParagraphs(read.paragraphs);
	return {
		paragraphs,
		metadata: withLanguage(
			verified({ ...fallback, ...frontMatterMetadata(read.fields, read.heading) }, url),
			paragraphs,
		),
		origin,
	};
}

/** The metadata with the language its text is detected in, when it does not say one. */
function withLanguage(metadata: PageMetadata, paragraphs: readonly string[]): PageMetadata {
	if (metadata.language !== undefined) return metadata;
	const language = detectLanguage(paragraphs);
	return language === undefined ? metadata : { ...metadata, language };
}

/**
 * What a fetched text says about itself, held to where it was fetched from: a URL on another site
 * (or one too long to cite) gives way to the fetched one, and then the publisher to the host, as does a publisher named as
 * another site's host (`reuters.com` served from elsewhere). A local file is the operator's own.
 */
function verified(metadata: PageMetadata, url: string | undefined): PageMetadata {
	if (url === undefined) return metadata;
	const offSite = metadata.url !== undefined && (!sameSite(metadata.url, url) || metadata.url.length > MAX_URL_CHARS);
	const publisher = metadata.publisher;
	if (!offSite && (publisher === undefined || !claimsOtherSite(publisher, url))) return metadata;
	return { ...metadata, ...(offSite ? { url } : {}), ...withPublisher(url) };
}

const withPublisher = (url: string): PageMetadata => {
	const host = hostName(url);
	return host === undefined ? {} : { publisher: host };
};

async function readLocalFile(path: string): Promise<Uint8Array> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		stop('usage', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? 'error'})`);
	}
	try {
		const info = await handle.stat();
		if (!info.isFile()) stop('usage', `${path} is not a file`);
		if (info.size > FETCH_DEFAULTS.maxBytes)
			stop('too-large', `${path} is larger than ${FETCH_DEFAULTS.maxBytes / 1024 / 1024} MB; not ingested`);
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}

/** Reads a local file as HTML, Markdown or text by its extension; a PDF or other binary is refused. */
export async function loadFile(path: string): Promise<Loaded> {
	const bytes = await readLocalFile(path);
	const head = Buffer.from(bytes.subarray(0, 1024));
	if (head.subarray(0, 5).toString('latin1') === '%PDF-')
		stop('content-type', `${path} is a PDF; only HTML, plain text and Markdown can be ingested`);
	if (head.includes(0))
		stop('content-type', `${path} is not a text file; only HTML, plain text and Markdown can be ingested`);
	const kind = KIND_OF_EXTENSION[extname(path).toLowerCase()] ?? 'text';
	return {
		...(await readContentIsolated(
			decodeBody(bytes, undefined, kind === 'html' ? 'text/html' : 'text/plain'),
			kind,
			path,
			undefined,
		)),
		aliases: [],
	};
}

/** Fetches a URL (see fetchOrStop) and reads it by its media type. */
export async function loadUrl(url: string, options: Omit<FetchOptions, 'accept'>): Promise<Loaded> {
	if (parseHttpUrl(url) === undefined)
		stop('usage', `only http and https URLs can be ingested, not ${url.trim().slice(0, 200)}`);
	const fetched = await fetchOrStop(url, { ...options, accept: PAGE_TYPES });
	const kind = KIND_OF_TYPE[fetched.mediaType] ?? 'text';
	return {
		...(await readContentIsolated(fetched.text, kind, fetched.url, fetched.url)),
		aliases: [url, fetched.url],
		host: new URL(fetched.url).host,
	};
}
