import type { Library, Source } from '../core/catalog.js';
import type { SourceText } from '../core/corpus.js';
import type { Problem, Result } from '../core/result.js';
import type { AuditRecord } from '../ingest/audit.js';
import type { RawCatalog } from '../ingest/catalog-file.js';
import type { CommitOptions, Draft, IngestOutcome } from '../ingest/commit.js';
import type { FeedChange, FeedEntry } from '../ingest/feed-store.js';
import type { IngestProblem } from '../ingest/problem.js';
import type { RemoveOptions } from '../ingest/remove.js';

/**
 * Where the sources, feeds and audit record live: the data directory (DirStore) or PostgreSQL
 * (PgStore, with DATABASE_URL). One contract, so ingest, remove, the feeds, the live corpus and
 * the CLI work against either; test/unit/store/store-contract.ts runs the same suite on both.
 * What is decided (duplicates, updates, quotas, ids, feed limits) is decided once, in the ingest
 * modules (decideCommit, findRemovable, planAddFeed/planRemoveFeed); a store only applies it.
 */
export interface Store {
	readonly kind: 'data-dir' | 'postgres';
	/** The local directory: the index cache and lexicon.json (and, for DirStore, everything). */
	readonly dataDir: string;
	/** The catalog's entries as stored (raw JSON objects, valid or not), in catalog order. */
	readCatalog(): Promise<RawCatalog>;
	/** A source's text; undefined when it cannot be read. */
	readText(source: Source): Promise<string | undefined>;
	/** Every valid source with its text, and what was skipped (for loading the corpus at start). */
	loadTexts(): Promise<{ texts: SourceText[]; problems: Problem[] }>;
	/** Stores a draft: added, updated or unchanged; a refusal is thrown as IngestStop. */
	commit(draft: Draft, options?: CommitOptions): Promise<IngestOutcome>;
	removeSource(id: string, library: Library, options?: RemoveOptions): Promise<Result<Source, IngestProblem>>;
	listFeeds(): Promise<FeedEntry[]>;
	addFeed(url: string, change: FeedChange): Promise<Result<{ entry: FeedEntry; added: boolean }, IngestProblem>>;
	removeFeed(url: string, change: FeedChange): Promise<Result<FeedEntry, IngestProblem>>;
	/** The audit record as audit.jsonl holds it (JSON lines); empty when there is none. */
	readAudit(): Promise<string>;
	/** Appends to the audit record; a failure is not the change's (never thrown). */
	audit(record: AuditRecord, at?: Date): Promise<void>;
	/**
	 * Calls `onChange` when the catalog may have changed, from this process or another; returns how
	 * to stop. The callback re-reads the catalog (see refreshCorpus), so a spurious call costs a diff.
	 */
	watch(onChange: () => void): () => void;
	close(): Promise<void>;
}
