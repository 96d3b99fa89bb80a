import type { Token } from './analyze.js';
import type { Paragraph, Source } from './catalog.js';
import type { Corpus } from './corpus.js';
import { coverageOf, paragraphCoverage, selectExcerpt, type Excerpt } from './excerpt.js';
import { textFragmentLink } from './link.js';
import { paragraphAnalysis } from './paragraph-cache.js';
import { buildQuery, type Query } from './query.js';
import { paragraphCount, paragraphHolds, searchIndex } from './search-index.js';
import { expandWeights, FEEDBACK, type FeedbackSettings } from './feedback.js';
import type { Hit } from './postings.js';

/** The metadata a quote is cited with. */
export type Citation = Pick<Source, 'id' | 'title' | 'publisher' | 'url' | 'published'>;

/** One quoted result: a paragraph, the excerpt of it that answers, and where to read it. */
export interface AnswerResult {
	readonly source: Citation;
	/** The paragraph's number in its source, 0-based among non-empty lines. */
	readonly paragraph: number;
	/** The whole paragraph, verbatim. */
	readonly passage: string;
	/** The excerpt shown: an exact substring of `passage`. */
	readonly quote: string;
	/** The source's URL with a text fragment that opens the page at the quote. */
	readonly link: string;
	readonly score: number;
	/** Share of the question's informative weight the quote holds, in [0, 1]. */
	readonly coverage: number;
}

/** What the core answers to a question. `answered: false` means the sources do not say; then no results. */
export interface Answer {
	readonly question: string;
	readonly answered: boolean;
	readonly results: readonly AnswerResult[];
}

export interface AnswerOptions {
	/** Results wanted, best first. Default 3. */
	readonly top?: number;
	/** Say "the sources don't say" when no passage answers well enough. Default true; false for ranking benchmarks. */
	readonly abstain?: boolean;
	/** Pseudo-relevance feedback for the first pass (see feedback.ts); false for plain BM25. */
	readonly feedback?: FeedbackSettings | false;
}

export const ANSWER_DEFAULTS: Required<AnswerOptions> = { top: 3, abstain: true, feedback: FEEDBACK };

/** Paragraphs re-ranked sentence by sentence: the first this many by BM25. */
export const CANDIDATES = 40;

/** How the final score mixes the excerpt's score, the paragraph's coverage and its BM25 score. */
export const RANK_WEIGHTS = { excerpt: 1, paragraph: 0.25, context: 0.15, bm25: 0.3 } as const;

/**
 * The abstention rule: answer only when the best excerpt holds at least this share of the question's
 * informative weight (inverse frequencies; an unknown word weighs the most). Calibrated on the dev
 * questions and our own held-out set (see README).
 */
export const MIN_COVERAGE = 0.38;

/**
 * And the best excerpt must hold at least two of the question's terms when it has two or more: one
 * shared word ("Georgia" for "the president of Georgia") is a coincidence, not an answer.
 */
export const MIN_MATCHED_TERMS = 2;

/**
 * And it must hold an answer of the kind asked: a question asking "how many" is not answered by a
 * passage with no number in it, nor "who" by one naming nobody, nor "when" by one with no date.
 */
function answers(excerpt: Excerpt, query: Query): boolean {
	return (
		excerpt.coverage >= MIN_COVERAGE &&
		excerpt.matched >= Math.min(MIN_MATCHED_TERMS, query.terms.length) &&
		excerpt.hasKind
	);
}

/**
 * Paragraphs that cite rather than state count for this share of their score: a footnote's reference
 * repeats a text's words without saying anything of its own, and a heading only names a topic.
 */
export const CITATION_FACTOR = 0.6;
export const HEADING_FACTOR = 0.4;

const REFERENCE = /^\s*\[\d+\]|https?:\/\//;
const HEADING = /^[^.!?]{1,90}$/;

/** A footnote reference: "[12] “Title,” Publisher, date, https://…". */
export function isReference(text: string): boolean {
	return REFERENCE.test(text);
}

