import { addDays, dayOf, monthOf, weekdayOf, yearOf } from './calendar.js';
import { isFutureDate } from './tense.js';
import {
	anchorYear,
	DASH,
	MONTH,
	MONTH_ALONE_WORD,
	monthNumber,
	NUMBER_WORDS,
	rule,
	SEASONS,
	YEAR,
	type Context,
	type Resolve,
	type Stage,
} from './rule.js';

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
/** Words that make a weekday a habit, not a date: "every Tuesday", "each Friday". */
const EVERY_BEFORE = /\b(?:every|each)\s+(?:other\s+|second\s+)?$/i;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** "on Saturday", "said Monday", "last Friday", "next Tuesday" (capitalized, not plural). */
const WEEKDAY = new RegExp(
	String.raw`\b(?:(on|last|this|next|past|coming)\s+)?(${WEEKDAYS.join('|')})(?!\p{L})`,
	'giu',
);
/**
 * A weekday relative to publication: the latest such day on or before it ("on Saturday" in a Monday
 * paper is two days before; "Monday" in a Monday paper is that day), or the next on or after it in a
 * future clause ("will meet on Friday"); "last"/"next" skip the publication day itself.
 */
const resolveWeekday: Resolve = (m, { text, pub }) => {
	if (!/^\p{Lu}/u.test(m[2]!)) return undefined;
	if (m[1] === undefined && NAMED_DAY_BEFORE.test(text.slice(0, m.index))) return undefined;
	if (EVERY_BEFORE.test(text.slice(0, m.index))) return null;
	const target = WEEKDAYS.indexOf(m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1).toLowerCase());
	const back = (weekdayOf(pub) - target + 7) % 7;
	const forward = (target - weekdayOf(pub) + 7) % 7;
	const modifier = m[1]?.toLowerCase();
	if (modifier === 'last' || modifier === 'past') return dayOf(addDays(pub, -(back || 7)));
	if (modifier === 'next' || modifier === 'coming') return dayOf(addDays(pub, forward || 7));
	if (modifier === 'this') return dayOf(addDays(pub, target - weekdayOf(pub)));
	return dayOf(addDays(pub, isFutureDate(text, m.index, m.index + m[0].length) ? forward : -back));
};

const SEASON_START: Readonly<Record<string, number>> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };
const SEASON_MONTHS = 3;
/** "the summer", "early fall", "last winter" (a modifier is required: "prices fall" is no season). */
const SEASON = new RegExp(
	String.raw`\b((?:(?:the|this|last|next|past|in|during|through|early|late|mid)[-\s]+)+)${SEASONS}(?!\p{L})(?!\s+of\b)`,
	'giu',
);
/**
 * A season without a year, as the year it starts in: "last"/"past" the latest season over by
 * publication; "next" the first to start a season's length or more after it (in February the coming
 * spring is "this spring", so "next spring" is the one a year later); "this" the publication's year (a
 * winter told in January–March: the one that began the December before); otherwise the latest begun
 * by publication (in a future clause, the first not yet over).
 */
const resolveSeason: Resolve = (m, { text, pub }) => {
	const start = SEASON_START[m[2]!.toLowerCase()] ?? 6;
	const modifiers = m[1]!.toLowerCase();
	const now = pub.y * 12 + pub.m;
	const begins = (y: number) => y * 12 + start;
	const latest = (ok: (y: number) => boolean) => yearOf([pub.y, pub.y - 1].find(ok) ?? pub.y - 2);
	const earliest = (ok: (y: number) => boolean) => yearOf([pub.y, pub.y + 1].find(ok) ?? pub.y + 1);
	if (/\bthis\b/.test(modifiers)) return yearOf(start === 12 && pub.m <= 3 ? pub.y - 1 : pub.y);
	if (/\bnext\b/.test(modifiers)) return earliest((y) => begins(y) >= now + SEASON_MONTHS);
	if (/\b(?:last|past)\b/.test(modifiers)) return latest((y) => begins(y) + 3 <= now);
	if (isFutureDate(text, m.index, m.index + m[0].length)) return earliest((y) => begins(y) + 2 >= now);
	return latest((y) => begins(y) <= now);
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
const MONTH_MODIFIERS =
	'early late mid last this next in since by until till from through during of before after between and or to'
		.split(' ')
		.map(either)
		.join('|');
/** A month with neither day nor year: "In October again", "Azerbaijan’s September offensive". */
const MONTH_ALONE = new RegExp(String.raw`(?:\b(${MONTH_MODIFIERS})[-\s]+)?\b(${MONTH_ALONE_WORD})(?![.\s]*\d)`, 'gu');
/** "July and October 2024": the first month shares the year written after the last. */
const SHARED_YEAR = new RegExp(
	String.raw`^(?:\s*(?:,\s*(?:and|or)|,|and|or|to|through|until|${DASH})\s*${MONTH})+,?\s+(${YEAR})(?!\d)`,
	'u',
);

function monthYear(month: number, modifier: string | undefined, ctx: Context, at: number, end: number): number {
	const { pub } = ctx;
	if (modifier === 'last') return month < pub.m ? pub.y : pub.y - 1;
	if (modifier === 'next') return month > pub.m ? pub.y : pub.y + 1;
	if (modifier === 'this') return pub.y;
	const anchor = anchorYear(ctx, at);
	if (anchor !== undefined) return anchor;
	if (isFutureDate(ctx.text, at, end)) return month >= pub.m ? pub.y : pub.y + 1;
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
	return monthOf(
		shared === null ? monthYear(month, modifier, ctx, m.index, m.index + m[0].length) : Number(shared[1]),
		month,
	);
};

/** The relative-date stages, in order; they run after the explicit ones, which they may count from. */
export const RELATIVE_STAGES: readonly Stage[] = [
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
