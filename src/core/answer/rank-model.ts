/**
 * The ranker's and the abstention rule's weights: data, written by `npm run fit` (bench/fit-ranker.ts)
 * from the eval sets, never edited by hand. See the README's "Ranking" section for how they were fitted
 * and validated.
 */
export const RANK_MODEL = {
	/** Candidate quote features (features.ts) → weight of the linear ranking score. */
	rank: {
		coverage: 0.828,
		proximity: 0.277,
		phrase: 0.572,
		run: 1.35,
		exact: 0.899,
		kind: 1.581,
		kindMissing: -1.474,
		length: 0.358,
		pair: -0.379,
		paragraph: 0.835,
		local: 1.491,
		document: 2.177,
		title: 1.674,
		focus: 1.976,
		bm25: 1.066,
		lead: -0.572,
		heading: -0.717,
		reference: -1.149,
		matched: 2.213,
		opens: 0.361,
		verbatim: 2.556,
	},
	/** Answerability: a logistic model over the best candidate's features (abstain.ts); answer when p ≥ threshold. */
	abstain: {
		bias: -3.502,
		weights: { coverage: 2.447, document: 0.491, focus: -1.449, local: 1.076, matched: -0.25, kindMissing: -3.085, unknown: -0.928, score: 0.213, margin: 0.208 },
		threshold: 0.27,
	},
} as const;
