import pg from 'pg';
import { parseCatalog, SourceSchema, type Library, type Source } from '../../core/catalog.js';
import type { SourceText } from '../../core/corpus.js';
import type { Problem, Result } from '../../core/result.js';
import type { AuditRecord } from '../../ingest/audit.js';
import { TEXT_HASH_FIELD, verifiedUrl, type RawCatalog } from '../../ingest/catalog-file.js';
import {
	auditOf,
	decideCommit,
	OPERATOR,
	takenNames,
	type CatalogView,
	type CommitOptions,
	type Draft,
	type IngestOutcome,
	type StoredEntry,
} from '../../ingest/commit.js';
import {
	FeedEntrySchema,
	feedUrlOf,
	planAddFeed,
	planRemoveFeed,
	type FeedChange,
	type FeedEntry,
} from '../../ingest/feed-store.js';
import { IngestStop, problem, stop, type IngestProblem } from '../../ingest/problem.js';
import { findRemovable, type RemoveOptions } from '../../ingest/remove.js';
import { joinParagraphs } from '../../ingest/text.js';
import { urlKey } from '../../ingest/url.js';
import { scrub } from '../../log.js';
import type { Store } from '../store.js';
import { migrate } from './migrate.js';

/** The channel every write NOTIFYs, with the seq of its `changes` row. */
export const CHANGES_CHANNEL = 'verbatim_changes';

/** The advisory lock every write holds for its transaction: writes are decided one at a time, as under the data directory's lock. */
export const WRITE_LOCK = 0x76657263;

/** SQLSTATE of a lock wait past lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/** How often the change sequence is read even without a notification: behind LISTEN, as the file poll is behind the watch. */
const CHANGES_POLL_MS = 5_000;
/** Reconnecting the listener: from this delay, doubling, up to the next. */
const RECONNECT_FIRST_MS = 200;
const RECONNECT_MAX_MS = 5_000;
/** A write waits this long for another's lock before it is refused as `locked`, as the data directory's lock does. */
const LOCK_TIMEOUT_MS = 30_000;
/** A write waits this long for a connection before it is refused as `store-unavailable`. */
const CONNECT_TIMEOUT_MS = 5_000;

interface Log {
	warn(obj: object, msg: string): void;
	info(obj: object, msg: string): void;
}

export interface PgStoreOptions {
	/** DATABASE_URL. */
	readonly url: string;
	/** INDEX_DATA_DIR: the index cache and lexicon.json stay local files. */
	readonly dataDir: string;
	readonly log?: Log;
	/** The change-sequence poll (tests shorten it). */
	readonly pollMs?: number;
	/** How long a write waits for another's lock (tests shorten it). */
	readonly lockTimeoutMs?: number;
}

/** The indexed columns of a catalog entry: set for a valid source, null for an entry kept only as written. */
export function columnsOf(entry: unknown): {
	id: string | null;
	library: string | null;
	urlKey: string | null;
	file: string | null;
} {
	const parsed = SourceSchema.safeParse(entry);
	if (!parsed.success) return { id: null, library: null, urlKey: null, file: null };
	const source = parsed.data;
	return {
		id: source.id,
		library: source.library,
		urlKey: urlKey(verifiedUrl(source) ?? '') ?? null,
		file: source.file,
	};
}

/** The columns of a feed entry (null for one that is not valid). */
export function feedColumnsOf(entry: unknown): { library: string | null; urlKey: string | null } {
	const parsed = FeedEntrySchema.safeParse(entry);
	return parsed.success
		? { library: parsed.data.library, urlKey: urlKey(parsed.data.url) ?? null }
		: { library: null, urlKey: null };
}

/** An audit line as audit.jsonl holds it. */
export const auditLine = (record: AuditRecord, at: Date): string =>
	`${JSON.stringify({ at: at.toISOString(), ...record })}\n`;

/** A database error as one line, the URL's password never in it. */
const describe = (error: unknown): string => scrub(error instanceof Error ? error.message : String(error));

/** Records a change and NOTIFYs it, in the caller's transaction: both happen with the write or not at all. */
export async function recordChange(client: pg.ClientBase, kind: string, id: string | null): Promise<void> {
	const { rows } = await client.query<{ seq: string }>('INSERT INTO changes (kind, id) VALUES ($1, $2) RETURNING seq', [
		kind,
		id,
	]);
	await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, rows[0]!.seq]);
}

