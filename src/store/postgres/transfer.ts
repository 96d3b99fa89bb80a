import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AUDIT_FILE } from '../../ingest/audit.js';
import { CATALOG_FILE, formatCatalog } from '../../ingest/catalog-file.js';
import { FEEDS_FILE, FeedEntrySchema, formatFeeds } from '../../ingest/feed-store.js';
import { columnsOf, feedColumnsOf, recordChange, type PgStore } from './pg-store.js';

/** What an import or export moved. */
export interface Transferred {
	readonly sources: number;
	readonly texts: number;
	readonly feeds: number;
	readonly auditLines: number;
}

/** Raised when an import or export cannot go ahead (the CLI prints it and exits 2). */
export class TransferError extends Error {
	override readonly name = 'TransferError';
	readonly code = 'TRANSFER';
}

/** A path inside `dir`, or undefined for one that leads out of it (`../x`, an absolute path). */
function inside(dir: string, name: string): string | undefined {
	const root = resolve(dir);
	const path = resolve(root, name);
	const rel = relative(root, path);
	return rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || resolve(rel) === rel ? undefined : path;
}

async function readOptional(path: string): Promise<Buffer | undefined> {
	try {
		return await readFile(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** audit.jsonl's lines, each with its line ending as written (the last may have none). */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

const parseArray = (body: Buffer, name: string): unknown[] => {
	let json: unknown;
	try {
		json = JSON.parse(body.toString('utf8'));
	} catch (error) {
		throw new TransferError(`${name} is not valid JSON: ${(error as Error).message}`);
	}
	if (!Array.isArray(json)) throw new TransferError(`${name} must hold an array`);
	return json;
};

/**
 * Moves a data directory into the database in one transaction: every catalog entry as written,
 * each text file's bytes, the feeds, the audit lines, and sources.json and feeds.json as they are
 * (so {@link exportDataDir} gives them back byte for byte while nothing changed). A database that
 * holds sources already is refused unless `replace`, which empties it first. lexicon.json and the
 * index cache stay files (INDEX_DATA_DIR).
 */
export async function importDataDir(
	store: PgStore,
	dir: string,
	options: { readonly replace?: boolean } = {},
): Promise<Transferred> {
	const catalogBody = await readOptional(join(dir, CATALOG_FILE));
	if (catalogBody === undefined) throw new TransferError(`no ${CATALOG_FILE} in ${dir}`);
	const entries = parseArray(catalogBody, join(dir, CATALOG_FILE));
	const feedsBody = await readOptional(join(dir, FEEDS_FILE));
	const feeds = feedsBody === undefined ? [] : parseArray(feedsBody, join(dir, FEEDS_FILE));
	const auditBody = await readOptional(join(dir, AUDIT_FILE));
	const rows: { entry: unknown; body: Buffer | undefined }[] = [];
	for (const entry of entries) {
		const file = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).file : undefined;
		const path = typeof file === 'string' ? inside(dir, file) : undefined;
		rows.push({ entry, body: path === undefined ? undefined : await readOptional(path) });
	}
	return store.write(async (client) => {
		const { rows: count } = await client.query<{ n: string }>('SELECT count(*) AS n FROM sources');
		if (Number(count[0]!.n) > 0 && options.replace !== true)
			throw new TransferError(`the database holds ${count[0]!.n} sources already; import --replace empties it first`);
		await client.query('TRUNCATE sources, removed_sources, feeds, audit, documents');
		// A catalog written by hand may name one URL twice in a library: the first is the one ingest finds.
		const keys = new Set<string>();
		const ids = new Set<string>();
		for (const [position, { entry, body }] of rows.entries()) {
			const columns = columnsOf(entry);
			const key = `${columns.library}\0${columns.urlKey}`;
			const fresh = columns.id !== null && !ids.has(columns.id);
			if (columns.id !== null) ids.add(columns.id);
			await client.query(
				'INSERT INTO sources (position, id, library, url_key, file, entry, body, text_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)',
				[
					position + 1,
					fresh ? columns.id : null,
					fresh ? columns.library : null,
					fresh && columns.urlKey !== null && !keys.has(key) ? columns.urlKey : null,
					fresh ? columns.file : null,
					JSON.stringify(entry),
					body ?? null,
				],
			);
			if (fresh && columns.urlKey !== null) keys.add(key);
		}
		const feedKeys = new Set<string>();
		for (const [position, entry] of feeds.entries()) {
			const columns = feedColumnsOf(entry);
			const key = `${columns.library}\0${columns.urlKey}`;
			const unique = columns.urlKey !== null && !feedKeys.has(key);
			feedKeys.add(key);
			await client.query('INSERT INTO feeds (position, library, url_key, entry) VALUES ($1, $2, $3, $4)', [
				position,
				unique ? columns.library : null,
				unique ? columns.urlKey : null,
				JSON.stringify(entry),
			]);
		}
		const lines = auditBody === undefined ? [] : linesOf(auditBody.toString('utf8'));
		for (const line of lines) await client.query('INSERT INTO audit (line) VALUES ($1)', [line]);
		await client.query('INSERT INTO documents (name, body) VALUES ($1, $2)', [CATALOG_FILE, catalogBody]);
		if (feedsBody !== undefined)
			await client.query('INSERT INTO documents (name, body) VALUES ($1, $2)', [FEEDS_FILE, feedsBody]);
		await recordChange(client, 'imported', null);
		return {
			sources: entries.length,
			texts: rows.filter((r) => r.body !== undefined).length,
			feeds: feeds.length,
			auditLines: lines.length,
		};
	});
}

/** The imported file when the rows still say the same (entry for entry, as JSON); else undefined. */
function asImported(document: Buffer | undefined, entries: readonly unknown[]): Buffer | undefined {
	if (document === undefined) return undefined;
	try {
		return JSON.stringify(JSON.parse(document.toString('utf8'))) === JSON.stringify(entries) ? document : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Writes the database out as a data directory (into `dir`, which must be empty or missing), from
 * one snapshot: sources.json, each text file, feeds.json and audit.jsonl. Unchanged since an
 * import, they are its files byte for byte; after changes, they are laid out as the data
 * directory's own writes lay them out.
 */
export async function exportDataDir(store: PgStore, dir: string): Promise<Transferred> {
	const existing = await readdir(dir).catch(() => []);
	if (existing.length > 0) throw new TransferError(`${dir} is not empty; export into a new directory`);
	const client = await store.pool.connect();
	let snapshot;
	try {
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const sources = await client.query<{ entry: string; file: string | null; body: Buffer | null }>(
			'SELECT entry, body FROM sources ORDER BY position',
		);
		const feeds = await client.query<{ entry: string }>('SELECT entry FROM feeds ORDER BY position');
		const audit = await client.query<{ line: string }>('SELECT line FROM audit ORDER BY seq');
		const documents = await client.query<{ name: string; body: Buffer }>('SELECT name, body FROM documents');
		await client.query('COMMIT');
		snapshot = { sources: sources.rows, feeds: feeds.rows, audit: audit.rows, documents: documents.rows };
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
	const document = (name: string) => snapshot.documents.find((d) => d.name === name)?.body;
	await mkdir(dir, { recursive: true });
	const entries = snapshot.sources.map((r) => JSON.parse(r.entry) as unknown);
	await writeFile(join(dir, CATALOG_FILE), asImported(document(CATALOG_FILE), entries) ?? formatCatalog(entries));
	let texts = 0;
	for (const [i, row] of snapshot.sources.entries()) {
		const file = (entries[i] as Record<string, unknown> | null)?.file;
		const path = typeof file === 'string' ? inside(dir, file) : undefined;
		if (row.body === null || path === undefined) continue;
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, row.body);
		texts++;
	}
	const feedEntries = snapshot.feeds.map((r) => JSON.parse(r.entry) as unknown);
	const feedsDocument = document(FEEDS_FILE);
	if (feedsDocument !== undefined || feedEntries.length > 0)
		await writeFile(
			join(dir, FEEDS_FILE),
			asImported(feedsDocument, feedEntries) ??
				formatFeeds(
					feedEntries.flatMap((e) => {
						const parsed = FeedEntrySchema.safeParse(e);
						return parsed.success ? [parsed.data] : [];
					}),
				),
		);
	if (snapshot.audit.length > 0) await writeFile(join(dir, AUDIT_FILE), snapshot.audit.map((r) => r.line).join(''));
	return { sources: entries.length, texts, feeds: feedEntries.length, auditLines: snapshot.audit.length };
}

/**
 * A database never written to (no change recorded) takes the data directory's sources once, so
 * `npm start` with DATABASE_URL on a new database serves the default corpus as it does without one.
 * Two processes starting at once import it once: the second finds the sources there and leaves them.
 * Whether this run imported it.
 */
export async function seedIfNew(store: PgStore, dir: string): Promise<boolean> {
	const untouched = await store.write(async (client) => {
		const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM changes');
		return Number(rows[0]!.n) === 0;
	});
	if (!untouched || (await readOptional(join(dir, CATALOG_FILE))) === undefined) return false;
	try {
		await importDataDir(store, dir);
		return true;
	} catch (error) {
		if (error instanceof TransferError && /holds \d+ sources already/.test(error.message)) return false;
		throw error;
	}
}
