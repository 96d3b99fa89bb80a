import { terms } from '../src/core/analyze.js';
import { CANDIDATES } from '../src/core/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { buildQuery } from '../src/core/query.js';
import { BM25 } from '../src/core/search-index.js';
import { buildBm25, searchBm25 } from './bm25.js';
import { CRANFIELD_DEPTH, cranfieldGain, rankOurs, type Cranfield, type Rankings } from './cranfield.js';
import { scoreRankings, type RankingMetrics } from './metrics.js';

/**
 * Variants that take our ranking apart, one change at a time, to say where Cranfield MAP is won or
 * lost: the title field, the query expansion and term boosts, BM25+ and the reranker's cut-off.
 * Stage 1 is re-created here from the exported pieces exactly as `answer.ts` `search()` runs it.
 */
export interface Diagnostic {
	readonly name: string;
	readonly metrics: RankingMetrics;
}

/** Stage 1 of `answer`: MiniSearch over the expanded, boosted question terms. */
function stageOne(corpus: Corpus, question: string, bm25 = BM25, expand = true): string[] {
	const alternatives = new Map<string, number>();
	for (const t of buildQuery(corpus.index, question).terms) {
		if (!expand) {
			if (t.matches.has(t.term)) alternatives.set(t.term, 1);
			continue;
		}
		for (const [m, f] of t.matches) alternatives.set(m, Math.max(alternatives.get(m) ?? 0, f * t.boost));
	}
	if (alternatives.size === 0) return [];
	return corpus.index.mini
		.search([...alternatives.keys()].join(' '), { boostTerm: (term) => alternatives.get(term) ?? 1, bm25 })
		.slice(0, CRANFIELD_DEPTH)
		.map((hit) => corpus.paragraphs[hit.id as number]!.source.id);
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
	const bm25Ours = buildBm25(
		data.docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` })),
		(t) => terms(t),
	);
	return [
		{ name: 'ours, titles not indexed', metrics: score(rankOurs(noTitles, data)) },
		{ name: `stage 1 only (BM25+ d ${BM25.d}, no rerank, ${CRANFIELD_DEPTH} deep)`, metrics: score(stage1) },
		{ name: `ours top ${CANDIDATES}, then stage 1 to ${CRANFIELD_DEPTH}`, metrics: score(extend(ours, stage1)) },
		{ name: 'stage 1, plain BM25 (d 0)', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, { ...BM25, d: 0 }))) },
		{ name: 'stage 1, no expansion or term boosts', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, BM25, false))) },
		{ name: 'stage 1, titles not indexed', metrics: score(rankWith(data, (q) => stageOne(noTitles, q))) },
		{
			name: 'reference BM25 with our analyzer',
			metrics: score(rankWith(data, (q) => searchBm25(bm25Ours, q, CRANFIELD_DEPTH).map((r) => r.id))),
		},
	];
}