async function readEntries(client: pg.ClientBase): Promise<unknown[]> {
	const { rows } = await client.query<{ entry: string }>('SELECT entry FROM sources ORDER BY position');
	return rows.map((r) => JSON.parse(r.entry) as unknown);
}

async function readFeeds(client: pg.ClientBase): Promise<FeedEntry[]> {
	const { rows } = await client.query<{ entry: string }>('SELECT entry FROM feeds ORDER BY position');
	return rows.flatMap((r) => {
		const parsed = FeedEntrySchema.safeParse(JSON.parse(r.entry));
		return parsed.success ? [parsed.data] : [];
	});
}

async function readTextWith(client: pg.ClientBase, source: Source): Promise<string | undefined> {
	const { rows } = await client.query<{ body: Buffer | null }>('SELECT body FROM sources WHERE id = $1 AND file = $2', [
		source.id,
		source.file,
	]);
	const body = rows[0]?.body;
	return body === undefined || body === null ? undefined : body.toString('utf8');
}

/**
 * The PostgreSQL store (DATABASE_URL): every write one transaction under {@link WRITE_LOCK}, with
 * its audit line and its `changes` row + NOTIFY; reads from a pool. The schema is in
 * migrations/, applied at open.
 */
export class PgStore implements Store {
	readonly kind = 'postgres';
	readonly dataDir: string;
	readonly pool: pg.Pool;
	private readonly url: string;
	private readonly log: Log | undefined;
	private readonly pollMs: number;
	private readonly lockTimeoutMs: number;
	/** The last change seen (loaded or caught up to); changes past it trigger a refresh. */
	private seen = 0;

	private constructor(options: PgStoreOptions) {
		this.url = options.url;
		this.dataDir = options.dataDir;
		this.log = options.log;
		this.pollMs = options.pollMs ?? CHANGES_POLL_MS;
		this.lockTimeoutMs = options.lockTimeoutMs ?? LOCK_TIMEOUT_MS;
		this.pool = new pg.Pool({
			connectionString: options.url,
			max: 4,
			connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
			keepAlive: true,
		});
		// An idle connection the server drops (a restart) errors here; the pool replaces it on next use.
		this.pool.on('error', (error) => this.log?.warn({ problem: describe(error) }, 'a database connection dropped'));
	}

	/** Connects and migrates; a database that cannot be reached is an error naming it (without its password). */
	static async open(options: PgStoreOptions): Promise<PgStore> {
		const store = new PgStore(options);
		let client: pg.PoolClient;
		try {
			client = await store.pool.connect();
		} catch (error) {
			await store.pool.end().catch(() => undefined);
			throw new Error(`cannot connect to the database (DATABASE_URL): ${describe(error)}`, { cause: error });
		}
		try {
			const applied = await migrate(client);
			if (applied.length > 0) store.log?.info({ applied }, 'database migrated');
			store.seen = await store.lastSeq(client);
		} catch (error) {
			client.release();
			await store.pool.end().catch(() => undefined);
			throw error;
		}
		client.release();
		return store;
	}

	private async lastSeq(client: pg.ClientBase | pg.Pool = this.pool): Promise<number> {
		const { rows } = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM changes');
		return Number(rows[0]?.seq ?? 0);
	}

	async readCatalog(): Promise<RawCatalog> {
		const client = await this.pool.connect();
		try {
			return { text: undefined, entries: await readEntries(client) };
		} finally {
			client.release();
		}
	}

	async readText(source: Source): Promise<string | undefined> {
		const client = await this.pool.connect();
		try {
			return await readTextWith(client, source);
		} finally {
			client.release();
		}
	}

