import { abstainFeatures, answerProbability, type AbstainModel } from './abstain.js';
import { citation, type Citation, type Paragraph } from '../catalog.js';
import { corpusLanguages, visible, type Corpus } from '../corpus.js';
import { EXCERPT_TUNING, quotedSpan } from './excerpt.js';
import { candidatesOf, FEATURE_TUNING, FEATURES, scoreOf, type Candidate, type FeatureName } from './features.js';
import { expandWeights, FEEDBACK_TUNING, type FeedbackTuning } from './feedback.js';
import { textFragmentLink } from '../render/link.js';
import { Lru } from '../lru.js';
import { paragraphAnalysis } from './paragraph-cache.js';
import type { Hit } from '../search/postings.js';
import { buildQuery, QUERY_TUNING, type Query } from './query.js';
import { RANK_MODEL } from './rank-model.js';
import { BM25, paragraphCount, paragraphsWithAll, searchIndex } from '../search/search-index.js';
import { RELATION_TUNING } from '../text/term-tables.js';
import { mergeTuning, type ResolvedTuning, type Tuning } from './tuning.js';
import { asksPhrase, holdsVerbatim, verbatimProbe } from './verbatim.js';

export { isCitationLike, isHeading, isReference } from './paragraph-kind.js';

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
	/** Pseudo-relevance feedback for the first pass (see feedback.ts); false for plain BM25. `tuning.feedback` adjusts it. */
	readonly feedback?: FeedbackTuning | false;
	/** The ranking and abstention weights; default the fitted {@link RANK_MODEL}. */
	readonly model?: RankModel;
	/** Keep and reuse answers to repeated questions (see {@link ANSWER_MEMO_SIZE}). Default true; benchmarks timing the ranking say false. */
	readonly memo?: boolean;
	/** Hand-set values of any stage to use instead of {@link TUNING_DEFAULTS}' (`npm run sweep`). */
	readonly tuning?: Tuning;
}

/**
 * How many paragraphs the answer is chosen among: this stage's tuning. Set by hand (the re-ranking
 * depth in b9cb2da, the verbatim scan in feef7a4), never swept: `npm run sweep --
 * candidates.candidates=20,40,80` measures it, `answer(…, { tuning: { candidates } })` overrides it.
 */
export const CANDIDATE_TUNING = Object.freeze({
	/** Paragraphs re-ranked sentence by sentence: the first this many by BM25. */
	candidates: 40,
	/**
	 * Paragraphs fetched beyond the re-ranked ones for `top` results: this many per result, and
	 * `spareExtra` more, since paragraphs repeating one already quoted are skipped.
	 */
	sparePerResult: 2,
	spareExtra: 20,
	/** Paragraphs holding every question term looked at for a verbatim match, at most. */
	verbatimScan: 400,
});
export type CandidateTuning = { readonly [K in keyof typeof CANDIDATE_TUNING]: number };

/** Every stage's hand-set values: what `options.tuning` is merged over (see tuning.ts). */
export const TUNING_DEFAULTS: ResolvedTuning = Object.freeze({
	relations: RELATION_TUNING,
	query: QUERY_TUNING,
	feedback: FEEDBACK_TUNING,
	candidates: CANDIDATE_TUNING,
	excerpt: EXCERPT_TUNING,
	features: FEATURE_TUNING,
});

export const ANSWER_DEFAULTS: Required<AnswerOptions> = {
	top: 3,
	abstain: true,
	feedback: FEEDBACK_TUNING,
	model: RANK_MODEL,
	memo: true,
	tuning: {},
};

/** The ranker and the abstention rule: weights by feature name (see rank-model.ts). */
export interface RankModel {
	readonly rank: Readonly<Record<FeatureName, number>>;
	readonly abstain: AbstainModel;
}

/** A paragraph's best candidate quote and its score. */
export interface Ranked {
	readonly id: number;
	readonly best: Candidate;
	readonly score: number;
}

const VERBATIM = FEATURES.indexOf('verbatim');
const REFERENCE = FEATURES.indexOf('reference');
const weightsOf = (model: RankModel) => FEATURES.map((name) => model.rank[name]);

