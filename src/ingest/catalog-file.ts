import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Source } from '../core/catalog.js';
import { readSourceFile } from '../store/source-file.js';
import { stop } from './problem.js';
import type { RecordedSize } from './quota.js';
import { sameSite } from './site.js';
import { normalizeSpace } from './text.js';
import { urlKey } from './url.js';

export const CATALOG_FILE = 'sources.json';

/** `sources.json` as it is on disk: its text (undefined when there is none yet) and its entries, valid or not. */
export interface RawCatalog {
	readonly text: string | undefined;
	readonly entries: readonly unknown[];
}

/**
 * Reads the catalog without judging its entries (a bad one is kept as it is when a source is
 * added). No file is an empty catalog; a file that is not a JSON array stops the ingest.
 */
export async function readRawCatalog(dir: string): Promise<RawCatalog> {
	const path = join(dir, CATALOG_FILE);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: undefined, entries: [] };
		stop('data-dir', `cannot read ${path}: ${(error as Error).message}`);
	}
	let entries: unknown;
	try {
		entries = JSON.parse(text);
	} catch (error) {
		stop('data-dir', `${path} is not valid JSON (${(error as Error).message}); fix it before ingesting`);
	}
	if (!Array.isArray(entries)) stop('data-dir', `${path} must hold an array of sources; fix it before ingesting`);
	return { text, entries };
}

/** A source's file, read; undefined when it cannot be, or lies outside the data directory. */
export async function readSourceText(dir: string, source: Source): Promise<string | undefined> {
	const text = await readSourceFile(dir, source);
	return text.ok ? text.value : undefined;
}

/** A text's identity for "already in the catalog": the hash of its paragraphs, whitespace normalized. */
export function textHash(text: string): string {
	const paragraphs = text
		.split(/\r\n|\r|\n/)
		.map(normalizeSpace)
		.filter((p) => p !== '');
	return createHash('sha256').update(paragraphs.join('\n')).digest('hex');
}

/**
 * A source's URL when it can stand for the article in "already in the catalog": always for an entry
 * with no `host` (written by hand or before hosts were kept: the operator's word), and for one with
 * a host only when the URL is on that host's site, so a hand-edited or forged entry cannot block
 * the real article's address.
 */
export function verifiedUrl(source: Source): string | undefined {
	if (source.host === undefined) return source.url;
	return sameSite(source.url, `http://${source.host}/`) ? source.url : undefined;
}

/** The source of the catalog whose verified URL is any of these (compared by {@link urlKey}). */
export function findByUrl(sources: readonly Source[], urls: readonly string[]): Source | undefined {
	const keys = new Set(urls.map(urlKey).filter((k): k is string => k !== undefined));
	return sources.find((s) => keys.has(urlKey(verifiedUrl(s) ?? '') ?? ''));
}

/** One catalog entry as the default `sources.json` writes them: two-space indent, authors on one line. */
function formatEntry(entry: unknown): string {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `  ${JSON.stringify(entry)}`;
	const fields = Object.entries(entry).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
	return `  {\n${fields.join(',\n')}\n  }`;
}

/** A whole catalog in that layout (entries that are not valid kept as they are). */
export const formatCatalog = (entries: readonly unknown[]): string =>
	entries.length === 0 ? '[]\n' : `[\n${entries.map(formatEntry).join(',\n')}\n]\n`;

const idOfEntry = (entry: unknown): unknown =>
	typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).id : undefined;

/** The catalog's text without the entry of this id (every other entry as it was). */
export const withoutEntry = (catalog: RawCatalog, id: string): string =>
	formatCatalog(catalog.entries.filter((e) => idOfEntry(e) !== id));

/** The catalog's text with the entry of this id replaced, in its place. */
export const withEntryReplaced = (catalog: RawCatalog, entry: Source): string =>
	formatCatalog(catalog.entries.map((e) => (idOfEntry(e) === entry.id ? entry : e)));

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The sizes entries record (`bytes`, `paragraphs`: written with each ingest since libraries), by source id. */
export function recordedSizes(catalog: RawCatalog): ReadonlyMap<string, RecordedSize> {
	const sizes = new Map<string, RecordedSize>();
	for (const entry of catalog.entries) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { id, bytes, paragraphs } = entry as Record<string, unknown>;
		if (typeof id !== 'string') continue;
		const size: { bytes?: number; paragraphs?: number } = {};
		if (isCount(bytes)) size.bytes = bytes;
		if (isCount(paragraphs)) size.paragraphs = paragraphs;
		sizes.set(id, size);
	}
	return sizes;
}

/** The optional field an entry records its text's hash in, so a duplicate check need not re-read the file. */
export const TEXT_HASH_FIELD = 'textHash';

/**
 * The text hashes the raw catalog records, by source id. Entries written before the field existed
 * (or with a value that is not a hash) are absent, and their files are hashed as before.
 */
export function recordedHashes(catalog: RawCatalog): ReadonlyMap<string, string> {
	const hashes = new Map<string, string>();
	for (const entry of catalog.entries) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { id, [TEXT_HASH_FIELD]: hash } = entry as Record<string, unknown>;
		if (typeof id === 'string' && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) hashes.set(id, hash);
	}
	return hashes;
}

/**
 * The catalog's text with one entry appended. The existing text stays byte for byte as it was up
 * to its closing bracket; should that splice not read back as the same entries plus the new one
 * (an odd layout), the whole array is written afresh.
 */
export function appendEntry(catalog: RawCatalog, source: Source): string {
	const expected = [...catalog.entries, source];
	const text = catalog.text?.trimEnd() ?? '';
	if (text.endsWith(']')) {
		const head = text.slice(0, -1).trimEnd();
		const spliced = `${head}${head.endsWith('[') ? '' : ','}\n${formatEntry(source)}\n]\n`;
		try {
			if (isDeepStrictEqual(JSON.parse(spliced), JSON.parse(JSON.stringify(expected)))) return spliced;
		} catch {
			// Falls through to a fresh layout.
		}
	}
	return formatCatalog(expected);
}