/** A heading: a short line that does not end a sentence. */
export function isHeading(text: string): boolean {
	const t = text.trim();
	return (HEADING.test(t) && !/[.!”"]\s*$/.test(t)) || (t.length <= 60 && /\?$/.test(t) && !/\s(?:is|are|was|were|do|does|did|can|will|would|should)\s/i.test(t));
}

/** A paragraph that names things but states nothing: a footnote reference or a heading. */
export function isCitationLike(text: string): boolean {
	return isReference(text) || isHeading(text);
}

function citationFactor(text: string): number {
	if (isReference(text)) return CITATION_FACTOR;
	return isHeading(text) ? HEADING_FACTOR : 1;
}

interface Ranked {
	readonly id: number;
	readonly excerpt: Excerpt;
	readonly score: number;
}

function citation(source: Source): Citation {
	return { id: source.id, title: source.title, publisher: source.publisher, url: source.url, published: source.published };
}

/**
 * The share of the question a paragraph covers together with its neighbours in the same source: a
 * sentence often names its subject only in the paragraph before ("The declaration, witnessed by …"
 * after "… in Washington"). Neighbours are looked up in the postings, not analyzed.
 */
function contextCoverage(corpus: Corpus, query: Query, id: number, tokens: readonly Token[]): number {
	const here = corpus.paragraphs[id]!.source;
	const neighbours = [id - 1, id + 1].filter((n) => corpus.paragraphs[n]?.source === here);
	const hits: Array<{ readonly slot: number; readonly factor: number }> = [];
	for (const t of tokens) {
		const match = query.lookup.get(t.term);
		if (match !== undefined) hits.push(match);
	}
	for (const [term, match] of query.lookup) {
		if (neighbours.some((n) => paragraphHolds(corpus.index, term, n))) hits.push(match);
	}
	return coverageOf(hits, query);
}

/** Paragraphs matching the question: the first {@link CANDIDATES} re-ranked, the others in BM25 order. */
interface Candidates {
	readonly ranked: Ranked[];
	readonly rest: readonly { readonly id: number; readonly bm25: number }[];
}

function rerank(corpus: Corpus, query: Query, id: number, bm25: number): Ranked {
	const text = corpus.paragraphs[id]!.text;
	const { tokens, windows } = paragraphAnalysis(corpus, id);
	const excerpt = selectExcerpt(text, query, tokens, windows);
	const score =
		RANK_WEIGHTS.excerpt * excerpt.score +
		RANK_WEIGHTS.paragraph * paragraphCoverage(query, tokens) +
		RANK_WEIGHTS.context * contextCoverage(corpus, query, id, tokens) +
		RANK_WEIGHTS.bm25 * bm25;
	return { id, excerpt, score: score * citationFactor(text) };
}

/**
 * Paragraphs fetched beyond the re-ranked ones for `top` results: twice as many, and some, since
 * paragraphs repeating one already quoted are skipped.
 */
const spare = (top: number) => 2 * top + 20;

/** The question's index terms and their weights: each alternative at its factor times its term's boost. */
function queryWeights(query: Query): Map<string, number> {
	const weights = new Map<string, number>();
	for (const t of query.terms) for (const [m, f] of t.matches) weights.set(m, Math.max(weights.get(m) ?? 0, f * t.boost));
	return weights;
}

/**
 * The first pass: BM25 over the question's terms (each alternative at its factor times its term's
 * boost), expanded by the best paragraphs' shared words when `feedback` says; the best `limit`.
 */
export function firstPass(corpus: Corpus, query: Query, limit: number, feedback: FeedbackSettings | false): Hit[] {
	const weights = queryWeights(query);
	if (weights.size === 0) return [];
	if (feedback === false) return searchIndex(corpus.index, weights, limit);
	const initial = searchIndex(corpus.index, weights, feedback.docs);
	const termsOf = (id: number) => paragraphAnalysis(corpus, id).tokens.map((t) => t.term);
	const df = (term: string) => corpus.index.vocabulary.get(term) ?? 0;
	return searchIndex(corpus.index, expandWeights(weights, initial, termsOf, df, paragraphCount(corpus.index), feedback), limit);
}

function search(corpus: Corpus, query: Query, top: number, feedback: FeedbackSettings | false): Candidates {
	const hits = firstPass(corpus, query, CANDIDATES + spare(top), feedback);
	const maxBm25 = hits[0]?.score ?? 1;
	const scaled = hits.map((h) => ({ id: h.id, bm25: h.score / maxBm25 }));
	return {
		ranked: scaled.slice(0, CANDIDATES).map((h) => rerank(corpus, query, h.id, h.bm25)),
		rest: scaled.slice(CANDIDATES),
	};
}

/** The ranked results, then as many of the rest (in BM25 order, excerpted now) as `top` asks for. */
function* ordered(corpus: Corpus, query: Query, candidates: Candidates): Generator<Ranked> {
	yield* candidates.ranked;
	let floor = candidates.ranked.at(-1)?.score ?? 1;
	for (const { id, bm25 } of candidates.rest) {
		const r = rerank(corpus, query, id, bm25);
		floor = Math.min(floor, r.score);
		yield { ...r, score: floor };
	}
}

function result(p: Paragraph, r: Ranked): AnswerResult {
	const quote = p.text.slice(r.excerpt.start, r.excerpt.end);
	return {
		source: citation(p.source),
		paragraph: p.n,
		passage: p.text,
		quote,
		link: textFragmentLink(p.source.url, quote),
		score: Math.round(r.score * 1000) / 1000,
		coverage: Math.round(r.excerpt.coverage * 1000) / 1000,
	};
}

/**
 * Answers a question with verbatim quotes: ranks paragraphs by BM25, re-ranks the best by the
 * sentence or two that answer, and abstains when even the best covers too little of the question.
 */
export function answer(corpus: Corpus, question: string, options: AnswerOptions = {}): Answer {
	const { top, abstain, feedback } = { ...ANSWER_DEFAULTS, ...options };
	const query = buildQuery(corpus.index, question);
	const candidates = search(corpus, query, top, feedback);
	// Excerpts that pass the answering rule come first, then those holding the kind of answer asked
	// for (a date, a name, a number): "Who witnessed…" is answered by the sentence naming the
	// witnesses, and a sentence sharing one name with the question does not answer it.
	const rank = (r: Ranked) => 2 * Number(answers(r.excerpt, query)) + Number(r.excerpt.hasKind);
	candidates.ranked.sort((a, b) => rank(b) - rank(a) || b.score - a.score || a.id - b.id);
	const best = candidates.ranked[0];
	if (best === undefined || (abstain && !answers(best.excerpt, query))) {
		return { question, answered: false, results: [] };
	}
	const seen = new Set<string>();
	const results: AnswerResult[] = [];
	for (const r of ordered(corpus, query, candidates)) {
		if (results.length >= top) break;
		const p = corpus.paragraphs[r.id]!;
		if (seen.has(p.text)) continue;
		seen.add(p.text);
		results.push(result(p, r));
	}
	return { question, answered: true, results };
}
