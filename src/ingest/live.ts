import { parseCatalog, type Source } from '../core/catalog.js';
import { extendCorpus, removeFromCorpus, type Corpus, type SourceText } from '../core/corpus.js';
import { extendTimeline, shrinkTimeline } from '../core/dates/timeline.js';
import type { Problem } from '../core/result.js';
import type { Store } from '../store/store.js';

/** The corpus brought in line with the catalog, and what changed. */
export interface Refreshed {
	readonly corpus: Corpus;
	/** Sources new to the corpus (a new version of a changed one included). */
	readonly added: readonly Source[];
	/** Ids taken out: removed from the catalog, or changed there (then also in `added`). */
	readonly removed: readonly string[];
	/** New catalog entries whose file could not be read (left for the next refresh). */
	readonly problems: readonly Problem[];
}

/** Whether a catalog entry is the source the corpus holds under its id (same file, same metadata). */
const sameEntry = (a: Source, b: Source): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads the store's catalog again (see store.ts) and brings the live (whole) corpus in line with it, without a rebuild or
 * a restart: sources no longer listed, or listed differently (a new version), are taken out through
 * the index's filter (see removeFromCorpus); new ones are added to the index in place. The corpus
 * passed in shares its index with the one returned and must not be used afterwards; hold the
 * corpus in one place and swap it. A computed timeline is carried over (only new sources are read
 * for dates).
 */
export async function refreshCorpus(
	corpus: Corpus,
	store: Pick<Store, 'readCatalog' | 'readText'>,
): Promise<Refreshed> {
	const listed = parseCatalog((await store.readCatalog()).entries).sources;
	const byId = new Map(listed.map((s) => [s.id, s]));
	const removed = corpus.sources
		.filter((s) => {
			const now = byId.get(s.id);
			return now === undefined || !sameEntry(now, s);
		})
		.map((s) => s.id);
	let next = removeFromCorpus(corpus, removed);
	shrinkTimeline(corpus, next);
	const fresh = listed.filter((s) => !next.byId.has(s.id));
	const texts: SourceText[] = [];
	const problems: Problem[] = [];
	for (const source of fresh) {
		const text = await store.readText(source);
		if (text === undefined) problems.push({ id: source.id, field: 'file', message: `cannot read ${source.file}` });
		else texts.push({ source, text });
	}
	const added = texts.map((t) => t.source);
	if (texts.length > 0) {
		const before = next;
		next = extendCorpus(before, texts);
		extendTimeline(before, next, added);
	}
	return { corpus: next, added, removed, problems };
}
