import MiniSearch, { type AsPlainObject, type BM25Params } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { analyze } from './analyze.js';
import type { Background } from './background.js';
import type { Paragraph } from './catalog.js';

/**
 * BM25 parameters, chosen by measurement (`npm run bench`, Cranfield, and the news eval sets):
 * k 1.2 and b 0.75 as in Okapi; plain BM25 (d 0) rather than MiniSearch's BM25+ (d 0.5), which cost
 * 0.011 MAP on Cranfield and nothing on the news questions.
 */
export const BM25: BM25Params = { k: 1.2, b: 0.75, d: 0 };

/**
 * How much a title match counts beside a match in the paragraph itself. 1 measured best: Cranfield
 * MAP 0.267 without titles, 0.287 at 0.3, 0.299 at 1; quote@3 on the held-out news sets rose too.
 */
export const TITLE_BOOST = 1;

interface IndexedDoc {
	readonly id: number;
	/** Analyzed terms joined by spaces: analysis runs once, not again inside MiniSearch. */
	readonly text: string;
	readonly title: string;
}

const splitTerms = (text: string): string[] => (text.length === 0 ? [] : text.split(' '));
const identity = (term: string): string => term;

const OPTIONS = {
	fields: ['text', 'title'],
	tokenize: splitTerms,
	processTerm: identity,
	searchOptions: { tokenize: splitTerms, processTerm: identity, bm25: BM25, boost: { text: 1, title: TITLE_BOOST } },
};

/** The searchable form of a corpus: MiniSearch over its paragraphs, and each term's paragraph count. */
export interface SearchIndex {
	readonly mini: MiniSearch<IndexedDoc>;
	/** Term → number of paragraphs whose text holds it. */
	readonly vocabulary: SearchableMap<number>;
	readonly paragraphCount: number;
	/** Everyday-English rank of common terms (see background.ts). */
	readonly background: Background;
}

/** What the cache keeps of an index: enough to load it without analyzing the corpus again. */
export interface SerializedIndex {
	readonly mini: AsPlainObject;
	readonly vocabulary: Array<[string, number]>;
	readonly paragraphCount: number;
	readonly background: Array<[string, number]>;
}

const titleTerms = new Map<string, string>();
function analyzedTitle(title: string): string {
	let terms = titleTerms.get(title);
	if (terms === undefined) {
		terms = analyze(title).map((t) => t.term).join(' ');
		titleTerms.set(title, terms);
	}
	return terms;
}

/** Builds the index of `paragraphs`; document ids are positions in that array. */
export function buildIndex(paragraphs: readonly Paragraph[], background: Background = new Map()): SearchIndex {
	const empty: SearchIndex = { mini: new MiniSearch<IndexedDoc>(OPTIONS), vocabulary: new SearchableMap(), paragraphCount: 0, background };
	return addToIndex(empty, paragraphs);
}

/**
 * Adds paragraphs to an index in place (MiniSearch `addAll`, paragraph counts updated), numbering them
 * after those it holds, and returns the index with its new count. Nothing is rebuilt: a running bot
 * takes new sources this way.
 */
export function addToIndex(index: SearchIndex, paragraphs: readonly Paragraph[]): SearchIndex {
	const first = index.paragraphCount;
	const docs: IndexedDoc[] = paragraphs.map((p, i) => {
		const terms = analyze(p.text).map((t) => t.term);
		for (const term of new Set(terms)) index.vocabulary.set(term, (index.vocabulary.get(term) ?? 0) + 1);
		return { id: first + i, text: terms.join(' '), title: analyzedTitle(p.source.title) };
	});
	index.mini.addAll(docs);
	return { ...index, paragraphCount: first + paragraphs.length };
}

export function serializeIndex(index: SearchIndex): SerializedIndex {
	return {
		mini: index.mini.toJSON(),
		vocabulary: [...index.vocabulary.entries()],
		paragraphCount: index.paragraphCount,
		background: [...index.background],
	};
}

export function deserializeIndex(data: SerializedIndex): SearchIndex {
	return {
		mini: MiniSearch.loadJS<IndexedDoc>(data.mini, OPTIONS),
		vocabulary: SearchableMap.from(data.vocabulary),
		paragraphCount: data.paragraphCount,
		background: new Map(data.background),
	};
}

/** Inverse document frequency of a term over paragraphs (BM25's, never negative). */
export function idf(index: SearchIndex, df: number): number {
	const n = index.paragraphCount;
	return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
