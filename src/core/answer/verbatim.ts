/**
 * The question as written, for pasted quotes ("where does this come from?"): its quoted phrases or
 * the whole question, folded, and whether a text holds one.
 */
import type { Query } from './query.js';

/** Folded texts a quote must hold as written: the question's quoted phrases, or else the whole question. */
export interface Needles extends Array<string> {
	/** The needle that is the whole question, when there is one. */
	whole?: string;
}

/** The question's words, folded, in order: for the verbatim test. */
function verbatimNeedles(question: string): Needles {
	const quoted = [...question.matchAll(/["“”„«»]([^"“”„«»]{3,})["“”„«»]/g)].map((m) => normalizeForMatch(m[1]!));
	if (quoted.length > 0) return quoted.filter((n) => n.length >= 3);
	const whole = normalizeForMatch(question.replace(/[?!.]+\s*$/, ''));
	if (whole.split(' ').length < 3) return [];
	const needles: Needles = [whole];
	needles.whole = whole;
	return needles;
}

const needleMemo = new WeakMap<Query, Needles>();
/** The question's needles, computed once per question. */
export function needlesOf(query: Query): Needles {
	let needles = needleMemo.get(query);
	if (needles === undefined) {
		needles = verbatimNeedles(query.question);
		needleMemo.set(query, needles);
	}
	return needles;
}

/** The question puts a phrase between quotation marks: it must match as written. */
export function asksPhrase(query: Query): boolean {
	const needles = needlesOf(query);
	return needles.length > 0 && needles.whole === undefined;
}

/** A Latin letter with a diacritic, or one that folds to others (ı, ə, ß, ø…): a text that folding changes. */
const ACCENTED = /[\u00C0-\u02AF\u1E00-\u1EFF]/;

/** Whether `text` holds one of the question's needles (its quoted phrase, or the whole question) as written, folded. */
export function holdsVerbatim(query: Query, text: string): boolean {
	const needles = needlesOf(query);
	if (needles.length === 0) return false;
	// Most paragraphs lack the needle's longest word even as raw lowercase text: no need to normalize
	// them. Only a text without accented letters can be judged so: "Türkiye" holds "turkiye" once folded.
	const lower = text.toLowerCase();
	if (!ACCENTED.test(text) && !needles.some((n) => lower.includes(longestWord(n)))) return false;
	const normalized = normalizeForMatch(text);
	return needles.some((n) => normalized.includes(n));
}

const longest = new Map<string, string>();
/** A needle's longest word, or its ASCII prefix when folding changed it. */
export function longestWord(needle: string): string {
	let word = longest.get(needle);
	if (word === undefined) {
		word = needle.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
		// A folded word may differ from the raw text by its diacritics: then only its ASCII prefix is safe.
		word = /^[a-z0-9']+$/.test(word) ? word : (/^[a-z0-9]+/.exec(word)?.[0] ?? '');
		if (longest.size > 1000) longest.clear();
		longest.set(needle, word);
	}
	return word;
}

/** A case-blind test for the longest word of the question's needles: what a text must hold to hold one. */
export function verbatimProbe(query: Query): RegExp | undefined {
	const needles = needlesOf(query);
	const words = needles.map(longestWord).filter((w) => w.length >= 2);
	if (words.length === 0 || words.length < needles.length) return undefined;
	return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

/** Lowercase, diacritics off, punctuation to single spaces: how needles and texts are compared. */
export function normalizeForMatch(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[‘’]/g, "'")
		.replace(/[^\p{L}\p{N}']+/gu, ' ')
		.trim();
}
