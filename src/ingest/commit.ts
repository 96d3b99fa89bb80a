import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCatalog, SourceSchema, type Source } from '../core/catalog.js';
import { writeFileAtomic } from '../store/atomic.js';
import {
	appendEntry,
	CATALOG_FILE,
	findByUrl,
	readRawCatalog,
	readSourceText,
	recordedHashes,
	TEXT_HASH_FIELD,
	textHash,
	type RawCatalog,
} from './catalog-file.js';
import { isAlive, withLock, type LockOptions } from './lock.js';
import { stop } from './problem.js';
import { sourceId } from './slug.js';
import { joinParagraphs } from './text.js';
import { hostName } from './metadata.js';
import { sameSite } from './site.js';

/** A source ready to be stored: its metadata, its paragraphs, and the other URLs it was reached by. */
export interface Draft {
	readonly title: string;
	readonly publisher: string;
	readonly url: string;
	readonly published: string;
	readonly authors: readonly string[];
	readonly paragraphs: readonly string[];
	/** The URL asked for and the one fetched after redirects: the same article if the catalog has them. */
	readonly aliases: readonly string[];
	/** The host the text was fetched from; none for a local file. */
	readonly host?: string;
}

/** What an ingest did: stored a new source, or found it there already (by URL or by text). */
export type IngestOutcome =
	| { readonly status: 'added'; readonly source: Source; readonly paragraphs: number }
	| { readonly status: 'unchanged'; readonly source: Source; readonly reason: 'url' | 'text' };

/**
 * Whether an entry with the same text as a draft makes the draft a duplicate: when either is the
 * operator's (no host: a local file, the default corpus, a hand-made entry) or both are on one site.
 * The same text fetched from two sites does not: a page copying an article is stored under its own
 * host and must not keep the real article out (nor does a syndicated copy keep out the original);
 * answers quote a paragraph once whatever the number of sources holding it.
 */
const blocksAsDuplicate = (existing: Source, draft: Draft): boolean =>
	existing.host === undefined || draft.host === undefined || sameSite(existing.url, draft.url);

/**
 * The source whose text has this hash, among those that make the draft a duplicate. A hash the
 * catalog records is trusted (the text files are ours, written with it), so at thousands of
 * sources an ingest reads only the older entries' files.
 */
async function findSameText(
	dir: string,
	sources: readonly Source[],
	recorded: ReadonlyMap<string, string>,
	hash: string,
	draft: Draft,
): Promise<Source | undefined> {
	for (const source of sources) {
		if (!blocksAsDuplicate(source, draft)) continue;
		const known = recorded.get(source.id);
		if (known !== undefined) {
			if (known === hash) return source;
			continue;
		}
		const text = await readSourceText(dir, source);
		if (text !== undefined && textHash(text) === hash) return source;
	}
	return undefined;
}

/** Leftovers of writes killed midway (atomic writes' temporary files, set-aside locks) whose process is dead. */
const LEFTOVER = /\.(?:tmp|stale)-(\d+)-[0-9a-f]{8}$/;

async function removeLeftovers(dir: string, names: readonly string[]): Promise<void> {
	for (const name of names) {
		const pid = LEFTOVER.exec(name)?.[1];
		if (pid !== undefined && !isAlive(Number(pid))) await rm(join(dir, name), { force: true });
	}
}

/** Ids and file names in use: the catalog's (valid entries or not) and every file in the directory. */
function takenNames(files: readonly string[], catalog: RawCatalog): Set<string> {
	const taken = new Set(files);
	for (const entry of catalog.entries) {
		if (typeof entry !== 'object' || entry === null) continue;
		for (const key of ['id', 'file'] as const)
			if (key in entry && typeof (entry as Record<string, unknown>)[key] === 'string')
				taken.add(String((entry as Record<string, unknown>)[key]));
	}
	return taken;
}

function toEntry(draft: Draft, id: string): Source {
	const parsed = SourceSchema.safeParse({
		id,
		file: `${id}.txt`,
		title: draft.title,
		publisher: draft.publisher,
		url: draft.url,
		...(draft.host === undefined ? {} : { host: draft.host }),
		published: draft.published,
		authors: draft.authors,
	});
	if (!parsed.success)
		stop(
			'usage',
			`the source is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
		);
	return parsed.data;
}

/** Writes the text, then the catalog; if the catalog cannot be written, the text goes again. */
async function write(
	dir: string,
	catalog: RawCatalog,
	entry: Source & { readonly [TEXT_HASH_FIELD]: string },
	paragraphs: readonly string[],
): Promise<void> {
	const textPath = join(dir, entry.file);
	await writeFileAtomic(textPath, joinParagraphs(paragraphs));
	try {
		await writeFileAtomic(join(dir, CATALOG_FILE), appendEntry(catalog, entry));
	} catch (error) {
		await rm(textPath, { force: true });
		throw error;
	}
}

/**
 * Re-reads the catalog and fails unless it holds the new entry: "added" is said only of what is on
 * disk, so a write lost to another writer (a lock broken under us) shows as a failure, not a success.
 */
async function verifyWritten(dir: string, entry: Source): Promise<void> {
	const { sources } = parseCatalog((await readRawCatalog(dir)).entries);
	if (!sources.some((s) => s.id === entry.id && s.url === entry.url))
		stop('data-dir', `the catalog in ${dir} lost the new entry ${entry.id} to another writer; ingest it again`);
}

/**
 * Stores a draft in the data directory unless the catalog has it already (the same URL, or the same
 * text once whitespace is normalized, from the operator or the same site). Under the directory's lock: the catalog is read, checked,
 * and written back with the new entry; the text file is written first, atomically, so the catalog
 * never names a file that is not whole.
 */
export async function commitDraft(dir: string, draft: Draft, lock: LockOptions = {}): Promise<IngestOutcome> {
	await mkdir(dir, { recursive: true });
	return withLock(
		dir,
		async () => {
			const catalog = await readRawCatalog(dir);
			const { sources } = parseCatalog(catalog.entries);
			const sameUrl = findByUrl(sources, [draft.url, ...draft.aliases]);
			if (sameUrl !== undefined) return { status: 'unchanged', source: sameUrl, reason: 'url' } as const;
			const hash = textHash(draft.paragraphs.join('\n'));
			const sameText = await findSameText(dir, sources, recordedHashes(catalog), hash, draft);
			if (sameText !== undefined) return { status: 'unchanged', source: sameText, reason: 'text' } as const;
			const files = await readdir(dir);
			await removeLeftovers(dir, files);
			const taken = takenNames(files, catalog);
			const id = sourceId(
				draft.publisher,
				draft.published,
				(candidate) => taken.has(candidate) || taken.has(`${candidate}.txt`),
				hostName(draft.url),
			);
			const entry = toEntry(draft, id);
			// The hash of the file as written, which is what re-reading it would give.
			const stored = { ...entry, [TEXT_HASH_FIELD]: textHash(joinParagraphs(draft.paragraphs)) };
			await write(dir, catalog, stored, draft.paragraphs);
			await verifyWritten(dir, entry);
			return { status: 'added', source: entry, paragraphs: draft.paragraphs.length } as const;
		},
		lock,
	);
}
