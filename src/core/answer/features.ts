import type { Analyzer, Token } from '../text/analyze.js';
import type { Corpus } from '../corpus.js';
import type { ParagraphAnalysis } from './paragraph-cache.js';
import {
	coverageOf,
	EXCERPT_TUNING,
	exactness,
	hitsOf,
	holdsKind,
	phrases,
	proximity,
	REQUIRED_KINDS,
	type Hit,
	type Window,
} from './excerpt.js';
import type { Query } from './query.js';
import { languageOf, paragraphHolds } from '../search/search-index.js';
import type { Language } from '../text/languages.js';
import type { ResolvedTuning } from './tuning.js';
import { needlesOf, normalizeForMatch } from './verbatim.js';

/**
 * The features' tuning: what counts as an article's opening. Set by hand (the `lead` flag since
 * b9cb2da, the title-and-opening context after it), never swept: `npm run sweep --
 * features.leadParagraphs=1,2,3` measures it, `answer(…, { tuning: { features } })` overrides it.
 */
export const FEATURE_TUNING = Object.freeze({
	/**
	 * Paragraphs that open an article: flagged `lead`, and read with its title as the subject a later
	 * sentence inherits (`document`, `focus`).
	 */
	leadParagraphs: 2,
});
export type FeatureTuning = { readonly [K in keyof typeof FEATURE_TUNING]: number };

/**
 * What the ranker knows of one candidate quote (a sentence, two, or a clause of a long one), each
 * in about [0, 1]. The ranker's weights (rank-model.ts) are fitted on these, by name.
 */
export const FEATURES = [
	/** Share of the question's weight the quote holds. */
	'coverage',
	/** Coverage times how close together the matched words stand. */
	'proximity',
	/** Question words side by side in the passage, weighted. */
	'phrase',
	/** The longest run of question words in the question's order, side by side, as a share of its words. */
	'run',
	/** Question words in the very form asked. */
	'exact',
	/** The quote holds an answer of the kind asked (a date for "when"). */
	'kind',
	/** The question asks for a kind the quote lacks. */
	'kindMissing',
	/** Length, in quotes of the longest length. */
	'length',
	/** Two sentences rather than one. */
	'pair',
	/** Coverage of the whole paragraph. */
	'paragraph',
	/** Coverage of the quote with what leads to it: earlier in its paragraph, the paragraph before. */
	'local',
	/** Coverage of the quote with its article's title and opening paragraph: the subject a sentence inherits. */
	'document',
	/** Coverage of the title alone. */
	'title',
	/**
	 * Coverage of the question's focus: its terms that the article's title and opening do not already
	 * hold ("salary" in "what's the salary at the Carpatica plant"). The subject is everywhere in its
	 * article; the sentence that answers is the one that also has the rest.
	 */
	'focus',
	/** The paragraph's first-pass BM25 score, over the best's. */
	'bm25',
	/** The paragraph opens the article (its first two: `leadParagraphs`). */
	'lead',
	/** The paragraph is a heading. */
	'heading',
	/** The paragraph is a footnote reference. */
	'reference',
	/** Share of the question's terms matched. */
	'matched',
	/** The quote opens its paragraph. */
	'opens',
	/** The question's quoted phrase, or the whole question, stands in the quote as written. */
	'verbatim',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export const FEATURE_COUNT = FEATURES.length;
const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/** A candidate quote of one paragraph and what the ranker knows of it. */
export interface Candidate extends Window {
	readonly id: number;
	readonly features: Float64Array;
	/** Question weight covered, and terms matched: kept for the answering rule. */
	readonly coverage: number;
	readonly matched: number;
	readonly hasKind: boolean;
}

/** Titles' tokens, per analyzer: a corpus's lexicon.json changes how its titles read. */
const titleTokens = new WeakMap<Analyzer, Map<string, readonly Token[]>>();
function titleOf(analyzer: Analyzer, title: string, language: Language | undefined): readonly Token[] {
	let titles = titleTokens.get(analyzer);
	if (titles === undefined) titleTokens.set(analyzer, (titles = new Map<string, readonly Token[]>()));
	const key = language === undefined ? title : `${language}\n${title}`;
	let tokens = titles.get(key);
	if (tokens === undefined) {
		tokens = analyzer.analyze(title, language);
		if (titles.size > 10_000) titles.clear();
		titles.set(key, tokens);
	}
	return tokens;
}

/** The tokens inside a window and one on each side (a number's unit, a day's month), by binary search. */
function tokensAround(tokens: readonly Token[], w: Window): readonly Token[] {
	let lo = 0;
	let hi = tokens.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (tokens[mid]!.start < w.start) lo = mid + 1;
		else hi = mid;
	}
	let end = lo;
	while (end < tokens.length && tokens[end]!.start < w.end) end++;
	return tokens.slice(Math.max(0, lo - 1), end + 1);
}

