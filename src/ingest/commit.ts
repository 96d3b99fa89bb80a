import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
	parseCatalog,
	readableLibraries,
	SHARED_LIBRARY,
	SourceSchema,
	type Library,
	type Source,
} from '../core/catalog.js';
import { writeFileAtomic } from '../store/atomic.js';
import {
	appendEntry,
	CATALOG_FILE,
	findByUrl,
	readRawCatalog,
	readSourceText,
	recordedHashes,
	recordedSizes,
	withEntryReplaced,
	TEXT_HASH_FIELD,
	textHash,
	type RawCatalog,
} from './catalog-file.js';
import { audit, type AuditRecord } from './audit.js';
import { isAlive, withLock, type LockOptions } from './lock.js';
import { checkQuotas, DEFAULT_QUOTAS, fileSizeIn, type Quotas } from './quota.js';
import { stop } from './problem.js';
import { libraryTag, sourceId } from './slug.js';
import { joinParagraphs } from './text.js';
import { hostName } from './metadata.js';
import { sameSite } from './site.js';

/** A source ready to be stored: its metadata, its paragraphs, and the other URLs it was reached by. */
export interface Draft {
	readonly title: string;
	readonly publisher: string;
	readonly url: string;
	/** The publication day, YYYY-MM-DD; undefined when the page states none (recorded as unknown). */
	readonly published: string | undefined;
	readonly authors: readonly string[];
	readonly paragraphs: readonly string[];
	/** The URL asked for and the one fetched after redirects: the same article if the catalog has them. */
	readonly aliases: readonly string[];
	/** The host the text was fetched from; none for a local file. */
	readonly host?: string;
	/** The text's language (ISO 639 primary subtag), said by the page or detected; none: English. */
	readonly language?: string;
	/** The library it goes to; the shared one unless told. */
	readonly library?: Library;
	/** Who adds it: a Discord user id, or `operator` (the default) for the command line. */
	readonly addedBy?: string;
}

/**
 * What an ingest did: stored a new source, replaced the text of one it had under the same URL (the
 * article changed), or found it there already (by URL with the same text, or by text).
 */
export type IngestOutcome =
	| { readonly status: 'added'; readonly source: Source; readonly paragraphs: number }
	| { readonly status: 'updated'; readonly source: Source; readonly paragraphs: number; readonly previous: Source }
	| { readonly status: 'unchanged'; readonly source: Source; readonly reason: 'url' | 'text' };

export interface CommitOptions {
	readonly lock?: LockOptions;
	readonly quotas?: Quotas;
	/** The time stamped on the entry and the audit record (tests). */
	readonly now?: Date;
}

/** Where removed and replaced texts are kept, out of the catalog, for an operator to undo by hand. */
export const REMOVED_DIR = '.removed';

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
 * catalog records is trusted (the texts are ours, written with it), so at thousands of sources an
 * ingest reads only the older entries' texts.
 */
