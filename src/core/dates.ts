import * as chrono from 'chrono-node';

/** How exact a date is: a day, a month, or a year. */
export type Precision = 'day' | 'month' | 'year';

/** A date at some precision: `YYYY` (year), `YYYY-MM` (month) or `YYYY-MM-DD` (day). */
export interface PartialDate {
	readonly date: string;
	readonly precision: Precision;
}

/** A date a sentence states, and the words that state it: `sentence.slice(start, end)` (UTF-16). */
export interface DateMention extends PartialDate {
	readonly start: number;
	readonly end: number;
}

export { DATES_VERSION } from './dates-version.js';
/** Dates before this year are refused as implausible. */
export const MIN_YEAR = 1800;
/** Dates more than this many years after publication are refused as implausible. */
export const MAX_YEARS_AHEAD = 5;

interface Day {
	readonly y: number;
	readonly m: number;
	readonly d: number;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const yearOf = (y: number): PartialDate => ({ date: String(y), precision: 'year' });
const monthOf = (y: number, m: number): PartialDate => ({ date: `${y}-${pad(m)}`, precision: 'month' });
const dayOf = (t: Day): PartialDate => ({ date: `${t.y}-${pad(t.m)}-${pad(t.d)}`, precision: 'day' });
const msOf = (t: Day) => Date.UTC(t.y, t.m - 1, t.d);
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 0 = Monday … 6 = Sunday. */
const weekdayOf = (t: Day) => (new Date(msOf(t)).getUTCDay() + 6) % 7;

function addDays(t: Day, n: number): Day {
	const d = new Date(msOf(t) + n * DAY_MS);
	return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date); null for anything else. */
export function parsePartialDate(text: string): PartialDate | null {
	const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
	if (m === null) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
	if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
	if (m[3] !== undefined) return dayOf({ y, m: mo, d });
	return m[2] !== undefined ? monthOf(y, mo) : yearOf(y);
}

/** The first and last day a date covers, as `YYYY-MM-DD`: "2024-02" → 2024-02-01 … 2024-02-29. */
export function dateRange(date: PartialDate): { readonly start: string; readonly end: string } {
	const [y, m] = [Number(date.date.slice(0, 4)), Number(date.date.slice(5, 7))];
	if (date.precision === 'day') return { start: date.date, end: date.date };
	if (date.precision === 'month') return { start: `${date.date}-01`, end: `${date.date}-${pad(daysIn(y, m))}` };
	return { start: `${date.date}-01-01`, end: `${date.date}-12-31` };
}

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
	jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const monthNumber = (word: string) => MONTH_NUMBERS[word.slice(0, 3).toLowerCase()] ?? 0;
/** Month names and their usual abbreviations, as written (capitalized). */
const MONTH = String.raw`(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?!\p{L})`;
/** Months that stand alone (no day, no year): full names, "Sept" and dotted abbreviations. */
const MONTH_ALONE_WORD = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept\.?|Jan\.|Feb\.|Apr\.|Aug\.|Oct\.|Nov\.|Dec\.)(?!\p{L})`;
const YEAR = String.raw`(?:1[89]|20)\d{2}`;
const DASH = '[–—-]';

interface Context {
	readonly text: string;
	readonly pub: Day;
	/** Dates found by earlier stages. */
	readonly found: readonly DateMention[];
}

/** Words a stage claims: a date, or words that are no date (`date: null`) and that later stages skip. */
interface Claim {
	readonly start: number;
	readonly end: number;
	readonly date: PartialDate | null;
}

type Stage = (ctx: Context) => Claim[];
/** A match's date, null for words that are no date, undefined to let later stages have the words. */
type Resolve = (m: RegExpExecArray, ctx: Context) => PartialDate | null | undefined;

function rule(pattern: RegExp, resolve: Resolve): Stage {
	return (ctx) =>
		[...ctx.text.matchAll(pattern)].flatMap((m) => {
			const date = resolve(m, ctx);
			return date === undefined ? [] : [{ start: m.index, end: m.index + m[0].length, date }];
		});
}

const block = (pattern: RegExp): Stage => rule(pattern, () => null);

/** Words that put a clause in the future: its bare weekdays, months and seasons are the next ones. */
const FUTURE = /\b(?:will|shall|(?:is|are)\s+(?:set|scheduled|expected|due|slated|planned|going)\s+to|upcoming)\b/i;
const CLAUSE_BREAK = /[,;:()—–]/;

function isFutureClause(text: string, at: number): boolean {
	let start = at;
	while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
	let end = at;
	while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
	return FUTURE.test(text.slice(start, end));
}

/** The year of the nearest date before `at` whose words hold a four-digit year (an explicit anchor). */
function anchorYear({ text, found }: Context, at: number): number | undefined {
	const anchors = found.filter((f) => f.end <= at && /\d{4}/.test(text.slice(f.start, f.end)));
	const nearest = anchors.sort((a, b) => b.end - a.end)[0];
	return nearest === undefined ? undefined : Number(nearest.date.slice(0, 4));
}

/** Numbers that are no dates: footnote markers, money, percentages, scaled counts, 100,000, 2.5. */
const NOT_DATES: readonly RegExp[] = [
	/\[\d{1,3}\]|(?<=[.,;:!?”"’)])\[\d+\]/g,
	/(?:US\$|[A-Z]{0,3}\$|[€£¥₼֏₺₽])\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)?/g,
	/\b\d[\d,.]*\s?(?:%|percent\b|per\s+cent\b)/g,
	/\b\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand|hundred))+(?:\s+\p{L}+)?/gu,
	/\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b/g,
	/\b\d+\.\d+\b/g,
];

const DOCUMENT_NOUN = String.raw`(?:declarations?|acts?|treat(?:y|ies)|accords?|charters?|conventions?|protocols?|constitutions?|memorand(?:um|a)|pacts?|statutes?|communiqu[eé]s?)`;
const NAME_WORD = String.raw`(?!(?:and|or|of|the|a|an|in|on|to|that|which|with|by|for|was|were|is)\b)[\p{L}’'-]+`;
/**
 * A year that only names a document ("the 1991 Alma-Ata Declaration", "a 1989 unification act"): a
 * determiner or possessive, the year, at most two name words, then a document noun.
 */
const DOCUMENT_YEAR = new RegExp(
	String.raw`(?<=\b(?:the|a|an|its|their|his|her|this|that|[’']s)\s)${YEAR}(?=\s+(?:${NAME_WORD}\s+){0,2}${DOCUMENT_NOUN}\b)`,
	'giu',
);

/** A date without a year told in the past tense is taken as upcoming when it is at most this many days ahead. */
const IMMINENT_DAYS = 31;

/**
 * The year of a day told without one: in a future clause the first such day on or after publication;
 * otherwise the latest on or before it, unless the next one is at most {@link IMMINENT_DAYS} ahead.
 */
function yearlessDay(m: number, d: number, ctx: Context, at: number): Day | null {
	const { pub } = ctx;
	const options = [pub.y - 1, pub.y, pub.y + 1].filter((y) => d >= 1 && d <= daysIn(y, m)).map((y) => ({ y, m, d }));
	const ahead = options.find((t) => msOf(t) >= msOf(pub));
	const behind = options.filter((t) => msOf(t) <= msOf(pub)).pop();
	if (ahead !== undefined && (isFutureClause(ctx.text, at) || msOf(ahead) - msOf(pub) <= IMMINENT_DAYS * DAY_MS)) return ahead;
	return behind ?? ahead ?? null;
}

function dayFrom(m: number, d: number, year: string | undefined, ctx: Context, at: number): PartialDate | undefined {
	if (year !== undefined) return d >= 1 && d <= daysIn(Number(year), m) ? dayOf({ y: Number(year), m, d }) : undefined;
	const day = yearlessDay(m, d, ctx, at);
	return day === null ? undefined : dayOf(day);
}

/** "Sept. 19–20, 2023", "November 21–22", "May 30–June 2": dated by the first day. */
const DAY_RANGE = new RegExp(
	String.raw`\b(${MONTH})\s+(\d{1,2})\s*${DASH}\s*(?:${MONTH}\s+)?\d{1,2}(?!\d)(?:,?\s+(${YEAR})(?!\d))?`,
	'gu',
);
/** "19–20 September 2023", "30 May–2 June". */
const DAY_RANGE_DMY = new RegExp(
	String.raw`\b(\d{1,2})(?:\s+(${MONTH}))?\s*${DASH}\s*\d{1,2}\s+(${MONTH})(?:,?\s+(${YEAR})(?!\d))?`,
	'gu',
);
const resolveDayRange: Resolve = (m, ctx) => dayFrom(monthNumber(m[1]!), Number(m[2]), m[3], ctx, m.index);
const resolveDayRangeDmy: Resolve = (m, ctx) => dayFrom(monthNumber(m[2] ?? m[3]!), Number(m[1]), m[4], ctx, m.index);

/** "10/11/2020", "25.12.2023": day precision when the order is clear (a part over 12), else the year. */
const NUMERIC_DATE = new RegExp(String.raw`\b(\d{1,2})([/.])(\d{1,2})\2(${YEAR})\b`, 'gu');
const resolveNumericDate: Resolve = (m) => {
	const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
	const [d, mo] = a > 12 ? [a, b] : b > 12 ? [b, a] : [0, 0];
	if (d === 0) return a >= 1 && b >= 1 && a <= 12 && b <= 12 ? yearOf(y) : null;
	return mo >= 1 && mo <= 12 && d <= daysIn(y, mo) ? dayOf({ y, m: mo, d }) : null;
};

const CAPITALIZED_MONTH = new RegExp(String.raw`\b${MONTH}`, 'u');

/**
 * chrono-node for calendar dates written out: "6 February 2023", "June 16, 2021", "Aug. 8", "July
 * 2024", "2024-05-11". Only results naming a month (or ISO dates) with a day or a year are taken: the
 * relative words it reads ("now", "three years later") and bare months are ours to resolve.
 */
const chronoDates: Stage = (ctx) => {
	const { text, pub } = ctx;
	const ref = { instant: new Date(Date.UTC(pub.y, pub.m - 1, pub.d, 12)), timezone: 0 };
	return chrono.parse(text, ref).flatMap((r) => {
		if (!CAPITALIZED_MONTH.test(r.text) && !/\b\d{4}-\d{2}-\d{2}\b/.test(r.text)) return [];
		const c = r.start;
		if (!c.isCertain('month')) return [];
		const [y, m, d] = [c.get('year') ?? pub.y, c.get('month') ?? 1, c.get('day') ?? 1];
		let date: PartialDate | null;
		if (c.isCertain('day')) date = c.isCertain('year') ? dayOf({ y, m, d }) : (dayFrom(m, d, undefined, ctx, r.index) ?? null);
		else if (c.isCertain('year')) date = monthOf(y, m);
		else return [];
		return date === null ? [] : [{ start: r.index, end: r.index + r.text.length, date }];
	});
};

/** Parts of a decade, each dated by its start: "early 1990s" → 1990, "mid-1990s" → 1994, "late 1990s" → 1997. */
const DECADE_PART: Readonly<Record<string, number>> = { early: 0, mid: 4, late: 7 };
const DECADE = new RegExp(String.raw`(?:\b(early|mid|late)[-\s]+)?\b((?:1[89]|20)\d0)['’]?s\b`, 'giu');
const resolveDecade: Resolve = (m) => yearOf(Number(m[2]) + (DECADE_PART[m[1]?.toLowerCase() ?? ''] ?? 0));

const SEASONS = String.raw`(spring|summer|autumn|fall|winter)`;
/** "summer 2024", "the winter of 1993": a season is given year precision (its bounds vary by hemisphere). */
const SEASON_YEAR = new RegExp(String.raw`\b${SEASONS}(?:\s+of)?\s+(${YEAR})(?!\d)`, 'giu');

/** Words before a number that make it a label, not a year: "Article 1990", "No. 2020", "#2021". */
const LABEL_BEFORE = /(?:\b(?:no|nos|nr|art|articles?|sections?|chapters?|clauses?|number|pages?|pp?|resolutions?|decrees?|flights?|routes?|rooms?|vol|volume|items?|codes?|iso|models?|version)\.?\s*|#\s*)$/i;
/** Nouns after a number that make it a count or a measure: "2000 troops", "1990 km". */
const UNIT_AFTER = /^\s*(?:people|persons|men|women|children|soldiers|troops|fighters|refugees|residents|civilians|villages|families|households|homes|houses|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|barrels|dollars|euros|drams|manats?|rubles|roubles|liras?|votes|seats|units|cases|members|delegates|prisoners|detainees|deaths|casualties|victims|hectares|acres|square|years|months|weeks|days|hours|minutes|decades|times|pages|articles|words|kg|mw|gw|gmt|utc|cet|hrs)\b/i;
/** Words before a number that make it a count when a plural noun follows ("about 2024 officers"). */
const QUANTIFIER_BEFORE = /\b(?:about|around|approximately|roughly|some|nearly|almost|over|under|than|least|most|up to|estimated)\s+$/i;
/** Words a year before 1900 needs in front of it to be taken for one ("in 1878"). */
const YEAR_PREPOSITION = /\b(?:in|since|of|by|until|from|between|before|after|during|and|to|early|late|mid)[\s-]*$/i;

/** A four-digit year standing alone, "mid-2022" and "late 2023" included; labels, counts refused. */
const BARE_YEAR = new RegExp(
	String.raw`(?<![\p{L}\p{N}$€£¥#/.,-])(?:(?:early|late|mid)[-\s])?(${YEAR})(?![\p{L}\p{N}%]|[.,]\d|['’]s)`,
	'giu',
);
const resolveBareYear: Resolve = (m, { text }) => {
	const year = Number(m[1]);
	const start = m.index + m[0].length - 4;
	const before = text.slice(Math.max(0, start - 24), start);
	const after = text.slice(start + 4);
	if (LABEL_BEFORE.test(before) || UNIT_AFTER.test(after)) return null;
	if (QUANTIFIER_BEFORE.test(before) && /^\s+\p{Ll}+s\b/u.test(after)) return null;
	if (year < 1900 && !YEAR_PREPOSITION.test(before)) return null;
	return yearOf(year);
};

/** "next week", "early next week", "this week", "last week": the month of that week's Monday. */
const WEEK = /\b(?:(?:early|late|later|earlier)\s+)?(next|this|last|past|coming)\s+week(?!\p{L})/giu;
const WEEK_SHIFT: Readonly<Record<string, number>> = { next: 7, coming: 7, this: 0, last: -7, past: -7 };
const resolveWeek: Resolve = (m, { pub }) => {
	const monday = addDays(pub, -weekdayOf(pub) + (WEEK_SHIFT[m[1]!.toLowerCase()] ?? 0));
	return monthOf(monday.y, monday.m);
};

const SHIFT: Readonly<Record<string, number>> = { last: -1, this: 0, next: 1, coming: 1 };
/** "last month", "this month", "next month" ("the last month" is a duration, not a date). */
const MONTH_RELATIVE = /(?<!\bthe\s)\b(last|this|next|coming)\s+month(?!\p{L})/giu;
const resolveMonthRelative: Resolve = (m, { pub }) => {
	const index = pub.y * 12 + pub.m - 1 + (SHIFT[m[1]!.toLowerCase()] ?? 0);
	return monthOf(Math.floor(index / 12), (index % 12) + 1);
};
/** "last year", "this year", "next year". */
const YEAR_RELATIVE = /(?<!\bthe\s)\b(last|this|next)\s+year(?!\p{L})/giu;
const resolveYearRelative: Resolve = (m, { pub }) => yearOf(pub.y + (SHIFT[m[1]!.toLowerCase()] ?? 0));

/** "yesterday", "tomorrow" ("today" often means "nowadays" in news prose, so it is not read). */
const NEAR_DAY = /\b(yesterday|tomorrow)\b/giu;
const resolveNearDay: Resolve = (m, { pub }) => dayOf(addDays(pub, m[1]!.toLowerCase() === 'yesterday' ? -1 : 1));

/** Words that make a weekday a name, not a date: "Good Friday", "Bloody Sunday". */
const NAMED_DAY_BEFORE = /\b(?:Good|Black|Bloody|Easter|Palm|Holy|Ash|Super|Cyber|Maundy|Shrove|Whit)\s+$/;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** "on Saturday", "said Monday", "last Friday", "next Tuesday" (capitalized, not plural). */
const WEEKDAY = new RegExp(String.raw`\b(?:(on|last|this|next|past|coming)\s+)?(${WEEKDAYS.join('|')})(?!\p{L})`, 'giu');
/**
 * A weekday relative to publication: the latest such day on or before it ("on Saturday" in a Monday
 * paper is two days before; "Monday" in a Monday paper is that day), or the next on or after it in a
 * future clause ("will meet on Friday"); "last"/"next" skip the publication day itself.
 */
const resolveWeekday: Resolve = (m, { text, pub }) => {
	if (!/^\p{Lu}/u.test(m[2]!)) return undefined;
	if (m[1] === undefined && NAMED_DAY_BEFORE.test(text.slice(0, m.index))) return undefined;
	const target = WEEKDAYS.indexOf(m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1).toLowerCase());
	const back = (weekdayOf(pub) - target + 7) % 7;
	const forward = (target - weekdayOf(pub) + 7) % 7;
	const modifier = m[1]?.toLowerCase();
	if (modifier === 'last' || modifier === 'past') return dayOf(addDays(pub, -(back || 7)));
	if (modifier === 'next' || modifier === 'coming') return dayOf(addDays(pub, forward || 7));
	if (modifier === 'this') return dayOf(addDays(pub, target - weekdayOf(pub)));
	return dayOf(addDays(pub, isFutureClause(text, m.index) ? forward : -back));
};

const SEASON_START: Readonly<Record<string, number>> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };
/** "the summer", "early fall", "last winter" (a modifier is required: "prices fall" is no season). */
const SEASON = new RegExp(
	String.raw`\b((?:(?:the|this|last|next|past|in|during|through|early|late|mid)[-\s]+)+)${SEASONS}(?!\p{L})(?!\s+of\b)`,
	'giu',
);
/**
 * A season without a year, as the year it starts in: "last"/"past" the latest season over by
 * publication, "next" the first to start after it, "this" the publication's year (a winter told in
 * January–March: the one that began the December before), otherwise the latest begun by publication
 * (in a future clause, the first not yet over).
 */
