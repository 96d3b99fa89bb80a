import { corpusLanguages, visible, type Corpus } from '../corpus.js';
import { languageOf, paragraphsWithAll } from '../search/search-index.js';
import { fold, WORD } from '../text/fold.js';
import { boundedEditDistance } from '../text/close-ids.js';
import { answer, type Answer, type AnswerOptions } from './answer.js';

/**
 * The spelling help's limits, set by hand: how far a correction may be from the word typed, and how
 * much work one word may cost whatever the size of the vocabulary.
 */
export const SUGGEST_TUNING = Object.freeze({
	/** Words shorter than this are never corrected: too many short words are one edit apart. */
	minLength: 4,
	/** Words at least this long may be two edits from their correction; shorter ones one. */
	longLength: 7,
	/** Terms of the radix-tree lookup looked at, at most (short stems two edits away can be many). */
	maxFuzzy: 64,
	/** Index terms a word's close spellings may point to, at most; the most frequent kept. */
	maxTerms: 8,
	/** Paragraphs read per candidate term to find the word as the sources write it. */
	surfaceParagraphs: 3,
	/** Words corrected in one question, at most. */
	maxCorrections: 3,
	/** Content words a question needs before it can be judged not English. */
	minContentWords: 2,
	/** Share of a question's content words unknown to English and to the sources above which it is judged not English. */
	foreignShare: 0.5,
});
export type SuggestTuning = { readonly [K in keyof typeof SUGGEST_TUNING]: number };

/** One misspelt word of a question and the word of the sources it stands for. */
export interface Correction {
	/** The word as typed. */
	readonly from: string;
	/** The word as the sources write it (lowercase unless typed with a capital). */
	readonly to: string;
	/** Where `from` stands in the question (UTF-16 offsets). */
	readonly start: number;
	readonly end: number;
}

