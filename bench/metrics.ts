/**
 * Ranking metrics over graded judgments, as trec_eval computes them.
 *
 * Judgments are per query: document id → grade. Every judged document counts as relevant (MAP, recall,
 * MRR, P@k); nDCG uses the gain a grade is worth, which the caller supplies because collections
 * disagree on which end of the scale is best (Cranfield: 1 is best, gain = 5 − grade).
 */
export type Judgments = ReadonlyMap<string, number>;

/** Average precision of a ranking: mean of precision at each relevant document's rank, over all relevant. */
export function averagePrecision(ranking: readonly string[], judged: Judgments): number {
	if (judged.size === 0) return 0;
	let found = 0;
	let sum = 0;
	ranking.forEach((id, i) => {
		if (!judged.has(id)) return;
		found++;
		sum += found / (i + 1);
	});
	return sum / judged.size;
}

/** Discounted cumulative gain of the first `k` gains: Σ gain / log2(rank + 1), linear gain as trec_eval. */
function dcg(gains: readonly number[], k: number): number {
	let sum = 0;
	for (let i = 0; i < Math.min(k, gains.length); i++) sum += gains[i]! / Math.log2(i + 2);
	return sum;
}

/** nDCG@k: the ranking's DCG over the best DCG the judgments allow. 0 when nothing is judged. */
export function ndcgAt(
	ranking: readonly string[],
	judged: Judgments,
	k: number,
	gain: (grade: number) => number,
): number {
	const ideal = dcg(
		[...judged.values()].map(gain).sort((a, b) => b - a),
		k,
	);
	if (ideal === 0) return 0;
	const gains = ranking.slice(0, k).map((id) => {
		const grade = judged.get(id);
		return grade === undefined ? 0 : gain(grade);
	});
	return dcg(gains, k) / ideal;
}

/** Share of the judged documents found in the first `k`. */
export function recallAt(ranking: readonly string[], judged: Judgments, k: number): number {
	if (judged.size === 0) return 0;
	return ranking.slice(0, k).filter((id) => judged.has(id)).length / judged.size;
}

/** Share of the first `k` that are judged relevant (a short ranking still divides by `k`). */
export function precisionAt(ranking: readonly string[], judged: Judgments, k: number): number {
	return ranking.slice(0, k).filter((id) => judged.has(id)).length / k;
}

/** 1 / rank of the first relevant document, 0 when none is ranked. */
export function reciprocalRank(ranking: readonly string[], judged: Judgments): number {
	const i = ranking.findIndex((id) => judged.has(id));
	return i < 0 ? 0 : 1 / (i + 1);
}

/** The metrics of one system over a query set, each the mean over queries. */
export interface RankingMetrics {
	readonly map: number;
	readonly ndcg10: number;
	readonly recall100: number;
	readonly p10: number;
	readonly mrr: number;
	/** Mean length of the rankings returned (a system that returns fewer than 100 loses recall). */
	readonly meanReturned: number;
}

/** Means the metrics over queries; a query with no ranking counts as an empty one. */
export function scoreRankings(
	rankings: ReadonlyMap<string, readonly string[]>,
	qrels: ReadonlyMap<string, Judgments>,
	gain: (grade: number) => number,
): RankingMetrics {
	const sums = { map: 0, ndcg10: 0, recall100: 0, p10: 0, mrr: 0, meanReturned: 0 };
	for (const [query, judged] of qrels) {
		const ranking = (rankings.get(query) ?? []).slice(0, 100);
		sums.map += averagePrecision(ranking, judged);
		sums.ndcg10 += ndcgAt(ranking, judged, 10, gain);
		sums.recall100 += recallAt(ranking, judged, 100);
		sums.p10 += precisionAt(ranking, judged, 10);
		sums.mrr += reciprocalRank(ranking, judged);
		sums.meanReturned += ranking.length;
	}
	const n = qrels.size;
	return {
		map: sums.map / n,
		ndcg10: sums.ndcg10 / n,
		recall100: sums.recall100 / n,
		p10: sums.p10 / n,
		mrr: sums.mrr / n,
		meanReturned: sums.meanReturned / n,
	};
}

/** The q-th quantile (0..1) of a sample, by nearest rank. NaN for an empty sample. */
export function quantile(sample: readonly number[], q: number): number {
	if (sample.length === 0) return Number.NaN;
	const sorted = [...sample].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
