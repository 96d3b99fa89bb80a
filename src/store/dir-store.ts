import { unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { audit, AUDIT_FILE } from '../ingest/audit.js';
import { CATALOG_FILE, readRawCatalog, readSourceText } from '../ingest/catalog-file.js';
import { commitDraft } from '../ingest/commit.js';
import { addFeed, readFeedEntries, removeFeed } from '../ingest/feed-store.js';
import { removeSource } from '../ingest/remove.js';
import { readDataDirTexts } from './data-dir.js';
import type { Store } from './store.js';

/** How often the catalog file is checked for sources added by another process (`cli ingest`). */
const CATALOG_POLL_MS = 5_000;

/**
 * The data directory as a {@link Store}: today's functions (commitDraft, removeSource, the feed
 * file, audit.jsonl) unchanged, and sources.json watched for other processes' changes.
 */
export function dirStore(dataDir: string): Store {
	return {
		kind: 'data-dir',
		dataDir,
		readCatalog: () => readRawCatalog(dataDir),
		readText: (source) => readSourceText(dataDir, source),
		loadTexts: () => readDataDirTexts(dataDir),
		commit: (draft, options) => commitDraft(dataDir, draft, options),
		removeSource: (id, library, options) => removeSource(dataDir, id, library, options),
		listFeeds: () => readFeedEntries(dataDir),
		addFeed: (url, change) => addFeed(dataDir, url, change),
		removeFeed: (url, change) => removeFeed(dataDir, url, change),
		readAudit: () => readFile(join(dataDir, AUDIT_FILE), 'utf8').catch(() => ''),
		audit: (record, at) => audit(dataDir, record, at),
		watch: (onChange) => watchCatalog(dataDir, onChange),
		close: () => Promise.resolve(),
	};
}

/** The store a caller names, else its data directory's: one path for both, not a branch at each use. */
export const storeOf = (options: { readonly store?: Store | undefined; readonly dataDir: string }): Store =>
	options.store ?? dirStore(options.dataDir);

/**
 * Atomic writes replace sources.json, so the directory is watched (a rename shows there at once);
 * the poll behind it catches what a watch can miss (network file systems).
 */
function watchCatalog(dataDir: string, onChange: () => void): () => void {
	const catalog = join(dataDir, CATALOG_FILE);
	const poll = () => onChange();
	watchFile(catalog, { interval: CATALOG_POLL_MS, persistent: false }, poll);
	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(dataDir, { persistent: false }, (_event, name) => {
			if (name === CATALOG_FILE) onChange();
		});
		watcher.on('error', () => watcher?.close());
	} catch {
		watcher = undefined;
	}
	return () => {
		unwatchFile(catalog, poll);
		watcher?.close();
	};
}