/** Every candidate quote of paragraph `id` (its sentences, pairs, clauses), with features. */
export function paragraphCandidates(
	corpus: Corpus,
	query: Query,
	id: number,
	bm25: number,
	tuning: ResolvedTuning = TUNING_DEFAULTS,
): Candidate[] {
	return candidatesOf(corpus, query, id, bm25, paragraphAnalysis(corpus, id), tuning);
}

/**
 * Paragraphs ranked by their best candidate quote (which is the quote they are shown with), best
 * first. A footnote reference cites a title, it states nothing: it comes after every paragraph that
 * does, however many of the question's words its title repeats, unless it holds the question word
 * for word. `npm run fit` ranks with this very function.
 */
export function rankCandidates(candidates: Iterable<Candidate>, weights: readonly number[]): Ranked[] {
	const best = new Map<number, Ranked>();
	for (const c of candidates) {
		const score = scoreOf(c.features, weights);
		const b = best.get(c.id);
		if (b === undefined || score > b.score) best.set(c.id, { id: c.id, best: c, score });
	}
	const cites = (r: Ranked) => (r.best.features[REFERENCE] === 1 && r.best.features[VERBATIM] !== 1 ? 1 : 0);
	return [...best.values()].sort((a, b) => cites(a) - cites(b) || b.score - a.score || a.id - b.id);
}

function rankParagraph(
	corpus: Corpus,
	query: Query,
	id: number,
	bm25: number,
	weights: readonly number[],
	tuning: ResolvedTuning,
): Ranked | undefined {
	return rankCandidates(paragraphCandidates(corpus, query, id, bm25, tuning), weights)[0];
}

/** Paragraphs matching the question: the first `candidates` ({@link CANDIDATE_TUNING}) re-ranked, the others in BM25 order. */
interface Candidates {
	readonly ranked: Ranked[];
	readonly rest: readonly { readonly id: number; readonly bm25: number }[];
}

/** Paragraphs fetched beyond the re-ranked ones for `top` results (see {@link CANDIDATE_TUNING}). */
const spare = (top: number, tuning: CandidateTuning) => tuning.sparePerResult * top + tuning.spareExtra;

/** The question's index terms and their weights: each alternative at its factor times its term's boost. */
function queryWeights(query: Query): Map<string, number> {
	const weights = new Map<string, number>();
	for (const t of query.terms)
		for (const [m, f] of t.matches) weights.set(m, Math.max(weights.get(m) ?? 0, f * t.boost));
	return weights;
}

/**
 * The first pass: BM25 over the question's terms (each alternative at its factor times its term's
 * boost), expanded by the best paragraphs' shared words when `feedback` says; the best `limit`.
 */
export function firstPass(corpus: Corpus, query: Query, limit: number, feedback: FeedbackTuning | false): Hit[] {
	return scaledPasses(corpus, query, limit, feedback).main.map(({ id, score }) => ({ id, score }));
}

interface Scaled extends Hit {
	/** The score over the best's of the same pass, in (0, 1]. */
	readonly bm25: number;
}

const scaled = (hits: readonly Hit[]): Scaled[] => hits.map((h) => ({ ...h, bm25: h.score / (hits[0]?.score ?? 1) }));

/**
 * The first pass (`main`), and the plain pass's best paragraphs that feedback pushed out of it
 * (`plain`): feedback adds the best paragraphs' words, which can bury a paragraph matching the
 * question word for word.
 */