	/** The catalog and every text in one snapshot, and the change it is as of (so a watch catches up from there). */
	async loadTexts(): Promise<{ texts: SourceText[]; problems: Problem[] }> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
			const seq = await this.lastSeq(client);
			const { rows } = await client.query<{ entry: string; body: Buffer | null }>(
				'SELECT entry, body FROM sources ORDER BY position',
			);
			await client.query('COMMIT');
			const catalog = parseCatalog(rows.map((r) => JSON.parse(r.entry) as unknown));
			const problems = [...catalog.problems];
			// The first entry of an id is the source (parseCatalog skips a later one with the same id).
			const bodies = new Map<string | null, Buffer | null>();
			for (const r of rows) {
				const id = columnsOf(JSON.parse(r.entry)).id;
				if (!bodies.has(id)) bodies.set(id, r.body);
			}
			const texts: SourceText[] = [];
			for (const source of catalog.sources) {
				const body = bodies.get(source.id);
				if (body === undefined || body === null)
					problems.push({ id: source.id, field: 'file', message: `no text stored for ${source.file}` });
				else texts.push({ source, text: body.toString('utf8') });
			}
			this.seen = Math.max(this.seen, seq);
			return { texts, problems };
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	/**
	 * Runs `body` in a transaction holding {@link WRITE_LOCK}. A refusal (IngestStop) rolls back and
	 * goes on as it is, as does a bug; a database error (the database down, restarted, or refusing)
	 * rolls back and is `store-unavailable`: nothing was written.
	 */
	async write<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.begin();
		let broken: Error | undefined;
		try {
			await client.query(`SET LOCAL lock_timeout = ${Math.round(this.lockTimeoutMs)}`);
			await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
			const value = await body(client);
			await client.query('COMMIT');
			return value;
		} catch (error) {
			await client.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
			if (error instanceof IngestStop || !isDatabaseError(error)) throw error;
			if (error instanceof pg.DatabaseError && error.code === LOCK_NOT_AVAILABLE)
				stop('locked', `the database is busy: another write held its lock for ${this.lockTimeoutMs} ms; try again`);
			broken ??= error as Error;
			stop('store-unavailable', `the database refused the change, nothing was written: ${describe(error)}`);
		} finally {
			client.release(broken);
		}
	}

	/**
	 * A pooled connection with a transaction begun. A pooled connection that a database restart
	 * ended fails at BEGIN, before anything is written: it is dropped and a fresh one tried once, so
	 * the first write after a restart is not refused for a connection that was already dead.
	 */
	private async begin(): Promise<pg.PoolClient> {
		for (let attempt = 1; ; attempt++) {
			let client: pg.PoolClient;
			try {
				client = await this.pool.connect();
			} catch (error) {
				stop('store-unavailable', `the database cannot be reached: ${describe(error)}`);
			}
			try {
				await client.query('BEGIN');
				return client;
			} catch (error) {
				client.release(error as Error);
				if (attempt >= 2 || !isDatabaseError(error))
					stop('store-unavailable', `the database cannot be reached: ${describe(error)}`);
			}
		}
	}

	commit(draft: Draft, options: CommitOptions = {}): Promise<IngestOutcome> {
		return this.write(async (client) => {
			const now = options.now ?? new Date();
			const catalog: RawCatalog = { text: undefined, entries: await readEntries(client) };
			let sizes: Map<string, number> | undefined;
			const view: CatalogView = {
				catalog,
				readText: (source) => readTextWith(client, source),
				sizeOf: async (source) => {
					sizes ??= new Map(
						(
							await client.query<{ id: string; bytes: number }>(
								'SELECT id, coalesce(octet_length(body), 0) AS bytes FROM sources WHERE id IS NOT NULL',
							)
						).rows.map((r) => [r.id, r.bytes]),
					);
					return sizes.get(source.id) ?? 0;
				},
				taken: takenNames([], catalog),
			};
			const decision = await decideCommit(view, draft, {
				now,
				...(options.quotas === undefined ? {} : { quotas: options.quotas }),
			});
			if (decision.kind === 'unchanged') return decision.outcome;
			const body = Buffer.from(joinParagraphs(draft.paragraphs), 'utf8');
			const columns = columnsOf(decision.entry);
			if (decision.kind === 'update') {
				await setAside(client, decision.previous.id);
				await client.query(
					'UPDATE sources SET entry = $2, file = $3, body = $4, text_hash = $5, library = $6, url_key = $7 WHERE id = $1',
					[...rowValues(decision.entry, body), columns.library, columns.urlKey],
				);
			} else {
				await client.query(
					`INSERT INTO sources (position, id, entry, file, body, text_hash, library, url_key)
					 VALUES ((SELECT coalesce(max(position), 0) + 1 FROM sources), $1, $2, $3, $4, $5, $6, $7)`,
					[...rowValues(decision.entry, body), columns.library, columns.urlKey],
				);
			}
			await client.query('INSERT INTO audit (line) VALUES ($1)', [auditLine(auditOf(decision, draft), now)]);
			await recordChange(client, decision.kind === 'add' ? 'added' : 'updated', decision.entry.id);
			return decision.outcome;
		});
	}

	async removeSource(
		id: string,
		library: Library,
		options: RemoveOptions = {},
	): Promise<Result<Source, IngestProblem>> {
		try {
			const removed = await this.write(async (client) => {
				const now = options.now ?? new Date();
				const source = findRemovable(await readEntries(client), id, library);
				await setAside(client, id);
				await client.query('DELETE FROM sources WHERE id = $1', [id]);
				const record: AuditRecord = { action: 'remove', library, id, url: source.url, by: options.by ?? OPERATOR };
				await client.query('INSERT INTO audit (line) VALUES ($1)', [auditLine(record, now)]);
				await recordChange(client, 'removed', id);
				return source;
			});
			return { ok: true, value: removed };
		} catch (error) {
			if (error instanceof IngestStop) return { ok: false, error: error.problem };
			return { ok: false, error: problem('store-unavailable', `could not remove ${id}: ${describe(error)}`) };
		}
	}

	async listFeeds(): Promise<FeedEntry[]> {
		const client = await this.pool.connect();
		try {
			return await readFeeds(client);
		} finally {
			client.release();
		}
	}

	/** Rewrites the feeds as `edit` leaves them (invalid entries dropped, as writing feeds.json does), with the audit line. */
	private async changeFeeds<T>(
		options: FeedChange,
		edit: (entries: FeedEntry[], now: Date) => { entries: FeedEntry[]; value: T },
		auditFor: (value: T) => AuditRecord | undefined,
	): Promise<Result<T, IngestProblem>> {
		try {
			const value = await this.write(async (client) => {
				const now = options.now ?? new Date();
				const { entries, value } = edit(await readFeeds(client), now);
				const record = auditFor(value);
				if (record === undefined) return value;
				await client.query('DELETE FROM feeds');
				for (const [position, entry] of entries.entries()) {
					const columns = feedColumnsOf(entry);
					await client.query('INSERT INTO feeds (position, library, url_key, entry) VALUES ($1, $2, $3, $4)', [
						position,
						columns.library,
						columns.urlKey,
						JSON.stringify(entry),
					]);
				}
				await client.query('INSERT INTO audit (line) VALUES ($1)', [auditLine(record, now)]);
				await recordChange(client, 'feeds', null);
				return value;
			});
			return { ok: true, value };
		} catch (error) {
			if (error instanceof IngestStop) return { ok: false, error: error.problem };
			return { ok: false, error: problem('store-unavailable', `could not change the feeds: ${describe(error)}`) };
		}
	}

	async addFeed(url: string, change: FeedChange): Promise<Result<{ entry: FeedEntry; added: boolean }, IngestProblem>> {
		const clean = feedUrlOf(url);
		if (!clean.ok) return clean;
		return this.changeFeeds(
			change,
			(entries, now) => planAddFeed(entries, clean.value, change, now),
			(value) =>
				value.added ? { action: 'feed-add', library: change.library, url: clean.value, by: change.by } : undefined,
		);
	}

	removeFeed(url: string, change: FeedChange): Promise<Result<FeedEntry, IngestProblem>> {
		return this.changeFeeds(
			change,
			(entries) => planRemoveFeed(entries, url, change),
			(gone) => ({ action: 'feed-remove', library: change.library, url: gone.url, by: change.by }),
		);
	}

	async readAudit(): Promise<string> {
		const { rows } = await this.pool.query<{ line: string }>('SELECT line FROM audit ORDER BY seq');
		return rows.map((r) => r.line).join('');
	}

	async audit(record: AuditRecord, at: Date = new Date()): Promise<void> {
		await this.pool.query('INSERT INTO audit (line) VALUES ($1)', [auditLine(record, at)]).catch(() => undefined);
	}

	/**
	 * LISTENs on {@link CHANGES_CHANNEL} on a connection of its own and reads the change sequence
	 * past the last seq seen: on each notification, on every (re)connection (so a change made while
	 * the connection was down is caught up), and every few seconds behind both. A lost connection is
	 * retried with a growing delay; meanwhile nothing is called and the corpus in memory serves.
	 */
	watch(onChange: () => void): () => void {
		const state = { stopped: false };
		/** Read through a call: the awaits below may see it change. */
		const isStopped = () => state.stopped;
		let listener: pg.Client | undefined;
		let delay = RECONNECT_FIRST_MS;
		let retry: NodeJS.Timeout | undefined;
		let checking = false;
		const check = async () => {
			if (state.stopped || checking) return;
			checking = true;
			try {
				const { rows } = await this.pool.query<{ seq: string; kind: string; id: string | null }>(
					'SELECT seq, kind, id FROM changes WHERE seq > $1 ORDER BY seq',
					[this.seen],
				);
				if (rows.length > 0 && !isStopped()) {
					this.seen = Number(rows[rows.length - 1]!.seq);
					onChange();
				}
			} catch {
				// The database is down: the listener's reconnection catches up once it is back.
			} finally {
				checking = false;
			}
		};
		const reconnect = () => {
			if (state.stopped || retry !== undefined) return;
			const old = listener;
			listener = undefined;
			old?.removeAllListeners();
			old?.on('error', () => undefined);
			void old?.end().catch(() => undefined);
			retry = setTimeout(() => {
				retry = undefined;
				void connect();
			}, delay);
			retry.unref();
			delay = Math.min(delay * 2, RECONNECT_MAX_MS);
		};
		const connect = async () => {
			if (state.stopped) return;
			const client = new pg.Client({ connectionString: this.url, keepAlive: true });
			listener = client;
			client.on('error', (error) => {
				this.log?.warn({ problem: describe(error) }, 'lost the change listener; reconnecting');
				reconnect();
			});
			client.on('end', () => {
				if (!state.stopped) reconnect();
			});
			client.on('notification', () => void check());
			try {
				await client.connect();
				await client.query(`LISTEN ${CHANGES_CHANNEL}`);
				if (isStopped()) {
					await client.end().catch(() => undefined);
					return;
				}
				delay = RECONNECT_FIRST_MS;
				await check();
			} catch {
				reconnect();
			}
		};
		void connect();
		const poll = setInterval(() => void check(), this.pollMs);
		poll.unref();
		return () => {
			state.stopped = true;
			clearInterval(poll);
			if (retry !== undefined) clearTimeout(retry);
			const client = listener;
			listener = undefined;
			client?.removeAllListeners();
			client?.on('error', () => undefined);
			void client?.end().catch(() => undefined);
		};
	}

	async close(): Promise<void> {
		await this.pool.end().catch(() => undefined);
	}
}

