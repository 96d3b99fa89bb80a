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
			if (claim.date !== null && plausible(claim.date, pub))
				found.push({ ...claim.date, start: claim.start, end: claim.end });
		}
	}
	return dropRangeEnds(
		sentence,
		found.sort((a, b) => a.start - b.start),
	);
}
