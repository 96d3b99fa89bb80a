/**
 * The ranker's and the abstention rule's weights: data, written by `npm run fit` (bench/fit-ranker.ts)
 * from the eval sets, never edited by hand. See the README's "Ranking" section for how they were fitted
 * and validated.
 */
export const RANK_MODEL = {
	/** Candidate quote features (features.ts) → weight of the linear ranking score. */
	rank: {
		coverage: 0.819,
		proximity: 0.259,
		phrase: 0.588,
		run: 1.322,
		exact: 0.875,
		kind: 1.58,
		kindMissing: -1.476,
		length: 0.364,
		pair: -0.339,
		paragraph: 0.817,
		local: 1.47,
		document: 2.154,
		title: 1.888,
		focus: 1.995,
		bm25: 1.158,
		lead: -0.562,
		heading: -0.722,
		reference: -1.123,
		matched: 2.217,
		opens: 0.322,
		verbatim: 2.51,
	},
	/** Answerability: a logistic model over the best candidate's features (abstain.ts); answer when p ≥ threshold. */
	abstain: {
		bias: -3.645,
		weights: { coverage: 2.487, document: 0.59, focus: -1.491, local: 1.271, matched: -0.312, kindMissing: -3.112, unknown: -0.792, score: 0.208, margin: 0.204 },
		threshold: 0.25,
	},
} as const;
