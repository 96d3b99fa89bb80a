import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	dayOf,
	daysIn,
	monthOf,
	weekdayOf,
	yearOf,
	type DateMention,
	type Day,
} from '../../../../src/core/dates/calendar.js';
import { RELATIVE_STAGES } from '../../../../src/core/dates/relative.js';
import type { Claim } from '../../../../src/core/dates/rule.js';

// Wednesday 18 June 2025.
const PUB: Day = { y: 2025, m: 6, d: 18 };
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Runs the relative stages in order, after explicit dates `found`: the first claim on some words wins. */
function claims(text: string, pub: Day = PUB, found: DateMention[] = []): Claim[] {
	const out: Claim[] = [];
	for (const stage of RELATIVE_STAGES) {
		for (const claim of stage({ text, pub, found })) {
			if (!out.some((c) => claim.start < c.end && c.start < claim.end)) out.push(claim);
		}
	}
	return out.sort((a, b) => a.start - b.start);
}
/** The date strings the stages find, in reading order. */
const dates = (text: string, pub: Day = PUB, found: DateMention[] = []) =>
	claims(text, pub, found).flatMap((c) => (c.date === null ? [] : [c.date.date]));
/** An explicit year written at `text.indexOf(words)`. */
const explicit = (text: string, words: string): DateMention => {
	const start = text.indexOf(words);
	return { ...yearOf(Number(/\d{4}/.exec(words)![0])), start, end: start + words.length };
};

const anyDay = fc
	.record({
		y: fc.integer({ min: 1900, max: 2090 }),
		m: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 31 }),
	})
	.map((t): Day => ({ ...t, d: Math.min(t.d, daysIn(t.y, t.m)) }));
const dayText = (t: Day) => dayOf(t).date;

describe('RELATIVE_STAGES: days', () => {
	it('reads yesterday and tomorrow as the day before and after publication', () => {
		fc.assert(
			fc.property(anyDay, (pub) => {
				expect(dates('It rained yesterday and clears tomorrow.', pub)).toEqual([
					dayText(addDays(pub, -1)),
					dayText(addDays(pub, 1)),
				]);
			}),
			{ numRuns: 300 },
		);
	});
	it('does not read "today"', () => {
		expect(claims('Today the city is calm.')).toEqual([]);
	});
	it('dates "on <weekday>" in a past clause within the six days up to publication, on that weekday', () => {
		fc.assert(
			fc.property(anyDay, fc.integer({ min: 0, max: 6 }), (pub, w) => {
				const [date] = dates(`They met on ${WEEKDAYS[w]}.`, pub);
				const back = (weekdayOf(pub) - w + 7) % 7;
				expect(date).toBe(dayText(addDays(pub, -back)));
			}),
			{ numRuns: 300 },
		);
	});
	it('dates "last" and "next" weekdays one to seven days away, never the publication day', () => {
		fc.assert(
			fc.property(anyDay, fc.integer({ min: 0, max: 6 }), (pub, w) => {
				const [last, next] = dates(`They met last ${WEEKDAYS[w]} and meet next ${WEEKDAYS[w]}.`, pub);
				const back = (weekdayOf(pub) - w + 7) % 7 || 7;
				const forward = (w - weekdayOf(pub) + 7) % 7 || 7;
				expect(last).toBe(dayText(addDays(pub, -back)));
				expect(next).toBe(dayText(addDays(pub, forward)));
			}),
			{ numRuns: 300 },
		);
	});
	it('dates a weekday in a future clause on or after publication', () => {
		expect(dates('The ministers will meet on Friday.')).toEqual(['2025-06-20']);
		expect(dates('The ministers will meet on Monday.')).toEqual(['2025-06-23']);
		expect(dates('They met on Monday.')).toEqual(['2025-06-16']);
		expect(dates('The vote this Friday decides it.')).toEqual(['2025-06-20']);
	});
	it('leaves weekdays that are names, and claims habits as no date', () => {
		expect(claims('Good Friday services were held.')).toEqual([]);
		expect(dates('Markets open every Tuesday.')).toEqual([]);
		expect(claims('Markets open every Tuesday.').map((c) => c.date)).toEqual([null]);
		expect(claims('the monday meeting')).toEqual([]);
	});
});