/** Slots of question terms a paragraph holds, read from the postings (the paragraph is not analyzed). */
function slotsHeld(corpus: Corpus, query: Query, id: number): ReadonlyArray<{ slot: number; factor: number }> {
	// Kept per question: every candidate paragraph of an article asks again for the same title and lead.
	let held = heldMemo.get(query);
	if (held === undefined) {
		held = new Map();
		heldMemo.set(query, held);
	}
	let out = held.get(id);
	if (out === undefined) {
		out = [];
		for (const [term, match] of query.lookup) if (paragraphHolds(corpus.index, term, id)) out.push(match);
		held.set(id, out);
	}
	return out;
}
const heldMemo = new WeakMap<Query, Map<number, Array<{ slot: number; factor: number }>>>();

/** Every term of the question, in its own form, among the hits. */
function holdsEvery(hits: readonly Hit[], query: Query): boolean {
	const own = new Set(hits.filter((h) => h.factor === 1).map((h) => h.slot));
	return own.size === query.terms.length;
}

/** Share of the question's weight held, from the best factor per slot. */
function cover(query: Query, factors: Float64Array): number {
	if (query.total === 0) return 0;
	let covered = 0;
	for (let i = 0; i < factors.length; i++) covered += query.terms[i]!.weight * factors[i]!;
	return covered / query.total;
}

/** Share of the weight of the question's terms outside `subject` that `hits` cover (coverage when all are inside). */
function focusCoverage(
	hits: ReadonlyArray<{ slot: number; factor: number }>,
	subject: ReadonlySet<number>,
	query: Query,
): number {
	let total = 0;
	for (const [slot, t] of query.terms.entries()) if (!subject.has(slot)) total += t.weight;
	if (total === 0) return coverageOf(hits, query);
	const best = new Map<number, number>();
	for (const h of hits) if (!subject.has(h.slot)) best.set(h.slot, Math.max(best.get(h.slot) ?? 0, h.factor));
	let covered = 0;
	for (const [slot, factor] of best) covered += query.terms[slot]!.weight * factor;
	return covered / total;
}

/** The longest run of hits side by side whose question terms follow the question's order. */
function orderedRun(hits: readonly Hit[]): number {
	let best = hits.length > 0 ? 1 : 0;
	let run = 1;
	for (let i = 1; i < hits.length; i++) {
		const a = hits[i - 1]!;
		const b = hits[i]!;
		run = b.position === a.position + 1 && b.slot === a.slot + 1 ? run + 1 : 1;
		best = Math.max(best, run);
	}
	return best;
}

const FEATURE_DEFAULTS = { excerpt: EXCERPT_TUNING, features: FEATURE_TUNING };

/**
 * Every candidate quote of paragraph `id`, with its features. `analysis` is the
 * paragraph's analysis; `bm25` its first-pass score over the best's; `tuning` the quotes' length
 * and the article's opening (default {@link EXCERPT_TUNING}, {@link FEATURE_TUNING}).
 */