const resolveSeason: Resolve = (m, { text, pub }) => {
	const start = SEASON_START[m[2]!.toLowerCase()] ?? 6;
	const modifiers = m[1]!.toLowerCase();
	const now = pub.y * 12 + pub.m;
	const begins = (y: number) => y * 12 + start;
	const latest = (ok: (y: number) => boolean) => yearOf([pub.y, pub.y - 1].find(ok) ?? pub.y - 2);
	const earliest = (ok: (y: number) => boolean) => yearOf([pub.y, pub.y + 1].find(ok) ?? pub.y + 1);
	if (/\bthis\b/.test(modifiers)) return yearOf(start === 12 && pub.m <= 3 ? pub.y - 1 : pub.y);
	if (/\bnext\b/.test(modifiers)) return earliest((y) => begins(y) > now);
	if (/\b(?:last|past)\b/.test(modifiers)) return latest((y) => begins(y) + 3 <= now);
	if (isFutureClause(text, m.index)) return earliest((y) => begins(y) + 2 >= now);
	return latest((y) => begins(y) <= now);
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
	a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
	eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};
/** "three years later", "a decade earlier", "two years on," "five years ago". */
const YEARS_LATER = new RegExp(
	String.raw`\b(${Object.keys(NUMBER_WORDS).join('|')}|\d{1,3})\s+(years?|decades?)\s+(later|earlier|afterwards?|on(?=\s*[,.;]|$)|ago)(?!\p{L})`,
	'giu',
);
/**
 * "N years later/earlier" counts from the nearest explicit year before it in the same sentence ("in
 * 2022, but three years later" → 2025); with none, the words are no date. "N years ago" counts back
 * from publication.
 */
