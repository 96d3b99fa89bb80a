import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	dateRange,
	dayOf,
	daysIn,
	DAY_MS,
	monthOf,
	msOf,
	parsePartialDate,
	weekdayOf,
	yearOf,
	type Day,
} from '../../../../src/core/dates/calendar.js';

/** Any real calendar day from 1800 to 2099. */
const anyDay = fc
	.record({
		y: fc.integer({ min: 1800, max: 2099 }),
		m: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 31 }),
	})
	.map((t): Day => ({ ...t, d: Math.min(t.d, daysIn(t.y, t.m)) }));

describe('yearOf, monthOf, dayOf', () => {
	it('write a date at its precision, months and days padded to two digits', () => {
		expect(yearOf(2024)).toEqual({ date: '2024', precision: 'year' });
		expect(monthOf(2024, 3)).toEqual({ date: '2024-03', precision: 'month' });
		expect(dayOf({ y: 2024, m: 2, d: 9 })).toEqual({ date: '2024-02-09', precision: 'day' });
	});
});

describe('daysIn', () => {
	it('counts the days of each month, February by the leap-year rule', () => {
		expect([1, 3, 4, 6, 9, 11, 12].map((m) => daysIn(2023, m))).toEqual([31, 31, 30, 30, 30, 30, 31]);
		expect(daysIn(2024, 2)).toBe(29);
		expect(daysIn(2023, 2)).toBe(28);
		expect(daysIn(1900, 2)).toBe(28);
		expect(daysIn(2000, 2)).toBe(29);
	});
});

describe('msOf and weekdayOf', () => {
	it('give UTC midnight and the weekday counted from Monday', () => {
		expect(msOf({ y: 1970, m: 1, d: 2 })).toBe(DAY_MS);
		expect(weekdayOf({ y: 2024, m: 5, d: 13 })).toBe(0);
		expect(weekdayOf({ y: 2025, m: 9, d: 7 })).toBe(6);
		expect(weekdayOf({ y: 2024, m: 12, d: 5 })).toBe(3);
	});
	it('moves the weekday on by one each day', () => {
		fc.assert(
			fc.property(anyDay, (t) => {
				expect(weekdayOf(addDays(t, 1))).toBe((weekdayOf(t) + 1) % 7);
			}),
		);
	});
});

describe('addDays', () => {
	it('crosses month, year and leap-day boundaries', () => {
		expect(addDays({ y: 2024, m: 2, d: 28 }, 1)).toEqual({ y: 2024, m: 2, d: 29 });
		expect(addDays({ y: 2023, m: 2, d: 28 }, 1)).toEqual({ y: 2023, m: 3, d: 1 });
		expect(addDays({ y: 2024, m: 12, d: 31 }, 1)).toEqual({ y: 2025, m: 1, d: 1 });
		expect(addDays({ y: 2025, m: 1, d: 1 }, -1)).toEqual({ y: 2024, m: 12, d: 31 });
		expect(addDays({ y: 2024, m: 5, d: 13 }, 0)).toEqual({ y: 2024, m: 5, d: 13 });
	});
	it('undoes itself: n days on, then n days back, is the day it started from', () => {
		fc.assert(
			fc.property(anyDay, fc.integer({ min: -40_000, max: 40_000 }), (t, n) => {
				expect(addDays(addDays(t, n), -n)).toEqual(t);
			}),
		);
	});
	it('adds up: a days then b days is a + b days, and moves msOf by n days exactly', () => {
		fc.assert(
			fc.property(
				anyDay,
				fc.integer({ min: -5_000, max: 5_000 }),
				fc.integer({ min: -5_000, max: 5_000 }),
				(t, a, b) => {
					expect(addDays(addDays(t, a), b)).toEqual(addDays(t, a + b));
					expect(msOf(addDays(t, a)) - msOf(t)).toBe(a * DAY_MS);
				},
			),
		);
	});
});

describe('parsePartialDate', () => {
	it('reads a year, a month and a day at their precisions, trimming spaces', () => {
		expect(parsePartialDate('2024')).toEqual({ date: '2024', precision: 'year' });
		expect(parsePartialDate('2024-02')).toEqual({ date: '2024-02', precision: 'month' });
		expect(parsePartialDate(' 2024-02-29 ')).toEqual({ date: '2024-02-29', precision: 'day' });
	});
	it('refuses days and months the calendar lacks, and anything not in the three forms', () => {
		for (const text of [
			'2023-02-29',
			'2024-13',
			'2024-00',
			'2024-04-31',
			'2024-01-00',
			'24',
			'2024-1-5',
			'2024/01/05',
			'May 2024',
			'',
			'20245',
		]) {
			expect(parsePartialDate(text), text).toBeNull();
		}
	});
	it('reads back every day it writes', () => {
		fc.assert(
			fc.property(anyDay, (t) => {
				expect(parsePartialDate(dayOf(t).date)).toEqual(dayOf(t));
				expect(parsePartialDate(monthOf(t.y, t.m).date)).toEqual(monthOf(t.y, t.m));
				expect(parsePartialDate(yearOf(t.y).date)).toEqual(yearOf(t.y));
			}),
		);
	});
});

describe('dateRange', () => {
	it('gives the first and last day a date covers', () => {
		expect(dateRange({ date: '2024-02', precision: 'month' })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
		expect(dateRange({ date: '2023-02', precision: 'month' })).toEqual({ start: '2023-02-01', end: '2023-02-28' });
		expect(dateRange({ date: '2024', precision: 'year' })).toEqual({ start: '2024-01-01', end: '2024-12-31' });
		expect(dateRange({ date: '2024-07-04', precision: 'day' })).toEqual({ start: '2024-07-04', end: '2024-07-04' });
	});
	it('holds the day inside its month’s and year’s ranges, both ends real days', () => {
		fc.assert(
			fc.property(anyDay, (t) => {
				const day = dayOf(t).date;
				for (const range of [dateRange(monthOf(t.y, t.m)), dateRange(yearOf(t.y))]) {
					expect(range.start <= day && day <= range.end).toBe(true);
					expect(parsePartialDate(range.start)?.precision).toBe('day');
					expect(parsePartialDate(range.end)?.precision).toBe('day');
				}
			}),
		);
	});
});
