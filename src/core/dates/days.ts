import * as chrono from 'chrono-node';
import { DAY_MS, dayOf, daysIn, monthOf, msOf, weekdayOf, type Day, type PartialDate } from './calendar.js';
import {
	DASH,
	MONTH,
	MONTH_ALONE_WORD,
	monthNumber,
	rule,
	YEAR,
	type Context,
	type Resolve,
	type Stage,
} from './rule.js';
import { tenseOf } from './tense.js';

/** Where a match lies in the sentence. */
interface Span {
	readonly start: number;
	readonly end: number;
}
const spanOf = (m: RegExpExecArray): Span => ({ start: m.index, end: m.index + m[0].length });

/** A date without a year told in no clear tense is taken as upcoming when it is at most this many days ahead. */
const IMMINENT_DAYS = 31;

const WEEKDAY_NAME = /\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/u;
const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
	Mon: 0,
	Tues: 1,
	Wednes: 2,
	Thurs: 3,
	Fri: 4,
	Satur: 5,
	Sun: 6,
};

/** The weekday (0 = Monday) written with a date, as in "Saturday 15 November" or "Tuesday, June 9". */
function writtenWeekday(text: string, at: Span): number | undefined {
	const w = WEEKDAY_NAME.exec(text.slice(Math.max(0, at.start - 11), at.end));
	return w === null ? undefined : WEEKDAY_INDEX[w[1]!];
}

/**
 * The year of a day told without one. A weekday written with it picks the year whose calendar agrees
 * ("Saturday 15 November" in 2025, not 2026). Otherwise: in the future tense the first such day on or
 * after publication (a schedule told in the present: unless the latest one is at most
 * {@link IMMINENT_DAYS} behind and the next further); in the past tense the latest on or before it;
 * else the latest on or before it, unless the next one is at most {@link IMMINENT_DAYS} ahead.
 */
function yearlessDay(m: number, d: number, ctx: Context, at: Span): Day | null {
	const { pub } = ctx;
	const options = [pub.y - 1, pub.y, pub.y + 1].filter((y) => d >= 1 && d <= daysIn(y, m)).map((y) => ({ y, m, d }));
	const weekday = writtenWeekday(ctx.text, at);
	const agreeing = options.filter((t) => weekdayOf(t) === weekday);
	if (agreeing.length > 0)
		return agreeing.sort((a, b) => Math.abs(msOf(a) - msOf(pub)) - Math.abs(msOf(b) - msOf(pub)))[0]!;
	const ahead = options.find((t) => msOf(t) >= msOf(pub));
	const behind = options.filter((t) => msOf(t) <= msOf(pub)).pop();
	const tense = tenseOf(ctx.text, at.start, at.end);
	const near = (t: Day | undefined) => t !== undefined && Math.abs(msOf(t) - msOf(pub)) <= IMMINENT_DAYS * DAY_MS;
	if (tense === 'present' && near(behind) && !near(ahead)) return behind!;
	if (ahead !== undefined && tense !== 'past' && (tense !== undefined || near(ahead))) return ahead;
	return behind ?? ahead ?? null;
}

function dayFrom(m: number, d: number, year: string | undefined, ctx: Context, at: Span): PartialDate | undefined {
	if (year !== undefined) return d >= 1 && d <= daysIn(Number(year), m) ? dayOf({ y: Number(year), m, d }) : undefined;
	const day = yearlessDay(m, d, ctx, at);
	return day === null ? undefined : dayOf(day);
}

const ORDINAL = '(?:st|nd|rd|th)?';
/** What joins the two ends of a range of days; "and" only after "between". */
const RANGE_JOIN = String.raw`(\s*${DASH}\s*|\s+(?:to|until|till|through|and)\s+)`;
/** After the last day of a range: no time of day, percentage or further digit ("May 3 to 5 p.m."). */
const NOT_A_DAY_AFTER = String.raw`(?!\d|\s*(?:[ap]\.?m\b|%|per\s*cent))`;
const joinedByAndAlone = (m: RegExpExecArray, join: string | undefined) =>
	/and/i.test(join ?? '') && m[1] === undefined;

/** "Sept. 19–20, 2023", "November 21–22", "May 30–June 2", "between May 3 and 5", "from June 1 to July 4": the first day. */
const DAY_RANGE = new RegExp(
	String.raw`(?:\b([Bb]etween)\s+)?\b(${MONTH})\s+(\d{1,2})${ORDINAL}${RANGE_JOIN}(?:${MONTH}\s+)?\d{1,2}${ORDINAL}${NOT_A_DAY_AFTER}(?:,?\s+(${YEAR})(?!\d))?`,
	'gu',
);
/** "19–20 September 2023", "30 May–2 June", "between 3 and 5 May", "from 1 to 4 July": the first day. */
const DAY_RANGE_DMY = new RegExp(
	String.raw`(?:\b([Bb]etween)\s+)?\b(\d{1,2})${ORDINAL}(?:\s+(?:of\s+)?(${MONTH}))?${RANGE_JOIN}\d{1,2}${ORDINAL}\s+(?:of\s+)?(${MONTH})(?:,?\s+(${YEAR})(?!\d))?`,
	'gu',
);
const resolveDayRange: Resolve = (m, ctx) =>
	joinedByAndAlone(m, m[4]) ? undefined : dayFrom(monthNumber(m[2]!), Number(m[3]), m[5], ctx, spanOf(m));