describe('RELATIVE_STAGES: weeks, months and years', () => {
	it('dates a week by the month of its Monday', () => {
		expect(dates('Talks resume next week.', { y: 2025, m: 6, d: 28 })).toEqual(['2025-06']);
		expect(dates('Talks resumed last week.', { y: 2025, m: 7, d: 2 })).toEqual(['2025-06']);
		expect(dates('Talks resume this week.', { y: 2025, m: 7, d: 2 })).toEqual(['2025-06']);
		expect(dates('Talks resume early next week.', { y: 2025, m: 7, d: 2 })).toEqual(['2025-07']);
	});
	it('reads last, this and next month across the turn of the year', () => {
		fc.assert(
			fc.property(anyDay, (pub) => {
				const before = pub.m === 1 ? monthOf(pub.y - 1, 12) : monthOf(pub.y, pub.m - 1);
				const after = pub.m === 12 ? monthOf(pub.y + 1, 1) : monthOf(pub.y, pub.m + 1);
				expect(dates('Prices rose last month, hold this month and fall next month.', pub)).toEqual([
					before.date,
					monthOf(pub.y, pub.m).date,
					after.date,
				]);
			}),
			{ numRuns: 300 },
		);
	});
	it('reads last, this and next year, but not "the last year", a duration', () => {
		expect(dates('Up last year, flat this year, down next year.')).toEqual(['2024', '2025', '2026']);
		expect(dates('Over the last year, prices rose.')).toEqual([]);
		expect(dates('In the last month alone.')).toEqual([]);
	});
	it('counts "N years ago" back from publication', () => {
		fc.assert(
			fc.property(anyDay, fc.integer({ min: 1, max: 99 }), (pub, n) => {
				expect(dates(`The war ended ${n} years ago.`, pub)).toEqual([String(pub.y - n)]);
			}),
			{ numRuns: 200 },
		);
		expect(dates('It opened a decade ago.')).toEqual(['2015']);
	});
});

describe('RELATIVE_STAGES: years counted from an explicit year', () => {
	it('counts "later", "earlier" and "on" from the nearest explicit year before', () => {
		const text = 'It began in 2019, and three years later it ended; a decade earlier nothing.';
		expect(dates(text, PUB, [explicit(text, '2019')])).toEqual(['2022', '2009']);
		const on = 'Signed in 2010, two years on, it held.';
		expect(dates(on, PUB, [explicit(on, '2010')])).toEqual(['2012']);
	});
	it('claims "N years later" and "the following year" as no date with no explicit year before', () => {
		const text = 'Three years later, and the following year, it ended.';
		expect(claims(text).map((c) => [text.slice(c.start, c.end), c.date])).toEqual([
			['Three years later', null],
			['the following year', null],
		]);
	});
	it('reads "the following year" and "the previous year" one year from the explicit year', () => {
		const text = 'Built in 2001; the following year it opened, the previous year it was planned.';
		expect(dates(text, PUB, [explicit(text, '2001')])).toEqual(['2002', '2000']);
	});
});

describe('RELATIVE_STAGES: seasons', () => {
	it('dates a season without a year by the year it starts in', () => {
		expect(dates('Fighting resumed last winter.')).toEqual(['2024']);
		expect(dates('Fighting resumed in the spring.')).toEqual(['2025']);
		expect(dates('It will reopen in the autumn.')).toEqual(['2025']);
		expect(dates('It reopens next summer.')).toEqual(['2026']);
		expect(dates('Snow fell this winter.', { y: 2025, m: 2, d: 1 })).toEqual(['2024']);
	});
	it('needs a word before the season, and leaves "the fall of" alone', () => {
		expect(claims('Prices fall when supply rises.')).toEqual([]);
		expect(claims('After the fall of the wall.')).toEqual([]);
	});
});

describe('RELATIVE_STAGES: months without a year', () => {
	it('takes the latest such month on or before publication', () => {
		expect(dates('In October the talks stalled.')).toEqual(['2024-10']);
		expect(dates('In June the talks stalled.')).toEqual(['2025-06']);
	});
	it('honours last, next and this', () => {
		expect(dates('Since last September, prices rose; next March they fall; this December too.')).toEqual([
			'2024-09',
			'2026-03',
			'2025-12',
		]);
	});
	it('takes the year written after a list of months (the month beside the year left to the explicit stages), else an explicit year before', () => {
		expect(dates('Between July and October 2024 it rose.')).toEqual(['2024-07']);
		expect(dates('In March, July and October 2023.')).toEqual(['2023-03', '2023-07']);
		const text = 'In late 2023, after the September offensive';
		expect(dates(text, PUB, [explicit(text, 'late 2023')])).toEqual(['2023-09']);
	});
	it('takes the year written after a list of months joined with a serial comma ("March, July, and October 2023")', () => {
		expect(dates('In March, July, and October 2023.')).toEqual(['2023-03', '2023-07']);
		expect(dates('In March, July, or October 2023.')).toEqual(['2023-03', '2023-07']);
	});
	it('leaves "May" without a word before it, and months that begin a name', () => {
		expect(claims('May he rest.')).toEqual([]);
		expect(claims('Singer June Carter performed.')).toEqual([]);
		expect(dates('Talks ended in May.')).toEqual(['2025-05']);
	});
});