export function candidatesOf(
	corpus: Corpus,
	query: Query,
	id: number,
	bm25: number,
	analysis: ParagraphAnalysis,
	tuning: Pick<ResolvedTuning, 'excerpt' | 'features'> = FEATURE_DEFAULTS,
): Candidate[] {
	const { tokens } = analysis;
	const spans = analysis.windows(tuning.excerpt);
	const p = corpus.paragraphs[id]!;
	const text = p.text;
	const hits = hitsOf(tokens, query);
	const terms = Math.max(1, query.terms.length);
	const title = hitsOf(titleOf(corpus.index.analyzer, p.source.title, languageOf(p.source)), query);
	const first = id - p.n;
	// The article's opening: its paragraphs before `leadEnd`.
	const leadEnd = first + tuning.features.leadParagraphs;
	const before = p.n > 0 ? slotsHeld(corpus, query, id - 1) : [];
	const lead: Array<{ slot: number; factor: number }> = [];
	for (let n = first; n < Math.min(id, leadEnd); n++) lead.push(...slotsHeld(corpus, query, n));
	const paragraph = coverageOf(hits, query);
	const heading = analysis.heading ? 1 : 0;
	const reference = analysis.reference ? 1 : 0;
	// Only a paragraph holding a needle can have a window that does: most are spared the per-window test.
	// A paragraph can hold the whole question as written only if it holds each of its terms.
	const asked = needlesOf(query).filter((n) => n !== needlesOf(query).whole || holdsEvery(hits, query));
	const normalized = asked.length > 0 ? analysis.folded : '';
	const needles = asked.filter((n) => normalized.includes(n));
	// The article's subject: what its title and opening paragraphs name, the lead itself included.
	const opening: Array<{ slot: number; factor: number }> = [];
	for (let n = id; n < leadEnd && corpus.paragraphs[n]?.source === p.source; n++)
		opening.push(...slotsHeld(corpus, query, n));
	const subject = new Set([...title, ...lead, ...opening].map((h) => h.slot));
	// Best factor per question slot, for the context that is the same for every window of the paragraph.
	const slots = query.terms.length;
	const best = (hs: ReadonlyArray<{ slot: number; factor: number }>, into = new Float64Array(slots)) => {
		for (const h of hs) if (h.factor > into[h.slot]!) into[h.slot] = h.factor;
		return into;
	};
	const documentBase = best(lead, best(title));
	const titleCoverage = cover(query, best(title));
	const out: Candidate[] = [];
	for (const w of spans) {
		if (w.opening === true && query.asks !== 'reason') continue;
		const inside: Hit[] = [];
		const earlier: Hit[] = [];
		for (const h of hits) {
			if (h.token.end <= w.start) earlier.push(h);
			else if (h.token.start >= w.start && h.token.end <= w.end) inside.push(h);
		}
		const own = best(inside);
		const coverage = cover(query, own);
		let matched = 0;
		for (let i = 0; i < slots; i++) if (own[i]! > 0) matched++;
		const kind = query.asks !== undefined && holdsKind(query.asks, text, tokensAround(tokens, w), w, query);
		const f = new Float64Array(FEATURE_COUNT);
		f[F.coverage] = coverage;
		if (inside.length > 0) {
			f[F.proximity] = coverage * proximity(inside);
			f[F.phrase] = phrases(inside, query);
			f[F.run] = (orderedRun(inside) - 1) / terms;
			f[F.exact] = exactness(text, inside, query);
			f[F.focus] = focusCoverage(inside, subject, query);
		}
		f[F.kind] = kind ? 1 : 0;
		f[F.kindMissing] = query.asks !== undefined && REQUIRED_KINDS.has(query.asks) && !kind ? 1 : 0;
		f[F.length] = (w.end - w.start) / tuning.excerpt.maxQuoteLength;
		f[F.pair] = w.pair === true ? 1 : 0;
		f[F.paragraph] = paragraph;
		f[F.local] = cover(query, best(before, best(earlier, own.slice())));
		f[F.document] = cover(query, best(inside, documentBase.slice()));
		f[F.title] = titleCoverage;
		f[F.bm25] = bm25;
		f[F.lead] = p.n < tuning.features.leadParagraphs ? 1 : 0;
		f[F.heading] = heading;
		f[F.reference] = reference;
		f[F.matched] = matched / terms;
		f[F.opens] = w.start === 0 ? 1 : 0;
		if (needles.length > 0) {
			const quote = normalizeForMatch(text.slice(w.start, w.end));
			f[F.verbatim] = needles.some((n) => quote.includes(n)) ? 1 : 0;
		}
		const hasKind = kind || query.asks === undefined || !REQUIRED_KINDS.has(query.asks);
		out.push({
			start: w.start,
			end: w.end,
			...(w.pair === true ? { pair: true } : {}),
			id,
			features: f,
			coverage,
			matched,
			hasKind,
		});
	}
	return out;
}

/** A linear model's score of a candidate. */
export function scoreOf(features: Float64Array, weights: readonly number[]): number {
	let s = 0;
	for (let i = 0; i < features.length; i++) s += features[i]! * (weights[i] ?? 0);
	return s;
}
