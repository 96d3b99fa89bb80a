import SearchableMap from 'minisearch/SearchableMap';
import { generalAnalyzer, type Analyzer } from '../text/analyze.js';
import type { Background } from '../text/background.js';
import type { Paragraph, Source } from '../catalog.js';
import { isEnglish, type Language } from '../text/languages.js';
import { createColumnarEngine, loadColumnarEngine } from './columnar-engine.js';
import type { Bm25Params, DocFilter, EngineName, SearchEngine, SerializedEngine } from './engine.js';
import { createMiniSearchEngine, loadMiniSearchEngine } from './minisearch-engine.js';
import { bm25Idf, type Hit } from './postings.js';
import type { Result } from '../result.js';

/**
 * BM25 parameters, chosen by measurement (`npm run bench`, Cranfield, and the news eval sets):
 * k 1.2 and b 0.75 as in Okapi; plain BM25 rather than BM25+ (MiniSearch's default, d 0.5), which
 * cost 0.011 MAP on Cranfield and nothing on the news questions.
 */
export const BM25: Bm25Params = { k: 1.2, b: 0.75 };

/**
 * How much a title match counts beside a match in the paragraph itself. 1 measured best: Cranfield
 * MAP 0.267 without titles, 0.287 at 0.3, 0.299 at 1; quote@3 on the held-out news sets rose too.
 */
export const TITLE_BOOST = 1;

/** The fields of a paragraph, in the engines' order, and how much a match in each counts. */
const FIELD_BOOSTS = [1, TITLE_BOOST] as const;

/** The searchable form of a corpus: an engine over its paragraphs, and their vocabulary. */
export interface SearchIndex {
	/** MiniSearch or the column engine (engine.ts): the same answers, different costs at scale. */
	readonly engine: SearchEngine;
	/** Term → number of paragraphs whose text holds it: MiniSearch's radix tree, for prefix and fuzzy lookups. */
	readonly vocabulary: SearchableMap<number>;
	/** Everyday-English rank of common terms (see background.ts). */
	readonly background: Background;
	/** How the paragraphs were analyzed: questions must be analyzed alike (the corpus's lexicon). */
	readonly analyzer: Analyzer;
}

/** What the cache keeps of an index: the engine's own form, and the everyday-word ranks. */
export type SerializedIndex = SerializedEngine & { readonly background: Array<[string, number]> };

const titleTerms = new WeakMap<Analyzer, Map<string, readonly string[]>>();
/** A title's terms, in its source's language (undefined: English). */
function analyzedTitle(analyzer: Analyzer, title: string, language: Language | undefined): readonly string[] {
	let titles = titleTerms.get(analyzer);
	if (titles === undefined) titleTerms.set(analyzer, (titles = new Map<string, readonly string[]>()));
	const key = language === undefined ? title : `${language}\n${title}`;
	let terms = titles.get(key);
	if (terms === undefined) {
		terms = analyzer.terms(title, language);
		titles.set(key, terms);
	}
	return terms;
}

/** The language a source's text is analyzed in: undefined for English (said or not), else its code. */
export const languageOf = (source: Pick<Source, 'language'>): Language | undefined =>
	isEnglish(source.language) ? undefined : source.language;

const ENGINES: Record<EngineName, (boosts: readonly number[]) => SearchEngine> = {
	minisearch: createMiniSearchEngine,
	columnar: createColumnarEngine,
};

/**
 * Builds the index of `paragraphs` with the named engine (MiniSearch unless told); document ids are
 * positions in that array. `analyzer` defaults to the general tables alone (a corpus without lexicon.json).
 */
export function buildIndex(
	paragraphs: readonly Paragraph[],
	background: Background = new Map(),
	analyzer: Analyzer = generalAnalyzer,
	engine: EngineName = 'minisearch',
): SearchIndex {
	const empty: SearchIndex = {
		engine: ENGINES[engine](FIELD_BOOSTS),
		vocabulary: new SearchableMap(),
		background,
		analyzer,
	};
	return addToIndex(empty, paragraphs);
}

/**
 * Adds paragraphs to an index in place, numbering them after those it holds, and returns it. Nothing
 * is rebuilt: a running bot takes new sources this way.
 */
export function addToIndex(index: SearchIndex, paragraphs: readonly Paragraph[]): SearchIndex {
	for (const p of paragraphs) {
		const language = languageOf(p.source);
		const terms = index.analyzer.terms(p.text, language);
		index.engine.add([terms, analyzedTitle(index.analyzer, p.source.title, language)]);
		for (const term of new Set(terms)) index.vocabulary.set(term, (index.vocabulary.get(term) ?? 0) + 1);
	}
	return index;
}

/** Number of paragraphs indexed. */
export const paragraphCount = (index: SearchIndex): number => index.engine.documentCount;

/**
 * The `limit` paragraphs with the best BM25 score for the weighted terms (text, and title at
 * {@link TITLE_BOOST}), best first, among those the filter lets through (a view's libraries).
 */
export function searchIndex(
	index: SearchIndex,
	weights: ReadonlyMap<string, number>,
	limit: number,
	params: Bm25Params = BM25,
	filter?: DocFilter,
): Hit[] {
	return index.engine.search(weights, limit, params, filter);
}

/** Paragraphs whose text holds every one of the terms (and that the filter lets through), at most `limit`, in id order. */
export function paragraphsWithAll(
	index: SearchIndex,
	terms: readonly string[],
	limit: number,
	filter?: DocFilter,
): number[] {
	return index.engine.withAll(terms, limit, filter);
}

/** Whether paragraph `id`'s text holds the term. */
export function paragraphHolds(index: SearchIndex, term: string, id: number): boolean {
	return index.engine.holds(term, id);
}

export function serializeIndex(index: SearchIndex): SerializedIndex {
	return { ...index.engine.serialize(), background: [...index.background] };
}

/** The index from its serialized form, or why that form cannot be trusted; `analyzer` must be the one it was built with. */
export function deserializeIndex(
	data: SerializedIndex,
	analyzer: Analyzer = generalAnalyzer,
): Result<SearchIndex, string> {
	const loaded =
		data.engine === 'columnar'
			? loadColumnarEngine(data.layout, data.data, FIELD_BOOSTS)
			: loadMiniSearchEngine(data.json, FIELD_BOOSTS);
	if (!loaded.ok) return loaded;
	const vocabulary = new SearchableMap<number>();
	for (const [term, df] of loaded.value.frequencies) vocabulary.set(term, df);
	return {
		ok: true,
		value: { engine: loaded.value.engine, vocabulary, background: new Map(data.background), analyzer },
	};
}

/** Inverse document frequency of a term over paragraphs (BM25's, never negative). */
export function idf(index: SearchIndex, df: number): number {
	return bm25Idf(paragraphCount(index), df);
}
