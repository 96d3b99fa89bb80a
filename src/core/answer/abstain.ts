import type { Candidate } from './features.js';
import { FEATURES } from './features.js';
import type { Query } from './query.js';

/** What the abstention rule knows of a question and its best candidate quote. */
export const ABSTAIN_FEATURES = [
	'coverage',
	'document',
	'focus',
	'local',
	'matched',
	'kindMissing',
	'unknown',
	'score',
	'margin',
] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

/** A logistic model: answer when its probability reaches `threshold`. */
export interface AbstainModel {
	readonly bias: number;
	readonly weights: Readonly<Partial<Record<AbstainFeature, number>>>;
	readonly threshold: number;
}

const at = (c: Candidate, name: (typeof FEATURES)[number]) => c.features[FEATURES.indexOf(name)]!;

/**
 * The abstention features: the best quote's coverage (alone and with its article's title and lead),
 * its share of the question's terms, whether it lacks the kind of answer asked, the share of the
 * question's weight the corpus has never seen, and the best ranking score and its margin over the next.
 */
export function abstainFeatures(
	query: Query,
	best: Candidate,
	score: number,
	next: number | undefined,
): Record<AbstainFeature, number> {
	const unknown = query.total === 0 ? 1 : query.terms.reduce((s, t) => s + (t.unknown ? t.weight : 0), 0) / query.total;
	return {
		coverage: best.coverage,
		document: at(best, 'document'),
		focus: at(best, 'focus'),
		local: at(best, 'local'),
		matched: at(best, 'matched'),
		kindMissing: at(best, 'kindMissing'),
		unknown,
		score,
		margin: next === undefined ? score : score - next,
	};
}

/** The model's probability that the sources answer the question. */
export function answerProbability(features: Readonly<Record<AbstainFeature, number>>, model: AbstainModel): number {
	let z = model.bias;
	for (const name of ABSTAIN_FEATURES) z += (model.weights[name] ?? 0) * features[name];
	return 1 / (1 + Math.exp(-z));
}