function scaledPasses(
	corpus: Corpus,
	query: Query,
	limit: number,
	feedback: FeedbackTuning | false,
	tuning: CandidateTuning = CANDIDATE_TUNING,
): { main: Scaled[]; plain: Scaled[] } {
	const weights = queryWeights(query);
	let main: Scaled[] = [];
	let plain: Scaled[] = [];
	if (weights.size > 0 && feedback === false)
		main = scaled(searchIndex(corpus.index, weights, limit, BM25, corpus.filter));
	else if (weights.size > 0 && feedback !== false) {
		const initial = searchIndex(corpus.index, weights, feedback.docs, BM25, corpus.filter);
		const termsOf = (id: number) => paragraphAnalysis(corpus, id).tokens.map((t) => t.term);
		const df = (term: string) => corpus.index.vocabulary.get(term) ?? 0;
		main = scaled(
			searchIndex(
				corpus.index,
				expandWeights(weights, initial, termsOf, df, paragraphCount(corpus.index), feedback),
				limit,
				BM25,
				corpus.filter,
			),
		);
		const inMain = new Set(main.map((h) => h.id));
		plain = scaled(initial).filter((h) => !inMain.has(h.id));
	}
	const have = new Set([...main, ...plain].map((h) => h.id));
	return { main, plain: [...plain, ...verbatimParagraphs(corpus, query, have, tuning.verbatimScan)] };
}

/**
 * Paragraphs that hold the question (or its quoted phrase) word for word but that neither pass
 * ranked: a pasted sentence whose words are common elsewhere. Found by intersecting the postings of
 * the question's terms, then checked as written.
 */
function verbatimParagraphs(corpus: Corpus, query: Query, have: ReadonlySet<number>, scan: number): Scaled[] {
	const out: Scaled[] = [];
	const take = (id: number) => {
		if (!have.has(id) && holdsVerbatim(query, corpus.paragraphs[id]!.text)) out.push({ id, score: 0, bm25: 0 });
	};
	// A term the corpus lacks is a word no paragraph holds: then nothing holds the question as written.
	if (query.terms.some((t) => !t.matches.has(t.term))) return out;
	if (query.terms.length > 0) {
		for (const id of paragraphsWithAll(
			corpus.index,
			query.terms.map((t) => t.term),
			scan,
			corpus.filter,
		))
			take(id);
		return out;
	}
	// Only stop words ("at the same", "which are both"): no postings to intersect, so the texts are
	// scanned for the question's longest word first. Rare, and bounded like the intersection.
	const probe = verbatimProbe(query);
	if (probe === undefined) return out;
	for (let id = 0; id < corpus.paragraphs.length && out.length < scan; id++)
		if (visible(corpus, id) && probe.test(corpus.paragraphs[id]!.text)) take(id);
	return out;
}

/**
 * The first pass's best paragraphs, scaled by the best's score, with every candidate quote of the
 * first `candidates` ({@link CANDIDATE_TUNING}): what the ranker chooses among (bench/fit-ranker.ts fits on these).
 */
export function candidatePool(
	corpus: Corpus,
	query: Query,
	feedback: FeedbackTuning | false = FEEDBACK_TUNING,
	tuning: ResolvedTuning = TUNING_DEFAULTS,
): Candidate[][] {
	const { main, plain } = scaledPasses(corpus, query, tuning.candidates.candidates, feedback, tuning.candidates);
	return [...main, ...plain].map((h) => paragraphCandidates(corpus, query, h.id, h.bm25, tuning));
}

function search(
	corpus: Corpus,
	query: Query,
	top: number,
	feedback: FeedbackTuning | false,
	weights: readonly number[],
	tuning: ResolvedTuning,
): Candidates {
	const depth = tuning.candidates.candidates;
	const { main, plain } = scaledPasses(
		corpus,
		query,
		depth + spare(top, tuning.candidates),
		feedback,
		tuning.candidates,
	);
	const pool = [...main.slice(0, depth), ...plain].flatMap((h) =>
		paragraphCandidates(corpus, query, h.id, h.bm25, tuning),
	);
	return { ranked: rankCandidates(pool, weights), rest: main.slice(depth) };
}

/** The ranked results, then as many of the rest (in BM25 order, excerpted now) as `top` asks for. */
function* ordered(
	corpus: Corpus,
	query: Query,
	candidates: Candidates,
	weights: readonly number[],
	tuning: ResolvedTuning,
): Generator<Ranked> {
	yield* candidates.ranked;
	let floor = candidates.ranked.at(-1)?.score ?? 1;
	for (const { id, bm25 } of candidates.rest) {
		const r = rankParagraph(corpus, query, id, bm25, weights, tuning);
		if (r === undefined) continue;
		floor = Math.min(floor, r.score);
		yield { ...r, score: floor };
	}
}

