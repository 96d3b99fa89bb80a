import type { Layout } from './postings-codec.js';
import type { Hit } from './top-hits.js';

/**
 * The one interface every search engine of the index answers to: MiniSearch (the default for the
 * corpora most servers keep) or the column engine of postings.ts (for corpora past
 * {@link AUTO_COLUMNAR_AT} paragraphs). Everything above it (the question's weights, ranking,
 * quoting) is the same whichever engine ran, and whatever filtering or deletion later needs goes
 * through here.
 *
 * Documents are paragraphs, numbered from 0 in the order they are added; each has the same fields
 * (the paragraph's text, its source's title), given as analyzed terms with repeats kept.
 */
export interface SearchEngine {
	readonly name: EngineName;
	/** Number of documents added. */
	readonly documentCount: number;
	/** Adds a document given each field's analyzed terms; returns its id (the count so far). */
	add(fieldTerms: readonly (readonly string[])[]): number;
	/**
	 * The `limit` documents with the best Okapi BM25 score summed over the weighted terms and the
	 * boosted fields, best first; ties go to the lower id. Documents the filter refuses are never
	 * scored nor counted, as if absent, though the statistics (document frequencies, lengths) stay
	 * those of every document.
	 */
	search(weights: ReadonlyMap<string, number>, limit: number, params: Bm25Params, filter?: DocFilter): Hit[];
	/** Documents whose first field (the text) holds every one of `terms`, in id order, at most `limit`. */
	withAll(terms: readonly string[], limit: number, filter?: DocFilter): number[];
	/** Whether document `id`'s text holds the term. */
	holds(term: string, id: number): boolean;
	/** The engine in a form the cache can keep (see the store's index cache). */
	serialize(): SerializedEngine;
}

/**
 * Which paragraphs a search may return: those whose library number is allowed. Removed paragraphs
 * carry the corpus's `REMOVED`, which no filter allows. Two array reads a paragraph, so it is cheap inside
 * the engines' scoring loops.
 */
export interface DocFilter {
	/** Each paragraph's library number (an index into the corpus's `libraryNames`). */
	readonly libraryOf: Uint32Array;
	/** 1 for each library number the search may return. */
	readonly allowed: Uint8Array;
}

/** Whether a filter lets document `id` through (no filter: every document). */
export const accepts = (filter: DocFilter | undefined, id: number): boolean =>
	filter === undefined || filter.allowed[filter.libraryOf[id]!] === 1;

export const ENGINE_NAMES = ['minisearch', 'columnar'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
/** What `SEARCH_ENGINE` may say: an engine, or `auto` (by corpus size). */
export type EngineSetting = EngineName | 'auto';

export interface Bm25Params {
	readonly k: number;
	readonly b: number;
}

/** An engine's cacheable form: the column engine's flat words, or MiniSearch's own JSON. */
export type SerializedEngine =
	| { readonly engine: 'columnar'; readonly layout: Layout; readonly data: Uint32Array }
	| { readonly engine: 'minisearch'; readonly json: string };

/**
 * Where `auto` switches from MiniSearch to the column engine, in paragraphs: MiniSearch while a whole
 * answer's p95 stays under 10 ms. Measured by `npm run bench` on two cores (/ask p95, MiniSearch
 * against the column engine): 5.3 against 3.8 ms at 1,000 paragraphs, 7.8 against 3.7 at 3,000, 12.3
 * against 4.0 at 5,000, 17.6 against 5.7 at 10,000. MiniSearch's search walks every paragraph holding
 * any question word and builds a result object for each, so its cost grows with the corpus; the
 * column engine reads flat arrays and stops early (MaxScore). Both give the same answers (the bench's
 * "answered" and the eval sets), so the switch costs nothing in quality.
 */
export const AUTO_COLUMNAR_AT = 4_000;

/** The engine a setting picks for a corpus of `paragraphs` paragraphs. */
export function chooseEngine(setting: EngineSetting, paragraphs: number): EngineName {
	if (setting !== 'auto') return setting;
	return paragraphs > AUTO_COLUMNAR_AT ? 'columnar' : 'minisearch';
}
