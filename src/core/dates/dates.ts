import { parsePartialDate, type DateMention, type Day, type PartialDate } from './calendar.js';
import { EXPLICIT_STAGES } from './explicit.js';
import { NEAR_STAGES } from './near.js';
import { RELATIVE_STAGES } from './relative.js';
import type { Claim, Stage } from './rule.js';

export { dateRange, parsePartialDate, type DateMention, type PartialDate, type Precision } from './calendar.js';
export { DATES_VERSION } from './version.js';
/** Dates before this year are refused as implausible. */
export const MIN_YEAR = 1800;
/** Dates more than this many years after publication are refused as implausible. */
export const MAX_YEARS_AHEAD = 5;

/**
 * The stages, in order; a stage's claim is dropped when it overlaps words an earlier stage claimed.
 * Non-dates go first so no later rule reads "$50,000" or "[17]"; explicit dates come before relative
 * ones, which may count from them.
 */
const STAGES: readonly Stage[] = [...EXPLICIT_STAGES, ...NEAR_STAGES, ...RELATIVE_STAGES];

/** Words between two dates that make the second the end of a range: "2020–2023", "March to June". */
const RANGE_GAP = /^\s*(?:[–—-]|to|until|till|through|thru)\s*$/i;

/** Drops the end of each range, which is dated by its start ("between 2020 and 2023" → 2020). */
function dropRangeEnds(text: string, mentions: readonly DateMention[]): DateMention[] {
	return mentions.filter((b, i) => {
		const a = mentions[i - 1];
		if (a === undefined) return true;
		const gap = text.slice(a.end, b.start);
		if (RANGE_GAP.test(gap)) return false;
		const opened =
			/\b(?:between|from)\s+$/i.test(text.slice(0, a.start)) || /^(?:between|from)\b/i.test(text.slice(a.start, a.end));
		return !(/^\s*and\s*$/i.test(gap) && opened);
	});
}

function parseDay(published: string): Day {
	const date = parsePartialDate(published);
	if (date?.precision !== 'day')
		throw new Error(`publication date must be YYYY-MM-DD, got "${published.slice(0, 40)}"`);
	return { y: Number(date.date.slice(0, 4)), m: Number(date.date.slice(5, 7)), d: Number(date.date.slice(8, 10)) };
}

const plausible = (date: PartialDate, maxYear: number) => {
	const y = Number(date.date.slice(0, 4));
	return y >= MIN_YEAR && y <= maxYear;
};

/**
 * Two publication days far apart, for a source whose own is unknown: a date read alike against both
 * depends on no publication date ("7 December 2017", "in 2015"); one that moves with them ("on
 * Saturday", "last month", "March 3") cannot be placed and is dropped.
 */
const UNDATED_ANCHORS: readonly [Day, Day] = [
	{ y: 1987, m: 2, d: 11 },
	{ y: 2043, m: 10, d: 27 },
];
/** The latest year a date of a source with no publication date may fall in. */
const UNDATED_MAX_YEAR = 2100;

function mentionsAgainst(sentence: string, pub: Day, maxYear: number): DateMention[] {
	const claims: Claim[] = [];
	const found: DateMention[] = [];
	for (const stage of STAGES) {
		for (const claim of stage({ text: sentence, pub, found })) {
			if (claims.some((c) => claim.start < c.end && c.start < claim.end)) continue;
			claims.push(claim);
			if (claim.date !== null && plausible(claim.date, maxYear))
				found.push({ ...claim.date, start: claim.start, end: claim.end });
		}
	}
	return found.sort((a, b) => a.start - b.start);
}

/** The dates a sentence states in full: those read alike whatever the publication date. */
function statedDates(sentence: string): DateMention[] {
	const [a, b] = UNDATED_ANCHORS.map((pub) => mentionsAgainst(sentence, pub, UNDATED_MAX_YEAR)) as [
		DateMention[],
		DateMention[],
	];
	const key = (m: DateMention) => `${m.start}:${m.end}:${m.date}:${m.precision}`;
	const inB = new Set(b.map(key));
	return a.filter((m) => inB.has(key(m)));
}

/**
 * The dates a sentence states, in reading order, resolved against the publication date
 * (`YYYY-MM-DD`; relative words such as "on Saturday" or "last month" count from it). chrono-node reads
 * calendar dates; our rules read ranges (dated by their start), bare and partial years, decades,
 * seasons (year precision), weeks (the month of their Monday), weekdays, months without a year and
 * "N years later". Money, percentages, counts, durations, footnote markers, labels ("Article 12") and
 * years that only name a document are no dates. Every date lies in [{@link MIN_YEAR}, publication
 * year + {@link MAX_YEARS_AHEAD}]. A date may be found twice (two mentions of the same day).
 *
 * With no publication date (`undefined`: a page that states none), only the dates the sentence states
 * in full are read; relative ones have nothing to count from and are left out.
 */
export function extractDates(sentence: string, published: string | undefined): DateMention[] {
	if (published === undefined) return dropRangeEnds(sentence, statedDates(sentence));
	const pub = parseDay(published);
	return dropRangeEnds(sentence, mentionsAgainst(sentence, pub, pub.y + MAX_YEARS_AHEAD));
}