function result(p: Paragraph, r: Ranked, tuning: ResolvedTuning): AnswerResult {
	const span = quotedSpan(p.text, r.best, tuning.excerpt);
	const quote = p.text.slice(span.start, span.end);
	return {
		source: citation(p.source),
		paragraph: p.n,
		passage: p.text,
		quote,
		link: textFragmentLink(p.source.url, quote),
		score: Math.round(r.score * 1000) / 1000,
		coverage: Math.round(r.best.coverage * 1000) / 1000,
	};
}

/** Whether the best candidate answers the question, by the abstention model. */
function answerable(query: Query, ranked: readonly Ranked[], model: AbstainModel): boolean {
	const best = ranked[0];
	if (best === undefined) return false;
	// A question found word for word in a source is answered by it, whatever the model says.
	if (best.best.features[VERBATIM] === 1) return true;
	return answerProbability(abstainFeatures(query, best.best, best.score, ranked[1]?.score), model) >= model.threshold;
}

/**
 * Answers a question with verbatim quotes: ranks paragraphs by BM25, re-ranks the best by their
 * best sentence or two (a fitted linear score of coverage, context, answer kind and more), and
 * abstains when the abstention model says the best does not answer.
 */
export function answer(corpus: Corpus, question: string, options: AnswerOptions = {}): Answer {
	// Only the default ranking is kept: sweeps and benchmarks that pass their own model, feedback or
	// tuning always compute.
	if (
		options.memo === false ||
		options.model !== undefined ||
		options.feedback !== undefined ||
		options.tuning !== undefined
	)
		return compute(corpus, question, options);
	const key = `${options.top ?? ANSWER_DEFAULTS.top}\u0000${options.abstain ?? ANSWER_DEFAULTS.abstain}\u0000${question}`;
	let memo = memos.get(corpus);
	if (memo === undefined) {
		memo = new Lru(ANSWER_MEMO_SIZE);
		memos.set(corpus, memo);
	}
	const kept = memo.get(key);
	if (kept !== undefined) return kept;
	const fresh = compute(corpus, question, options);
	memo.set(key, fresh);
	return fresh;
}

/**
 * Answers kept per corpus, by question and options, the least recently asked dropped first: a
 * server's popular question (after a news event, many ask the same) is ranked once. A corpus is
 * never changed in place (extendCorpus returns a new one), so a kept answer stays right.
 */
export const ANSWER_MEMO_SIZE = 256;
const memos = new WeakMap<Corpus, Lru<string, Answer>>();

function compute(corpus: Corpus, question: string, options: AnswerOptions): Answer {
	const { top, abstain, feedback, model } = { ...ANSWER_DEFAULTS, ...options };
	// Merged once per call: `feedback` settings stand in for the defaults', `tuning` goes over both.
	const tuning = mergeTuning({ ...TUNING_DEFAULTS, feedback: feedback || FEEDBACK_TUNING }, options.tuning);
	const query = buildQuery(corpus.index, question, tuning, corpusLanguages(corpus));
	const weights = weightsOf(model);
	const candidates = search(corpus, query, top, feedback && tuning.feedback, weights, tuning);
	if (candidates.ranked.length === 0 || (abstain && !answerable(query, candidates.ranked, model.abstain))) {
		return { question, answered: false, results: [] };
	}
	// A "quoted phrase" found as written: only the passages that hold it answer.
	const phrase = asksPhrase(query) && candidates.ranked[0]!.best.features[VERBATIM] === 1;
	const seen = new Set<string>();
	const results: AnswerResult[] = [];
	for (const r of ordered(corpus, query, candidates, weights, tuning)) {
		if (results.length >= top) break;
		if (phrase && r.best.features[VERBATIM] !== 1) continue;
		const p = corpus.paragraphs[r.id]!;
		if (seen.has(p.text)) continue;
		seen.add(p.text);
		results.push(result(p, r, tuning));
	}
	return { question, answered: true, results };
}