async function findSameText(
	view: CatalogView,
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
		const text = await view.readText(source);
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
export function takenNames(files: readonly string[], catalog: RawCatalog): Set<string> {
	const taken = new Set(files);
	for (const entry of catalog.entries) {
		if (typeof entry !== 'object' || entry === null) continue;
		for (const key of ['id', 'file'] as const)
			if (key in entry && typeof (entry as Record<string, unknown>)[key] === 'string')
				taken.add(String((entry as Record<string, unknown>)[key]));
	}
	return taken;
}

function toEntry(draft: Draft, id: string, file: string, added: Pick<Source, 'addedBy' | 'addedAt'>): Source {
	const parsed = SourceSchema.safeParse({
		id,
		file,
		title: draft.title,
		publisher: draft.publisher,
		url: draft.url,
		...(draft.host === undefined ? {} : { host: draft.host }),
		...(draft.published === undefined ? {} : { published: draft.published }),
		authors: draft.authors,
		library: draft.library ?? SHARED_LIBRARY,
		...added,
		...(draft.language === undefined ? {} : { language: draft.language }),
	});
	if (!parsed.success)
		stop(
			'usage',
			`the source is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
		);
	return parsed.data;
}

/** An entry as stored: the source and what its text is (hash, size), so no ingest need re-read the file. */
export type StoredEntry = Source & {
	readonly [TEXT_HASH_FIELD]: string;
	readonly bytes: number;
	readonly paragraphs: number;
};

function stored(entry: Source, paragraphs: readonly string[]): StoredEntry {
	const text = joinParagraphs(paragraphs);
	// The hash of the file as written, which is what re-reading it would give.
	return { ...entry, [TEXT_HASH_FIELD]: textHash(text), bytes: Buffer.byteLength(text), paragraphs: paragraphs.length };
}

/** Writes the text, then the catalog; if the catalog cannot be written, the text goes again. */
async function write(
	dir: string,
	catalogText: string,
	entry: StoredEntry,
	paragraphs: readonly string[],
): Promise<void> {
	const textPath = join(dir, entry.file);
	await writeFileAtomic(textPath, joinParagraphs(paragraphs));
	try {
		await writeFileAtomic(join(dir, CATALOG_FILE), catalogText);
	} catch (error) {
		await rm(textPath, { force: true });
		throw error;
	}
}

/**
 * Re-reads the catalog and fails unless it holds the entry as written: "added" is said only of what
 * is on disk, so a write lost to another writer (a lock broken under us) shows as a failure, not a success.
 */
async function verifyWritten(dir: string, entry: Source): Promise<void> {
	const { sources } = parseCatalog((await readRawCatalog(dir)).entries);
	if (!sources.some((s) => s.id === entry.id && s.url === entry.url && s.file === entry.file))
		stop('data-dir', `the catalog in ${dir} lost the entry ${entry.id} to another writer; ingest it again`);
}

/**
 * Moves a text file out of the catalog's way into {@link REMOVED_DIR}, stamped, so it can be put
 * back by hand. A file already gone is no error: the catalog, written before, is what counts.
 */
export async function setAside(dir: string, file: string, at: Date): Promise<void> {
	await mkdir(join(dir, REMOVED_DIR), { recursive: true });
	await rename(join(dir, file), join(dir, REMOVED_DIR, `${at.toISOString().replace(/[:.]/g, '-')}-${file}`)).catch(
		(error: unknown) => {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		},
	);
}

/** The hash of an entry's text: as recorded, else read and computed (entries written before hashes were kept). */
async function hashOf(
	view: CatalogView,
	source: Source,
	recorded: ReadonlyMap<string, string>,
): Promise<string | undefined> {
	const known = recorded.get(source.id);
	if (known !== undefined) return known;
	const text = await view.readText(source);
	return text === undefined ? undefined : textHash(text);
}

/** The sources a library sees as already there: its own and the shared ones. */
const readableBy = (sources: readonly Source[], library: Library): Source[] =>
	sources.filter((s) => readableLibraries(library).includes(s.library));

/**
 * What a store shows {@link decideCommit} of itself, read under its write lock: the catalog as it is
 * (raw entries, valid or not), a source's text, an entry's text size when the entry records none,
 * and the names (ids, files) already in use.
 */
export interface CatalogView {
	readonly catalog: RawCatalog;
	readonly readText: (source: Source) => Promise<string | undefined>;
	readonly sizeOf: (source: Source) => Promise<number>;
	readonly taken: ReadonlySet<string>;
}

/**
 * What committing a draft comes to, decided once for both stores (the data directory and
 * PostgreSQL), which then only apply it: nothing to write (`unchanged`), an entry that replaces the
 * one at the same URL (`update`, `previous` to set aside), or a new entry (`add`). Refusals (quotas,
 * an invalid source) are thrown as IngestStop.
 */
export type Decision =
	| { readonly kind: 'unchanged'; readonly outcome: IngestOutcome }
	| { readonly kind: 'update'; readonly entry: StoredEntry; readonly previous: Source; readonly outcome: IngestOutcome }
	| { readonly kind: 'add'; readonly entry: StoredEntry; readonly outcome: IngestOutcome };

/**
 * Decides where a draft goes in its library, unless that library (or the shared one) has it
 * already: the same URL with the same text, or the same text from the operator or the same site.
 * The same URL with a changed text in the same library replaces the old version, keeping its id.
 * Quotas are checked first.
 */
export async function decideCommit(
	view: CatalogView,
	draft: Draft,
	options: { readonly quotas?: Quotas; readonly now: Date },
): Promise<Decision> {
	const { catalog, taken } = view;
	const library = draft.library ?? SHARED_LIBRARY;
	const quotas = options.quotas ?? DEFAULT_QUOTAS;
	const { sources } = parseCatalog(catalog.entries);
	const readable = readableBy(sources, library);
	const hashes = recordedHashes(catalog);
	const hash = textHash(joinParagraphs(draft.paragraphs));
	const size = { bytes: Buffer.byteLength(joinParagraphs(draft.paragraphs)), paragraphs: draft.paragraphs.length };
	const sameUrl = findByUrl(readable, [draft.url, ...draft.aliases]);
	if (sameUrl !== undefined) {
		if (sameUrl.library !== library || (await hashOf(view, sameUrl, hashes)) === hash)
			return { kind: 'unchanged', outcome: { status: 'unchanged', source: sameUrl, reason: 'url' } };
		await checkQuotas(view.sizeOf, sources, recordedSizes(catalog), library, size, quotas, sameUrl);
		const file = freeName(`${sameUrl.id}.${hash.slice(0, 8)}`, taken);
		const entry = stored(
			toEntry(draft, sameUrl.id, file, {
				...(sameUrl.addedBy === undefined ? {} : { addedBy: sameUrl.addedBy }),
				...(sameUrl.addedAt === undefined ? {} : { addedAt: sameUrl.addedAt }),
			}),
			draft.paragraphs,
		);
		return {
			kind: 'update',
			entry,
			previous: sameUrl,
			outcome: { status: 'updated', source: entry, paragraphs: draft.paragraphs.length, previous: sameUrl },
		};
	}
	const sameText = await findSameText(view, readable, hashes, hash, draft);
	if (sameText !== undefined)
		return { kind: 'unchanged', outcome: { status: 'unchanged', source: sameText, reason: 'text' } };
	await checkQuotas(view.sizeOf, sources, recordedSizes(catalog), library, size, quotas);
	const id = sourceId(
		draft.publisher,
		draft.published,
		(candidate) => taken.has(candidate) || taken.has(`${candidate}.txt`),
		hostName(draft.url),
		library === SHARED_LIBRARY ? undefined : libraryTag(library),
	);
	const entry = stored(
		toEntry(draft, id, `${id}.txt`, { addedBy: draft.addedBy ?? OPERATOR, addedAt: options.now.toISOString() }),
		draft.paragraphs,
	);
	return { kind: 'add', entry, outcome: { status: 'added', source: entry, paragraphs: draft.paragraphs.length } };
}

/** The audit record of a decision that changed something. */
export const auditOf = (decision: Decision & { kind: 'add' | 'update' }, draft: Draft): AuditRecord => ({
	action: decision.kind,
	library: decision.entry.library,
	id: decision.entry.id,
	url: decision.entry.url,
	by: draft.addedBy ?? OPERATOR,
});

/**
 * Stores a draft in the data directory (see {@link decideCommit} for what is stored). A replaced
 * version is kept aside in {@link REMOVED_DIR}. Under the directory's lock: the catalog is read,
 * checked, and written back; the text file is written first, atomically and under a name of its
 * own, so the catalog never names a file that is not whole, and a process killed at any point
 * leaves the catalog before or after, never between.
 */
export async function commitDraft(dir: string, draft: Draft, options: CommitOptions = {}): Promise<IngestOutcome> {
	await mkdir(dir, { recursive: true });
	return withLock(
		dir,
		async () => {
			const now = options.now ?? new Date();
			const catalog = await readRawCatalog(dir);
			const files = await readdir(dir);
			const view: CatalogView = {
				catalog,
				readText: (source) => readSourceText(dir, source),
				sizeOf: fileSizeIn(dir),
				taken: takenNames(files, catalog),
			};
			const decision = await decideCommit(view, draft, {
				now,
				...(options.quotas === undefined ? {} : { quotas: options.quotas }),
			});
			if (decision.kind === 'unchanged') return decision.outcome;
			if (decision.kind === 'update') {
				await write(dir, withEntryReplaced(catalog, decision.entry), decision.entry, draft.paragraphs);
				await verifyWritten(dir, decision.entry);
				await setAside(dir, decision.previous.file, now);
			} else {
				await removeLeftovers(dir, files);
				await write(dir, appendEntry(catalog, decision.entry), decision.entry, draft.paragraphs);
				await verifyWritten(dir, decision.entry);
			}
			await audit(dir, auditOf(decision, draft), now);
			return decision.outcome;
		},
		options.lock,
	);
}

/** A text file's size (a stat, not a read); 0 when it is missing. */
/** Who the command line is, in `addedBy` and the audit record. */
export const OPERATOR = 'operator';

/** `<base>.txt`, or `<base>-2.txt` and on while that name is taken. */
function freeName(base: string, taken: ReadonlySet<string>): string {
	let name = `${base}.txt`;
	for (let n = 2; taken.has(name); n++) name = `${base}-${n}.txt`;
	return name;
}
