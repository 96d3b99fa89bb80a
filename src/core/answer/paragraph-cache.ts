import type { Token } from '../text/analyze.js';
import type { Corpus } from '../corpus.js';
import { Lru } from '../lru.js';
import { windows, type Window } from './excerpt.js';
import { isHeading, isReference } from './paragraph-kind.js';
import { normalizeForMatch } from './verbatim.js';

/** A paragraph's analysis, which depends on its text alone: computed once, reused by every question. */
export interface ParagraphAnalysis {
	readonly tokens: readonly Token[];
	readonly windows: readonly Window[];
	/** The paragraph is a heading, or a footnote reference (paragraph-kind.ts). */
	readonly heading: boolean;
	readonly reference: boolean;
	/** The text folded for verbatim matching (verbatim.ts). */
	readonly folded: string;
}

/** Paragraphs whose analysis is kept; the least recently used go first. Bounds memory on large corpora. */
export const PARAGRAPH_CACHE_SIZE = 20_000;

const caches = new WeakMap<Corpus, Lru<number, ParagraphAnalysis>>();

/** The analysis of paragraph `id` of `corpus`, from the cache or computed now. */
export function paragraphAnalysis(corpus: Corpus, id: number): ParagraphAnalysis {
	let cache = caches.get(corpus);
	if (cache === undefined) {
		cache = new Lru(PARAGRAPH_CACHE_SIZE);
		caches.set(corpus, cache);
	}
	const hit = cache.get(id);
	if (hit !== undefined) return hit;
	const text = corpus.paragraphs[id]!.text;
	// Windows (sentence segmentation) only when an excerpt is wanted: a neighbour read for context,
	// or a paragraph read for feedback, needs its terms alone.
	let split: readonly Window[] | undefined;
	let folded: string | undefined;
	const analysis: ParagraphAnalysis = {
		tokens: corpus.index.analyzer.analyze(text),
		get windows() {
			split ??= windows(text);
			return split;
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
