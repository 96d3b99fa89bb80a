/**
 * The ranker's and the abstention rule's weights: data, written by `npm run fit` (bench/fit-ranker.ts)
 * from the eval sets, never edited by hand. See the README's "Ranking" section for how they were fitted
 * and validated.
 */
export const RANK_MODEL = {
	/** Candidate quote features (features.ts) → weight of the linear ranking score. */
	rank: {
		coverage: 0.738,
		proximity: 0.356,
		phrase: 0.759,
		run: 1.315,
		exact: 0.772,
		kind: 1.627,
		kindMissing: -1.534,
		length: 0.323,
		pair: -0.343,
		paragraph: 0.758,
		local: 1.522,
		document: 2.214,
		title: 1.869,
		focus: 1.748,
		bm25: 1.133,
		lead: -0.91,
		heading: -0.643,
		reference: -1.122,
		matched: 2.104,
		opens: 0.307,
		verbatim: 2.619,
	},
	/** Answerability: a logistic model over the best candidate's features (abstain.ts); answer when p ≥ threshold. */
	abstain: {
		bias: -2.973,
		weights: { coverage: 2.101, document: -0.213, focus: -1.958, local: 1.199, matched: 0.24, kindMissing: -2.847, unknown: -2.277, score: 0.245, margin: 0.184 },
		threshold: 0.31,
	},
} as const;