/** The values of a sources row in the order the statements above take them: id, entry, file, body, hash. */
function rowValues(entry: StoredEntry, body: Buffer): [string, string, string, Buffer, string] {
	return [entry.id, JSON.stringify(entry), entry.file, body, entry[TEXT_HASH_FIELD]];
}

/** Keeps a source's row in removed_sources before it is replaced or deleted (as .removed/ keeps the file). */
async function setAside(client: pg.ClientBase, id: string): Promise<void> {
	await client.query(
		'INSERT INTO removed_sources (id, file, entry, body) SELECT id, file, entry, body FROM sources WHERE id = $1',
		[id],
	);
}

/**
 * Whether an error came from the database or the connection to it (a server error, a refused or
 * dropped socket, a timeout), as opposed to a bug or a refusal of ours.
 */
export function isDatabaseError(error: unknown): boolean {
	if (error instanceof pg.DatabaseError) return true;
	if (!(error instanceof Error)) return false;
	const code = (error as NodeJS.ErrnoException).code;
	return (
		(typeof code === 'string' && /^E[A-Z]{3,}$/.test(code)) ||
		/connection|terminated|timeout|socket/i.test(error.message)
	);
}

/** Opens the PostgreSQL store for DATABASE_URL. */
export const openPgStore = (options: PgStoreOptions): Promise<PgStore> => PgStore.open(options);
