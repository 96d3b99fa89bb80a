import { terms } from '../src/core/analyze.js';
import { CANDIDATES } from '../src/core/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { buildQuery } from '../src/core/query.js';
import { BM25, searchIndex, TITLE_BOOST } from '../src/core/search-index.js';
import { buildBm25, searchBm25, type Bm25Variant } from './bm25.js';
import { CRANFIELD_DEPTH, cranfieldGain, rankOurs, type Cranfield, type Rankings } from './cranfield.js';
import { scoreRankings, type RankingMetrics } from './metrics.js';

/**
 * Variants that take our ranking apart, one change at a time, to say where Cranfield MAP is won or
 * lost: the title field, the query expansion and term boosts, BM25+, MiniSearch's scoring and the
 * reranker's cut-off; then what-if figures for the changes they suggest. Stage 1 is re-created here
 * from the exported pieces as `answer.ts` `search()` runs it.
 */
export interface Diagnostic {
	readonly name: string;
	readonly metrics: RankingMetrics;
}

/** Stage 1 of `answer`: MiniSearch over the expanded, boosted question terms. */
export function stageOne(corpus: Corpus, question: string, bm25 = BM25, expand = true): string[] {
	const alternatives = new Map<string, number>();
	for (const t of buildQuery(corpus.index, question).terms) {
		if (!expand) {
			if (t.matches.has(t.term)) alternatives.set(t.term, 1);
			continue;
		}
		for (const [m, f] of t.matches) alternatives.set(m, Math.max(alternatives.get(m) ?? 0, f * t.boost));
	}
	if (alternatives.size === 0) return [];
	return searchIndex(corpus.index, alternatives, CRANFIELD_DEPTH, bm25).map((hit) => corpus.paragraphs[hit.id]!.source.id);
}

const rankWith = (data: Cranfield, rank: (q: string) => string[]): Rankings => new Map(data.queries.map((q) => [q.id, rank(q.q)]));

/** Our reranked top, then stage 1's order for the ranks the reranker never sees. */
function extend(ours: Rankings, stage1: Rankings): Rankings {
	const out: Rankings = new Map();
	for (const [query, top] of ours) {
		const seen = new Set(top);
		out.set(query, [...top, ...(stage1.get(query) ?? []).filter((id) => !seen.has(id))].slice(0, CRANFIELD_DEPTH));
	}
	return out;
}

/** Runs the variants; `withTitles` and `noTitles` are our corpus built with and without titles. */
export function diagnoseCranfield(data: Cranfield, withTitles: Corpus, noTitles: Corpus): Diagnostic[] {
	const score = (r: Rankings) => scoreRankings(r, data.qrels, cranfieldGain);
	const ours = rankOurs(withTitles, data);
	const stage1 = rankWith(data, (q) => stageOne(withTitles, q));
	const docs = data.docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` }));
	const reference = (variant: Bm25Variant, analyze?: (t: string) => string[]) => {
		const index = buildBm25(docs, analyze, variant);
		return score(rankWith(data, (q) => searchBm25(index, q, CRANFIELD_DEPTH, variant).map((r) => r.id)));
	};
	return [
		{ name: 'ours, titles not indexed', metrics: score(rankOurs(noTitles, data)) },
		{ name: `stage 1 only (BM25 k ${BM25.k} b ${BM25.b}, title boost ${TITLE_BOOST}, no rerank, ${CRANFIELD_DEPTH} deep)`, metrics: score(stage1) },
		{ name: `ours top ${CANDIDATES}, then stage 1 to ${CRANFIELD_DEPTH}`, metrics: score(extend(ours, stage1)) },
		{ name: 'stage 1, no expansion or term boosts', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, BM25, false))) },
		{ name: 'stage 1, titles not indexed', metrics: score(rankWith(data, (q) => stageOne(noTitles, q))) },
		{ name: 'reference BM25 with our analyzer', metrics: reference({}, (t) => terms(t)) },
		{ name: 'reference BM25 + BM25+ d 0.5', metrics: reference({ d: 0.5 }) },
		{ name: 'reference BM25 × terms matched (MiniSearch)', metrics: reference({ coordination: true }) },
		{ name: 'reference BM25, length in distinct terms', metrics: reference({ uniqueLength: true }) },
	];
}
