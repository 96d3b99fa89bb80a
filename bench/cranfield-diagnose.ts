import { terms } from '../src/core/text/analyze.js';
import { firstPass } from '../src/core/answer/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { FEEDBACK_TUNING, type FeedbackTuning } from '../src/core/answer/feedback.js';
import { buildQuery } from '../src/core/answer/query.js';
import { BM25, searchIndex, TITLE_BOOST } from '../src/core/search/search-index.js';
import { buildBm25, searchBm25, type Bm25Variant } from './bm25.js';
import { CRANFIELD_DEPTH, cranfieldGain, rankOurs, type Cranfield, type Rankings } from './cranfield.js';
import { scoreRankings, type RankingMetrics } from './metrics.js';

/**
 * Variants that take our ranking apart, one change at a time, to say where Cranfield MAP is won or
 * lost: the feedback (RM3), the re-ranker, the title field, the query expansion and term boosts; and
 * the reference BM25 with the scoring choices MiniSearch would have made (BM25+, × terms matched,
 * length in distinct terms), which is why our postings score plain BM25 themselves.
 */
export interface Diagnostic {
	readonly name: string;
	readonly metrics: RankingMetrics;
}

/** Stage 1 of `answer` (its `firstPass`): BM25 over the expanded, boosted question terms, with or without feedback. */
export function stageOne(
	corpus: Corpus,
	question: string,
	feedback: FeedbackTuning | false = FEEDBACK_TUNING,
): string[] {
	return firstPass(corpus, buildQuery(corpus.index, question), CRANFIELD_DEPTH, feedback).map(
		(hit) => corpus.paragraphs[hit.id]!.source.id,
	);
}

/** Stage 1 over the question's own terms only: no aliases, typo fixes or boosts, no feedback. */
function unexpanded(corpus: Corpus, question: string): string[] {
	const weights = new Map<string, number>();
	for (const t of buildQuery(corpus.index, question).terms) if (t.matches.has(t.term)) weights.set(t.term, 1);
	return searchIndex(corpus.index, weights, CRANFIELD_DEPTH, BM25).map((hit) => corpus.paragraphs[hit.id]!.source.id);
}

const rankWith = (data: Cranfield, rank: (q: string) => string[]): Rankings =>
	new Map(data.queries.map((q) => [q.id, rank(q.q)]));

/** Runs the variants; `withTitles` and `noTitles` are our corpus built with and without titles. */
export function diagnoseCranfield(data: Cranfield, withTitles: Corpus, noTitles: Corpus): Diagnostic[] {
	const score = (r: Rankings) => scoreRankings(r, data.qrels, cranfieldGain);
	const docs = data.docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` }));
	const reference = (variant: Bm25Variant, analyze?: (t: string) => string[]) => {
		const index = buildBm25(docs, analyze, variant);
		return score(rankWith(data, (q) => searchBm25(index, q, CRANFIELD_DEPTH, variant).map((r) => r.id)));
	};
	const feedback = `RM3 ${FEEDBACK_TUNING.docs} paragraphs, ${FEEDBACK_TUNING.terms} words, ${FEEDBACK_TUNING.original} kept`;
	return [
		{ name: 'ours without feedback', metrics: score(rankOurs(withTitles, data, { feedback: false })) },
		{ name: 'ours, titles not indexed', metrics: score(rankOurs(noTitles, data)) },
		{
			name: `stage 1 only (BM25 k ${BM25.k} b ${BM25.b}, title ${TITLE_BOOST}, ${feedback}; no re-rank)`,
			metrics: score(rankWith(data, (q) => stageOne(withTitles, q))),
		},
		{ name: 'stage 1 only, without feedback', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, false))) },
		{
			name: 'stage 1, no expansion, boosts or feedback',
			metrics: score(rankWith(data, (q) => unexpanded(withTitles, q))),
		},
		{ name: 'stage 1, titles not indexed', metrics: score(rankWith(data, (q) => stageOne(noTitles, q))) },
		{ name: 'reference BM25 with our analyzer', metrics: reference({}, (t) => terms(t)) },
		{ name: 'reference BM25 + BM25+ d 0.5 (MiniSearch default)', metrics: reference({ d: 0.5 }) },
		{ name: 'reference BM25 × terms matched (as MiniSearch)', metrics: reference({ coordination: true }) },
		{ name: 'reference BM25, length in distinct terms (as MiniSearch)', metrics: reference({ uniqueLength: true }) },
	];
}
