import { stemmer } from 'stemmer';

/**
 * A reference Okapi BM25, written plainly so that it can be checked by hand: lowercase words of
 * letters and digits, an English stop list, Porter stemming, Lucene's idf, k1 1.2, b 0.75. No BM25+,
 * no coordination factor, document length in tokens. This is the yardstick of `npm run bench`.
 */
export const BM25_REFERENCE = { k1: 1.2, b: 0.75 } as const;

/** NLTK's English stop list (179 words), the commonest "English stop list" in IR tutorials. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
	`i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves he
	him his himself she she's her hers herself it it's its itself they them their theirs themselves what
	which who whom this that that'll these those am is are was were be been being have has had having do
	does did doing a an the and but if or because as until while of at by for with about against between
	into through during before after above below to from up down in out on off over under again further
	then once here there when where why how all any both each few more most other some such no nor not
	only own same so than too very s t can will just don don't should should've now d ll m o re ve y ain
	aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't
	ma mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't
	won won't wouldn wouldn't`.split(/\s+/),
);

const WORD = /[a-z0-9]+/g;

/** Lowercase words of letters and digits, stop words dropped, Porter-stemmed. */
export function referenceTerms(text: string, stopWords: ReadonlySet<string> = ENGLISH_STOP_WORDS): string[] {
	const out: string[] = [];
	for (const [word] of text.toLowerCase().matchAll(WORD)) if (!stopWords.has(word)) out.push(stemmer(word));
	return out;
}

export interface Scored {
	readonly id: string;
	readonly score: number;
}

/**
 * Departures from the reference that MiniSearch makes, each off by default; the bench turns them on
 * one at a time to measure what each costs.
 */
export interface Bm25Variant {
	/** BM25+: each matching term adds `d` × idf whatever its frequency (MiniSearch: 0.5). */
	readonly d?: number;
	/** Multiply a document's score by the number of distinct query terms it matches (MiniSearch does). */
	readonly coordination?: boolean;
	/** Document length as distinct terms rather than tokens (MiniSearch's field length). */
	readonly uniqueLength?: boolean;
}

/** A BM25 index over documents: postings of term frequencies and each document's length. */
export interface Bm25Index {
	readonly ids: readonly string[];
	/** Length in tokens, or in distinct terms under `uniqueLength`. */
	readonly lengths: readonly number[];
	readonly averageLength: number;
	readonly postings: ReadonlyMap<string, ReadonlyMap<number, number>>;
	readonly analyze: (text: string) => string[];
}

/** Indexes documents; `analyze` defaults to {@link referenceTerms}. */
export function buildBm25(
	docs: ReadonlyArray<{ readonly id: string; readonly text: string }>,
	analyze: (text: string) => string[] = (t) => referenceTerms(t),
	variant: Bm25Variant = {},
): Bm25Index {
	const postings = new Map<string, Map<number, number>>();
	const lengths = docs.map(({ text }, doc) => {
		const terms = analyze(text);
		for (const term of terms) {
			const list = postings.get(term) ?? new Map<number, number>();
			list.set(doc, (list.get(doc) ?? 0) + 1);
			postings.set(term, list);
		}
		return variant.uniqueLength === true ? new Set(terms).size : terms.length;
	});
	const total = lengths.reduce((a, b) => a + b, 0);
	return {
		ids: docs.map((d) => d.id),
		lengths,
		averageLength: docs.length === 0 ? 0 : total / docs.length,
		postings,
		analyze,
	};
}

/** Lucene's idf: ln(1 + (N − df + 0.5) / (df + 0.5)), never negative. */
export function luceneIdf(documents: number, df: number): number {
	return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * Ranks the documents matching any query term, best first (ties by index order), at most `top`.
 * Each distinct query term counts once, as a Lucene BooleanQuery of unique SHOULD clauses would.
 */
export function searchBm25(index: Bm25Index, query: string, top = 100, variant: Bm25Variant = {}): Scored[] {
	const { k1, b } = BM25_REFERENCE;
	const d = variant.d ?? 0;
	const n = index.ids.length;
	const scores = new Map<number, number>();
	const matched = new Map<number, number>();
	for (const term of new Set(index.analyze(query))) {
		const list = index.postings.get(term);
		if (list === undefined) continue;
		const idf = luceneIdf(n, list.size);
		for (const [doc, tf] of list) {
			const norm = k1 * (1 - b + (b * index.lengths[doc]!) / index.averageLength);
			scores.set(doc, (scores.get(doc) ?? 0) + idf * (d + (tf * (k1 + 1)) / (tf + norm)));
			matched.set(doc, (matched.get(doc) ?? 0) + 1);
		}
	}
	if (variant.coordination === true) for (const [doc, score] of scores) scores.set(doc, score * matched.get(doc)!);
	return [...scores]
		.sort((x, y) => y[1] - x[1] || x[0] - y[0])
		.slice(0, top)
		.map(([doc, score]) => ({ id: index.ids[doc]!, score }));
}