/** The question's corrections, the question with them applied, and the work done. */
export interface Suggestion {
	/** The question as asked. */
	readonly question: string;
	readonly corrections: readonly Correction[];
	/** The question with each correction in place; the question itself when there is none. */
	readonly corrected: string;
	/** Spellings and words looked at: bounded by the question's length, never by the vocabulary's size. */
	readonly examined: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit from `w` (deletion, transposition, substitution, insertion of a-z): 54n + 26 at most. */
export function editsOf(w: string): string[] {
	const out: string[] = [];
	for (let i = 0; i <= w.length; i++) {
		const head = w.slice(0, i);
		const tail = w.slice(i);
		if (tail.length > 0) out.push(head + tail.slice(1));
		if (tail.length > 1) out.push(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
		for (const c of LETTERS) {
			if (tail.length > 0 && c !== tail[0]) out.push(head + c + tail.slice(1));
			out.push(head + c + tail);
		}
	}
	return out;
}

/**
 * Index terms close to a word: those of its one-edit spellings (each term with the first spelling
 * that reached it), and those within `limit` edits of its own term (MiniSearch's radix-tree lookup,
 * which prunes by distance: the same for both engines, whose vocabulary is one SearchableMap). The
 * `maxTerms` most frequent, and the spellings looked at.
 */
function closeTerms(corpus: Corpus, word: string, term: string, limit: number, tuning: SuggestTuning) {
	const { vocabulary, analyzer } = corpus.index;
	const found = new Map<string, string | undefined>();
	let examined = 0;
	for (const spelling of editsOf(word)) {
		examined++;
		const t = analyzer.termOfWord(spelling);
		if (t !== null && t !== term && vocabulary.has(t) && !found.has(t)) found.set(t, spelling);
	}
	let fuzzy = 0;
	for (const [t] of vocabulary.fuzzyGet(term, limit)) {
		if (++fuzzy > tuning.maxFuzzy) break;
		examined++;
		if (t !== term && !found.has(t)) found.set(t, undefined);
	}
	// Terms a one-edit spelling reached first (the closest as typed), then the lookup's; each group by frequency.
	const byDf = ([a]: [string, unknown], [b]: [string, unknown]) =>
		(vocabulary.get(b) ?? 0) - (vocabulary.get(a) ?? 0) || a.localeCompare(b);
	const all = [...found];
	const terms = [
		...all.filter(([, spelling]) => spelling !== undefined).sort(byDf),
		...all.filter(([, spelling]) => spelling === undefined).sort(byDf),
	].slice(0, tuning.maxTerms);
	return { terms, examined };
}

/**
 * The word closest to `word` that the sources write for `term`, from a few paragraphs the caller may
 * read; `readable` false when the caller may read none (a view hides other libraries' words).
 */
function surfaceOf(corpus: Corpus, term: string, word: string, limit: number, tuning: SuggestTuning) {
	let best: { to: string; distance: number } | undefined;
	let examined = 0;
	const ids = paragraphsWithAll(corpus.index, [term], tuning.surfaceParagraphs, corpus.filter);
	for (const id of ids) {
		if (!visible(corpus, id)) continue;
		const language = languageOf(corpus.paragraphs[id]!.source);
		for (const m of corpus.paragraphs[id]!.text.matchAll(WORD)) {
			const folded = fold(m[0]);
			if (Math.abs(folded.length - word.length) > limit) continue;
			examined++;
			const distance = boundedEditDistance(folded, word, limit);
			if (distance > limit || (best !== undefined && distance >= best.distance)) continue;
			if (corpus.index.analyzer.termOfWord(m[0], language) === term) best = { to: folded, distance };
		}
	}
	return { readable: ids.length > 0, best, examined };
}

/**
 * Which correction wins: the closest; of those as close, a word the sources write before a spelling
 * only the stemmer reads as theirs ("interently" reads as inter's term), then the more frequent.
 */
const before = (
	a: { distance: number; attested: boolean; df: number },
	b: { distance: number; attested: boolean; df: number },
): boolean =>
	a.distance !== b.distance ? a.distance < b.distance : a.attested !== b.attested ? a.attested : a.df > b.df;

/** Whether a word reads, in one of the corpus's languages other than English, as a stop word or a term its sources hold. */
function knownInOtherLanguage(corpus: Corpus, raw: string): boolean {
	for (const language of corpusLanguages(corpus)) {
		const term = corpus.index.analyzer.termOfWord(raw, language);
		if (term === null || corpus.index.vocabulary.has(term)) return true;
	}
	return false;
}

/** The correction of one question word, if it needs one and has one; and the work it took. */
function correctWord(corpus: Corpus, raw: string, tuning: SuggestTuning) {
	const { vocabulary, background, analyzer } = corpus.index;
	const word = fold(raw);
	const term = analyzer.termOfWord(raw);
	// Known to the sources, to everyday English, a number, or too short to tell: left as typed.
	if (term === null || word.length < tuning.minLength || /\p{N}/u.test(word)) return { examined: 0 };
	if (vocabulary.has(term) || background.has(term) || knownInOtherLanguage(corpus, raw)) return { examined: 0 };
	const limit = word.length >= tuning.longLength ? 2 : 1;
	const close = closeTerms(corpus, word, term, limit, tuning);
	let examined = close.examined;
	let best: { to: string; distance: number; attested: boolean; df: number } | undefined;
	for (const [t, spelling] of close.terms) {
		const surface = surfaceOf(corpus, t, word, limit, tuning);
		examined += surface.examined;
		if (!surface.readable) continue;
		// The word as the few paragraphs read write it, unless the one-edit spelling that reads as the
		// same term is closer (they may hold only other forms: "Armenia" for "armeneas"). Its distance
		// as Levenshtein counts it: a transposition is two ("militariely" reads as military's term).
		const edited =
			spelling === undefined ? undefined : { to: spelling, distance: boundedEditDistance(spelling, word, limit) };
		const closer =
			edited !== undefined && edited.distance <= limit && (surface.best?.distance ?? limit + 1) > edited.distance;
		const found = closer ? { ...edited, attested: false } : surface.best && { ...surface.best, attested: true };
		if (found === undefined) continue;
		const candidate = { ...found, df: vocabulary.get(t) ?? 0 };
		if (best === undefined || before(candidate, best)) best = candidate;
	}
	if (best === undefined) return { examined };
	const to = /^\p{Lu}/u.test(raw) ? best.to.charAt(0).toUpperCase() + best.to.slice(1) : best.to;
	return { to, examined };
}

/**
 * Spelling corrections for a question: each word unknown both to the sources' index and to everyday
 * English becomes the closest word the sources hold within one edit (two for words of seven letters
 * or more), the more frequent winning a tie. Pure, and bounded: a word costs its one-edit spellings
 * (54n + 26), a distance-pruned lookup, and a few paragraphs for each of at most `maxTerms` terms.
 */
export function suggestSpelling(corpus: Corpus, question: string, tuning: SuggestTuning = SUGGEST_TUNING): Suggestion {
	const corrections: Correction[] = [];
	let examined = 0;
	for (const m of question.matchAll(WORD)) {
		if (corrections.length >= tuning.maxCorrections) break;
		const fix = correctWord(corpus, m[0], tuning);
		examined += fix.examined;
		if (fix.to !== undefined) corrections.push({ from: m[0], to: fix.to, start: m.index, end: m.index + m[0].length });
	}
	let corrected = question;
	for (const c of [...corrections].reverse()) corrected = corrected.slice(0, c.start) + c.to + corrected.slice(c.end);
	return { question, corrections, corrected, examined };
}

/**
 * Whether a question reads as not English: of its content words (three letters or more, no digits),
 * more than `foreignShare` are unknown to everyday English and to the sources. Undecided (false)
 * without an everyday-English list, or with fewer than `minContentWords` content words.
 */
export function looksNotEnglish(corpus: Corpus, question: string, tuning: SuggestTuning = SUGGEST_TUNING): boolean {
	const { vocabulary, background, analyzer } = corpus.index;
	if (background.size === 0) return false;
	const words = [...question.matchAll(WORD)].map((m) => m[0]).filter((w) => w.length >= 3 && !/\p{N}/u.test(w));
	if (words.length < tuning.minContentWords) return false;
	const unknown = words.filter((w) => {
		const term = analyzer.termOfWord(w);
		// A stop word (null) is English.
		return term !== null && !background.has(term) && !vocabulary.has(term) && !knownInOtherLanguage(corpus, w);
	});
	return unknown.length / words.length > tuning.foreignShare;
}

/** An answer, and the help given when the question as asked found nothing. */
export interface HelpedAnswer {
	readonly answer: Answer;
	/** The answer is that of this corrected question (the one asked found nothing). */
	readonly correctedFrom?: Suggestion;
	/** Nothing was found, even corrected: these spellings are offered. */
	readonly offer?: Suggestion;
	/** Nothing was found and the question reads as not English. */
	readonly notEnglish?: true;
	/** With `notEnglish`: the languages other than English the sources are written in (codes, sorted). */
	readonly otherLanguages?: readonly string[];
}

/**
 * {@link answer}, with help when it finds nothing: a question that reads as not English is told
 * so; else the question with its misspellings corrected (see {@link suggestSpelling}) is answered
 * instead when that answers, and the corrections are offered when it does not. An answer that passes is
 * never changed: the help is only looked for once the question as asked fails.
 */
export function answerWithHelp(corpus: Corpus, question: string, options: AnswerOptions = {}): HelpedAnswer {
	const first = answer(corpus, question, options);
	if (first.answered) return { answer: first };
	// Checked first: "corrections" of a French question's words to English ones would mislead.
	if (looksNotEnglish(corpus, question))
		return { answer: first, notEnglish: true, otherLanguages: corpusLanguages(corpus) };
	const suggestion = suggestSpelling(corpus, question);
	if (suggestion.corrections.length === 0) return { answer: first };
	const second = answer(corpus, suggestion.corrected, options);
	return second.answered ? { answer: second, correctedFrom: suggestion } : { answer: first, offer: suggestion };
}
