import type { Token } from '../text/analyze.js';
import type { Corpus } from '../corpus.js';
import { Lru } from '../lru.js';
import { languageOf } from '../search/search-index.js';
import { EXCERPT_TUNING, windows, type ExcerptTuning, type Window } from './excerpt.js';
import { isHeading, isReference } from './paragraph-kind.js';
import { normalizeForMatch } from './verbatim.js';

/** A paragraph's analysis, which depends on its text alone: computed once, reused by every question. */
export interface ParagraphAnalysis {
	readonly tokens: readonly Token[];
	/** The candidate windows cut with `tuning` (default {@link EXCERPT_TUNING}): the same array when asked again alike. */
	windows(tuning?: ExcerptTuning): readonly Window[];
	/** The paragraph is a heading, or a footnote reference (paragraph-kind.ts). */
	readonly heading: boolean;
	readonly reference: boolean;
	/** The text folded for verbatim matching (verbatim.ts). */
	readonly folded: string;
}

/** Paragraphs whose analysis is kept; the least recently used go first. Bounds memory on large corpora. */
export const PARAGRAPH_CACHE_SIZE = 20_000;

const caches = new WeakMap<Corpus, Lru<number, ParagraphAnalysis>>();

const EXCERPT_FIELDS = Object.keys(EXCERPT_TUNING) as Array<keyof ExcerptTuning>;
/** The values of an excerpt tuning, as a key: equal tunings cut equal windows. */
const excerptKey = (tuning: ExcerptTuning) =>
	tuning === EXCERPT_TUNING ? DEFAULT_KEY : EXCERPT_FIELDS.map((f) => tuning[f]).join(':');
const DEFAULT_KEY = EXCERPT_FIELDS.map((f) => EXCERPT_TUNING[f]).join(':');

/** The analysis of paragraph `id` of `corpus`, from the cache or computed now. */
export function paragraphAnalysis(corpus: Corpus, id: number): ParagraphAnalysis {
	// A paragraph reads the same in every view of a corpus: the views share their whole's cache.
	const whole = corpus.base ?? corpus;
	let cache = caches.get(whole);
	if (cache === undefined) {
		cache = new Lru(PARAGRAPH_CACHE_SIZE);
		caches.set(whole, cache);
	}
	const hit = cache.get(id);
	if (hit !== undefined) return hit;
	const paragraph = corpus.paragraphs[id]!;
	const text = paragraph.text;
	// Windows (sentence segmentation) only when an excerpt is wanted: a neighbour read for context,
	// or a paragraph read for feedback, needs its terms alone. Those of the default tuning are kept,
	// and those of the last other tuning asked (a sweep asks one at a time).
	let split: readonly Window[] | undefined;
	let tuned: { readonly key: string; readonly windows: readonly Window[] } | undefined;
	let folded: string | undefined;
	const analysis: ParagraphAnalysis = {
		tokens: corpus.index.analyzer.analyze(text, languageOf(paragraph.source)),
		windows(tuning = EXCERPT_TUNING) {
			const key = excerptKey(tuning);
			if (key === DEFAULT_KEY) return (split ??= windows(text, tuning));
			if (tuned?.key !== key) tuned = { key, windows: windows(text, tuning) };
			return tuned.windows;
		},
		heading: isHeading(text),
		reference: isReference(text),
		get folded() {
			folded ??= normalizeForMatch(text);
			return folded;
		},
	};
	cache.set(id, analysis);
	return analysis;
}