const resolveDayRangeDmy: Resolve = (m, ctx) =>
	joinedByAndAlone(m, m[4]) ? undefined : dayFrom(monthNumber(m[3] ?? m[5]!), Number(m[2]), m[6], ctx, spanOf(m));

const SHIFT: Readonly<Record<string, number>> = { last: -1, this: 0, next: 1 };
/** "on 4 November last year", "in March this year", "June 3 of next year": a day or month of a year told relatively. */
const IN_RELATIVE_YEAR = new RegExp(
	String.raw`\b(?:(\d{1,2})${ORDINAL}\s+(?:of\s+)?(${MONTH})|(${MONTH})\s+(\d{1,2})${ORDINAL}(?!\d)|(${MONTH_ALONE_WORD}))(?:,)?\s+(?:of\s+)?(last|this|next)\s+year(?!\p{L})`,
	'gu',
);
const resolveInRelativeYear: Resolve = (m, { pub }) => {
	const y = pub.y + (SHIFT[m[6]!.toLowerCase()] ?? 0);
	const month = monthNumber(m[2] ?? m[3] ?? m[5]!);
	const day = Number(m[1] ?? m[4] ?? 0);
	if (day === 0) return monthOf(y, month);
	return day <= daysIn(y, month) ? dayOf({ y, m: month, d: day }) : null;
};

const CAPITALIZED_MONTH = new RegExp(String.raw`\b${MONTH}`, 'u');
/** A day and month as written: "1 July", "3rd of March", "July 1". */
const WRITTEN_DAY = new RegExp(
	String.raw`\b(\d{1,2})${ORDINAL}\s+(?:of\s+)?(${MONTH})|\b(${MONTH})\s+(\d{1,2})${ORDINAL}(?!\d)`,
	'u',
);

/**
 * The first day and month a chrono-node result's words write out. chrono-node misreads some ("from 1
 * July" as a range of uncertain day; "from 1 July to 3 August" as 3 July), so the words win.
 */
function writtenDay(words: string): { m: number; d: number } | undefined {
	const w = WRITTEN_DAY.exec(words);
	if (w === null) return undefined;
	return { m: monthNumber(w[2] ?? w[3]!), d: Number(w[1] ?? w[4]) };
}

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;

/**
 * chrono-node for calendar dates written out: "6 February 2023", "June 16, 2021", "Aug. 8", "July
 * 2024", "2024-05-11". Only results naming a month (or ISO dates) with a day or a year are taken: the
 * relative words it reads ("now", "three years later") and bare months are ours to resolve. A day must
 * be written as a number: "the end of March 2024" is March, not the 31st.
 */
const chronoDates: Stage = (ctx) => {
	const { text, pub } = ctx;
	const ref = { instant: new Date(Date.UTC(pub.y, pub.m - 1, pub.d, 12)), timezone: 0 };
	return chrono.parse(text, ref).flatMap((r) => {
		if (!CAPITALIZED_MONTH.test(r.text) && !ISO_DAY.test(r.text)) return [];
		const c = r.start;
		if (!c.isCertain('month')) return [];
		const span = { start: r.index, end: r.index + r.text.length };
		const iso = ISO_DAY.test(r.text);
		const written = iso ? undefined : writtenDay(r.text);
		const y = c.get('year') ?? pub.y;
		const [m, d] = written === undefined ? [c.get('month') ?? 1, c.get('day') ?? 1] : [written.m, written.d];
		let date: PartialDate | null;
		if (written !== undefined || (iso && c.isCertain('day'))) {
			date = c.isCertain('year')
				? d <= daysIn(y, m)
					? dayOf({ y, m, d })
					: null
				: (dayFrom(m, d, undefined, ctx, span) ?? null);
		} else if (c.isCertain('year')) date = monthOf(y, m);
		else return [];
		return date === null ? [] : [{ ...span, date }];
	});
};

/** "May 3", "3rd of May", "3 May 2024", "May 3, 2024": what chrono-node missed (it reads "May 3 to 8 p.m." as a time range). */
const DAY_MONTH = new RegExp(
	String.raw`\b(?:(\d{1,2})${ORDINAL}\s+(?:of\s+)?(${MONTH})|(${MONTH})\s+(\d{1,2})${ORDINAL}(?![\d:.]\d))(?:,?\s+(${YEAR})(?!\d))?`,
	'gu',
);
const resolveDayMonth: Resolve = (m, ctx) =>
	dayFrom(monthNumber(m[2] ?? m[3]!), Number(m[1] ?? m[4]), m[5], ctx, spanOf(m));

/** The stages that read days (and months of a relatively told year), in order: ours, chrono-node's, then ours again for what it missed. */
export const DAY_STAGES: readonly Stage[] = [
	rule(IN_RELATIVE_YEAR, resolveInRelativeYear),
	rule(DAY_RANGE, resolveDayRange),
	rule(DAY_RANGE_DMY, resolveDayRangeDmy),
	chronoDates,
	rule(DAY_MONTH, resolveDayMonth),
];
