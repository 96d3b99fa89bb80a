import { generalAnalyzer, type Analyzer } from './analyze.js';

/**
 * How common each term is in everyday English: term → rank (1 = most common), from a word frequency
 * list. A corpus of a few articles cannot tell by itself that "gotten" or "city" say little and that
 * "volcano" says much; this can.
 */
export type Background = ReadonlyMap<string, number>;

/** Ranks past this are all "rare": only this many words of the list are kept. */
export const BACKGROUND_SIZE = 20_000;

/** Builds the background from a word list sorted by frequency, most common first, with the index's analyzer. */
export function buildBackground(
	words: ReadonlyArray<{ readonly word: string }>,
	analyzer: Analyzer = generalAnalyzer,
	size = BACKGROUND_SIZE,
): Map<string, number> {
	const ranks = new Map<string, number>();
	for (let i = 0; i < Math.min(size, words.length); i++) {
		const term = analyzer.termOfWord(words[i]!.word);
		if (term !== null && !ranks.has(term)) ranks.set(term, i + 1);
	}
	return ranks;
}

/**
 * How specific a term is, in [0, 1]: 0 for the `commonRank` commonest English words (words ranked at
 * or above it carry almost no topic; the question stage's `commonRank`, 500), rising with the
 * logarithm of the rank, 1 for words past {@link BACKGROUND_SIZE} and for names the list lacks.
 */
export function specificity(background: Background, term: string, commonRank: number): number {
	const rank = background.get(term);
	if (rank === undefined) return 1;
	const s = (Math.log(rank) - Math.log(commonRank)) / (Math.log(BACKGROUND_SIZE) - Math.log(commonRank));
	return Math.min(1, Math.max(0, s));
}
