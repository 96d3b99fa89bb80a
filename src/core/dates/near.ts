import { addDays, dayOf, monthOf, weekdayOf, yearOf } from './calendar.js';
import { anchorYear, NUMBER_WORDS, rule, type Resolve, type Stage } from './rule.js';
import { isFutureDate } from './tense.js';

/** "two days ago", "a week ago", "three months ago" (years are read with "N years later"). */
const AGO = new RegExp(
	String.raw`\b(${Object.keys(NUMBER_WORDS).join('|')}|\d{1,2})\s+(days?|weeks?|months?)\s+ago(?!\p{L})`,
	'giu',
);
/**
 * Days back from publication: a day at day precision, a week as the month of its Monday (as "last
 * week"), a month at month precision.
 */
const resolveAgo: Resolve = (m, { pub }) => {
	const count = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
	const unit = m[2]!.toLowerCase();
	if (unit.startsWith('day')) return dayOf(addDays(pub, -count));
	if (unit.startsWith('week')) {
		const day = addDays(pub, -7 * count);
		const monday = addDays(day, -weekdayOf(day));
		return monthOf(monday.y, monday.m);
	}
	const index = pub.y * 12 + pub.m - 1 - count;
	return monthOf(Math.floor(index / 12), (index % 12) + 1);
};

const SATURDAY = 5;
/** "this weekend", "last weekend", "over the weekend", "at the weekend" (not "weekends"). */
const WEEKEND =
	/\b(?:(this|last|past|next|coming)\s+|(?:over|at|during|on|for|through|across)\s+the\s+)weekend(?!\p{L})/giu;
/**
 * A weekend, as a range dated by its Saturday: "this" the current one on a weekend, else the coming
 * one; "last" the one before; "next" the coming one (a week on when published on a weekend); "the
 * weekend" the latest on or before publication, or the coming one in a future clause.
 */
const resolveWeekend: Resolve = (m, { text, pub }) => {
	const back = (weekdayOf(pub) - SATURDAY + 7) % 7;
	const forward = (SATURDAY - weekdayOf(pub) + 7) % 7;
	const onWeekend = weekdayOf(pub) >= SATURDAY;
	const modifier = m[1]?.toLowerCase();
	let shift: number;
	if (modifier === 'this') shift = onWeekend ? -back : forward;
	else if (modifier === 'last' || modifier === 'past') shift = onWeekend ? -back - 7 : -back;
	else if (modifier === 'next' || modifier === 'coming') shift = forward || 7;
	else shift = isFutureDate(text, m.index, m.index + m[0].length) ? forward : -back;
	return dayOf(addDays(pub, shift));
};

/**
 * "by the end of the year", "later in the month", "the rest of the year": the year (or month) of
 * publication, or the year written earlier in the sentence ("In 2019 … by the end of the year"). A
 * month is not read after another date, which it may belong to.
 */
const PART_OF_CURRENT =
	/\b(?:(?:end|start|beginning|middle|rest|remainder|close)\s+of|(?:later|earlier)\s+in)\s+the\s+(year|month)(?!\p{L})/giu;
const resolvePartOfCurrent: Resolve = (m, ctx) => {
	if (m[1]!.toLowerCase() === 'year') return yearOf(anchorYear(ctx, m.index) ?? ctx.pub.y);
	return ctx.found.some((f) => f.end <= m.index) ? null : monthOf(ctx.pub.y, ctx.pub.m);
};

/** Days, weeks and months counted back from publication, weekends, and parts of the current year or month. */
export const NEAR_STAGES: readonly Stage[] = [
	rule(AGO, resolveAgo),
	rule(WEEKEND, resolveWeekend),
	rule(PART_OF_CURRENT, resolvePartOfCurrent),
];