const resolveYearsLater: Resolve = (m, ctx) => {
	const count = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
	const years = count * (/^decade/i.test(m[2]!) ? 10 : 1);
	const way = m[3]!.toLowerCase();
	if (way === 'ago') return yearOf(ctx.pub.y - years);
	const anchor = anchorYear(ctx, m.index);
	if (anchor === undefined) return null;
	return yearOf(way === 'earlier' ? anchor - years : anchor + years);
};
/** "the following year", "the previous year": one year from the sentence's explicit year. */
const YEAR_AFTER = /\bthe\s+(following|next|previous|preceding)\s+year(?!\p{L})/giu;
const resolveYearAfter: Resolve = (m, ctx) => {
	const anchor = anchorYear(ctx, m.index);
	if (anchor === undefined) return null;
	return yearOf(anchor + (/^(?:following|next)$/i.test(m[1]!) ? 1 : -1));
};

const either = (word: string) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`;
const MONTH_MODIFIERS = 'early late mid last this next in since by until till from through during of before after between and or to'
	.split(' ')
	.map(either)
	.join('|');
/** A month with neither day nor year: "In October again", "Azerbaijan’s September offensive". */
const MONTH_ALONE = new RegExp(String.raw`(?:\b(${MONTH_MODIFIERS})[-\s]+)?\b(${MONTH_ALONE_WORD})(?![.\s]*\d)`, 'gu');
/** "July and October 2024": the first month shares the year written after the last. */
const SHARED_YEAR = new RegExp(String.raw`^(?:\s*(?:,|and|or|to|through|until|${DASH})\s*${MONTH})+,?\s+(${YEAR})(?!\d)`, 'u');

function monthYear(month: number, modifier: string | undefined, ctx: Context, at: number): number {
	const { pub } = ctx;
	if (modifier === 'last') return month < pub.m ? pub.y : pub.y - 1;
	if (modifier === 'next') return month > pub.m ? pub.y : pub.y + 1;
	if (modifier === 'this') return pub.y;
	const anchor = anchorYear(ctx, at);
	if (anchor !== undefined) return anchor;
	if (isFutureClause(ctx.text, at)) return month >= pub.m ? pub.y : pub.y + 1;
	return month <= pub.m ? pub.y : pub.y - 1;
}

/**
 * A month alone takes the year written after it ("July and October 2024"), else "last"/"next"/"this",
 * else the explicit year before it in the sentence ("In late 2023, after the September offensive"),
 * else the latest such month on or before publication (the next one in a future clause). "May" needs
 * a word before it ("in May"), and a month followed by a capitalized word is a name ("June Carter").
 */
const resolveMonthAlone: Resolve = (m, ctx) => {
	const word = m[2]!;
	const modifier = m[1]?.toLowerCase();
	const after = ctx.text.slice(m.index + m[0].length);
	if (modifier === undefined && (word === 'May' || /^\s+\p{Lu}/u.test(after))) return undefined;
	const month = monthNumber(word);
	const shared = SHARED_YEAR.exec(after);
	return monthOf(shared === null ? monthYear(month, modifier, ctx, m.index) : Number(shared[1]), month);
};

/**
 * The stages, in order; a stage's claim is dropped when it overlaps words an earlier stage claimed.
 * Non-dates go first so no later rule reads "$50,000" or "[17]"; explicit dates come before relative
 * ones, which may count from them.
 */
const STAGES: readonly Stage[] = [
	rule(NUMERIC_DATE, resolveNumericDate),
	...NOT_DATES.map(block),
	block(DOCUMENT_YEAR),
	rule(DAY_RANGE, resolveDayRange),
	rule(DAY_RANGE_DMY, resolveDayRangeDmy),
	chronoDates,
	rule(DECADE, resolveDecade),
	rule(SEASON_YEAR, (m) => yearOf(Number(m[2]))),
	rule(BARE_YEAR, resolveBareYear),
	rule(WEEK, resolveWeek),
	rule(MONTH_RELATIVE, resolveMonthRelative),
	rule(YEAR_RELATIVE, resolveYearRelative),
	rule(NEAR_DAY, resolveNearDay),
	rule(WEEKDAY, resolveWeekday),
	rule(SEASON, resolveSeason),
	rule(YEARS_LATER, resolveYearsLater),
	rule(YEAR_AFTER, resolveYearAfter),
	rule(MONTH_ALONE, resolveMonthAlone),
];

/** Words between two dates that make the second the end of a range: "2020–2023", "March to June". */
const RANGE_GAP = /^\s*(?:[–—-]|to|until|till|through|thru)\s*$/i;

/** Drops the end of each range, which is dated by its start ("between 2020 and 2023" → 2020). */
function dropRangeEnds(text: string, mentions: readonly DateMention[]): DateMention[] {
	return mentions.filter((b, i) => {
		const a = mentions[i - 1];
		if (a === undefined) return true;
		const gap = text.slice(a.end, b.start);
		if (RANGE_GAP.test(gap)) return false;
		const opened = /\b(?:between|from)\s+$/i.test(text.slice(0, a.start)) || /^(?:between|from)\b/i.test(text.slice(a.start, a.end));
		return !(/^\s*and\s*$/i.test(gap) && opened);
	});
}

function parseDay(published: string): Day {
	const date = parsePartialDate(published);
	if (date?.precision !== 'day') throw new Error(`publication date must be YYYY-MM-DD, got "${published.slice(0, 40)}"`);
	return { y: Number(date.date.slice(0, 4)), m: Number(date.date.slice(5, 7)), d: Number(date.date.slice(8, 10)) };
}

const plausible = (date: PartialDate, pub: Day) => {
	const y = Number(date.date.slice(0, 4));
	return y >= MIN_YEAR && y <= pub.y + MAX_YEARS_AHEAD;
};

/**
 * The dates a sentence states, in reading order, resolved against the publication date
 * (`YYYY-MM-DD`; relative words such as "on Saturday" or "last month" count from it). chrono-node reads
 * calendar dates; our rules read ranges (dated by their start), bare and partial years, decades,
 * seasons (year precision), weeks (the month of their Monday), weekdays, months without a year and
 * "N years later". Money, percentages, counts, durations, footnote markers, labels ("Article 12") and
 * years that only name a document are no dates. Every date lies in [{@link MIN_YEAR}, publication
 * year + {@link MAX_YEARS_AHEAD}]. A date may be found twice (two mentions of the same day).
 */
export function extractDates(sentence: string, published: string): DateMention[] {
	const pub = parseDay(published);
	const claims: Claim[] = [];
	const found: DateMention[] = [];
	for (const stage of STAGES) {
		for (const claim of stage({ text: sentence, pub, found })) {
			if (claims.some((c) => claim.start < c.end && c.start < claim.end)) continue;
			claims.push(claim);
			if (claim.date !== null && plausible(claim.date, pub)) found.push({ ...claim.date, start: claim.start, end: claim.end });
		}
	}
	return dropRangeEnds(sentence, found.sort((a, b) => a.start - b.start));
}
