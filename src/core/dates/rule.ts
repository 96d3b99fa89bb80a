import type { DateMention, Day, PartialDate } from './calendar.js';

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	oct: 10,
	nov: 11,
	dec: 12,
};
/** The month (1–12) a month name or abbreviation names; 0 for none. */
export const monthNumber = (word: string) => MONTH_NUMBERS[word.slice(0, 3).toLowerCase()] ?? 0;
/** Month names and their usual abbreviations, as written (capitalized). */
export const MONTH = String.raw`(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?!\p{L})`;
/** Months that stand alone (no day, no year): full names, "Sept" and dotted abbreviations. */
export const MONTH_ALONE_WORD = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept\.?|Jan\.|Feb\.|Apr\.|Aug\.|Oct\.|Nov\.|Dec\.)(?!\p{L})`;
/** A four-digit year from 1800 to 2099. */
export const YEAR = String.raw`(?:1[89]|20)\d{2}`;
/** A hyphen, en dash or em dash. */
export const DASH = '[–—-]';
/** A season's name, captured. */
export const SEASONS = String.raw`(spring|summer|autumn|fall|winter)`;

/** Numbers written as words, for counts of days, weeks, years ("three years later"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
	a: 1,
	an: 1,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	fifteen: 15,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
};

/** What a stage reads: the sentence, the publication day and the dates found so far. */
export interface Context {
	readonly text: string;
	readonly pub: Day;
	/** Dates found by earlier stages. */
	readonly found: readonly DateMention[];
}

/** Words a stage claims: a date, or words that are no date (`date: null`) and that later stages skip. */
export interface Claim {
	readonly start: number;
	readonly end: number;
	readonly date: PartialDate | null;
}

/** A step of date extraction: the words it claims in a sentence. */
export type Stage = (ctx: Context) => Claim[];
/** A match's date, null for words that are no date, undefined to let later stages have the words. */
export type Resolve = (m: RegExpExecArray, ctx: Context) => PartialDate | null | undefined;

/** A stage that claims each match of `pattern` (global) as `resolve` dates it. */
export function rule(pattern: RegExp, resolve: Resolve): Stage {
	return (ctx) =>
		[...ctx.text.matchAll(pattern)].flatMap((m) => {
			const date = resolve(m, ctx);
			return date === undefined ? [] : [{ start: m.index, end: m.index + m[0].length, date }];
		});
}

/** A stage that claims each match of `pattern` as no date. */
export const block = (pattern: RegExp): Stage => rule(pattern, () => null);

/** The year of the nearest date before `at` whose words hold a four-digit year (an explicit anchor). */
export function anchorYear({ text, found }: Context, at: number): number | undefined {
	const anchors = found.filter((f) => f.end <= at && /\d{4}/.test(text.slice(f.start, f.end)));
	const nearest = anchors.sort((a, b) => b.end - a.end)[0];
	return nearest === undefined ? undefined : Number(nearest.date.slice(0, 4));
}
