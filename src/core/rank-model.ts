/**
 * The ranker's and the abstention rule's weights: data, written by `npm run fit` (bench/fit-ranker.ts)
 * from the eval sets, never edited by hand. See the README's "Ranking" section for how they were fitted
 * and validated.
 */
export const RANK_MODEL = {
	/** Candidate quote features (features.ts) → weight of the linear ranking score. */
	rank: {
		coverage: 0.712,
		proximity: 0.251,
		phrase: 0.703,
		run: 1.25,
		exact: 0.793,
		kind: 1.557,
		kindMissing: -1.53,
		length: 0.298,
		pair: -0.373,
		paragraph: 0.745,
		local: 1.555,
		document: 2.232,
		title: 1.876,
		focus: 1.859,
		bm25: 1.176,
		lead: -0.914,
		heading: -0.645,
		reference: -1.117,
		matched: 2.148,
		opens: 0.28,
		verbatim: 2.575,
	},
	/** Answerability: a logistic model over the best candidate's features (abstain.ts); answer when p ≥ threshold. */
	abstain: {
		bias: -2.785,
		weights: { coverage: 2.912, document: -0.376, focus: -2.218, local: 0.745, matched: 0.517, kindMissing: -3.051, unknown: -1.897, score: 0.237, margin: 0.134 },
		threshold: 0.3,
	},
} as const;
