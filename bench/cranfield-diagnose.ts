import { terms } from '../src/core/analyze.js';
import { CANDIDATES } from '../src/core/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { buildQuery } from '../src/core/query.js';
import { BM25, TITLE_BOOST } from '../src/core/search-index.js';
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

/** Changes to stage 1 tried from outside, by wrapping the index's MiniSearch `search`. */
export interface StageOnePatch {
	/** BM25+'s d (ours: 0.5). */
	readonly d?: number;
	/** The title field's boost (ours: TITLE_BOOST). MiniSearch reads a boost of 0 as 1. */
	readonly title?: number;
	/** Divide out MiniSearch's factor "number of query terms matched", then re-sort. */
	readonly uncoordinate?: boolean;
}

/**
 * The corpus with stage 1 patched, for what-if figures without touching src/: `answer` calls
 * `corpus.index.mini.search`, and this wraps exactly that call (if answer.ts stops calling it, the
 * what-if rows equal ours and say so by their numbers).
 */
export function withStageOne(corpus: Corpus, patch: StageOnePatch): Corpus {
	const mini = corpus.index.mini;
	const search: typeof mini.search = (query, options = {}) => {
		const hits = mini.search(query, {
			...options,
			bm25: { ...BM25, d: patch.d ?? BM25.d },
			boost: { text: 1, title: patch.title ?? TITLE_BOOST },
		});
		if (patch.uncoordinate !== true) return hits;
		return hits.map((h) => ({ ...h, score: h.score / Math.max(1, h.queryTerms.length) })).sort((a, b) => b.score - a.score);
	};
	const patched = new Proxy(mini, { get: (target, key, receiver) => (key === 'search' ? search : Reflect.get(target, key, receiver)) });
	return { ...corpus, index: { ...corpus.index, mini: patched } };
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
	const fixed = withStageOne(withTitles, { d: 0, title: 1 });
	const fixedAll = withStageOne(withTitles, { d: 0, title: 1, uncoordinate: true });
	const oursFixedAll = rankOurs(fixedAll, data);
	return [
		{ name: 'ours, titles not indexed', metrics: score(rankOurs(noTitles, data)) },
		{ name: `stage 1 only (BM25+ d ${BM25.d}, title boost ${TITLE_BOOST}, no rerank, ${CRANFIELD_DEPTH} deep)`, metrics: score(stage1) },
		{ name: `ours top ${CANDIDATES}, then stage 1 to ${CRANFIELD_DEPTH}`, metrics: score(extend(ours, stage1)) },
		{ name: 'stage 1, plain BM25 (d 0)', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, { ...BM25, d: 0 }))) },
		{ name: 'stage 1, no expansion or term boosts', metrics: score(rankWith(data, (q) => stageOne(withTitles, q, BM25, false))) },
		{ name: 'stage 1, titles not indexed', metrics: score(rankWith(data, (q) => stageOne(noTitles, q))) },
		{ name: 'reference BM25 with our analyzer', metrics: reference({}, (t) => terms(t)) },
		{ name: 'reference BM25 + BM25+ d 0.5', metrics: reference({ d: 0.5 }) },
		{ name: 'reference BM25 × terms matched (MiniSearch)', metrics: reference({ coordination: true }) },
		{ name: 'reference BM25, length in distinct terms', metrics: reference({ uniqueLength: true }) },
		{ name: 'what if: ours, stage 1 with d 0 and title boost 1', metrics: score(rankOurs(fixed, data)) },
		{ name: 'what if: … and × terms matched divided out', metrics: score(oursFixedAll) },
		{
			name: `what if: … and ranks ${CANDIDATES + 1}-${CRANFIELD_DEPTH} from that stage 1`,
			metrics: score(extend(oursFixedAll, rankWith(data, (q) => stageOne(fixedAll, q)))),
		},
	];
}
