/**
 * The answering pipeline's hand-set values, stage by stage, each stage's defaults beside the code
 * that reads them (`QUERY_TUNING` in query.ts, …; assembled as `TUNING_DEFAULTS` in answer.ts). A
 * caller overrides any of them per call, `answer(corpus, q, { tuning: { query: { nameWeight: 2 } } })`,
 * so that `npm run sweep` measures other values without an edit. The fitted weights (rank-model.ts)
 * are not here: they are data that `npm run fit` writes.
 */
import type { CandidateTuning } from './answer.js';
import type { ExcerptTuning } from './excerpt.js';
import type { FeatureTuning } from './features.js';
import type { FeedbackTuning } from './feedback.js';
import type { QueryTuning } from './query.js';
import type { RelationTuning } from '../text/term-tables.js';

/** Every stage's values, in the order a question meets them. */
export interface ResolvedTuning {
	/** How a question word's relatives count (term-tables.ts). */
	readonly relations: RelationTuning;
	/** How question words weigh and what they match (query.ts). */
	readonly query: QueryTuning;
	/** Pseudo-relevance feedback of the first pass (feedback.ts). */
	readonly feedback: FeedbackTuning;
	/** How many paragraphs are re-ranked (answer.ts). */
	readonly candidates: CandidateTuning;
	/** How long a quote may be (excerpt.ts). */
	readonly excerpt: ExcerptTuning;
	/** What the ranker's features read (features.ts). */
	readonly features: FeatureTuning;
}

/** Overrides of any stage's values, the rest left at their defaults: what `answer()` takes as `tuning`. */
export type Tuning = { readonly [S in keyof ResolvedTuning]?: Partial<ResolvedTuning[S]> };

/**
 * `overrides` over `defaults`, frozen. A stage not overridden is the defaults' own object, so caches
 * kept for the defaults (a paragraph's windows) still apply to it.
 */
export function mergeTuning(defaults: ResolvedTuning, overrides: Tuning = {}): ResolvedTuning {
	const merged = { ...defaults };
	for (const stage of Object.keys(defaults) as Array<keyof ResolvedTuning>) {
		const own = overrides[stage];
		if (own !== undefined) Object.assign(merged, { [stage]: Object.freeze({ ...defaults[stage], ...own }) });
	}
	return Object.freeze(merged);
}

/** Every value's name, `stage.field` (`query.nameWeight`), with its default: what a sweep can vary. */
export function tuningParameters(defaults: ResolvedTuning): Map<string, number> {
	const out = new Map<string, number>();
	for (const [stage, values] of Object.entries(defaults))
		for (const [field, value] of Object.entries(values as object)) out.set(`${stage}.${field}`, value as number);
	return out;
}

/** The overrides that set the one value named `stage.field` (see {@link tuningParameters}). */
export function parameterTuning(name: string, value: number): Tuning {
	const [stage = '', field = ''] = name.split('.');
	return { [stage]: { [field]: value } };
}
