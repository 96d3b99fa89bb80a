/**
 * Folding and word splitting: the first steps of analysis, shared by the analyzer and by the script
 * that generates its tables (scripts/generate-lexicon.ts), so both read a name the same way.
 */

/** A word: initials with dots (U.S.), or letters and digits with inner apostrophes (d'Ivoire, people's). */
export const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
	ı: 'i',
	ə: 'e',
	ß: 'ss',
	ø: 'o',
	đ: 'd',
	ł: 'l',
	æ: 'ae',
	œ: 'oe',
	þ: 'th',
};
const SPECIAL_LETTER = /[ıəßøđłæœþ]/g;
const MARKS = /\p{M}+/gu;

/** Lowercases and strips diacritics: "Kılıç" → "kilic", "Türkiye" → "turkiye". */
export function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(MARKS, '')
		.replace(SPECIAL_LETTER, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** A trailing possessive: "Azerbaijan's", "the States’". */
export const POSSESSIVE = /['’]s?$/;

/** The folded words of a name, apostrophes made straight: "Côte d’Ivoire" → ["cote", "d'ivoire"]. */
export function nameWords(name: string): string[] {
	return [...name.matchAll(WORD)].map((m) => fold(m[0]).replace(/’/g, "'"));
}
