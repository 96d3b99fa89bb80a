import { describe, expect, it } from 'vitest';
import type { DateMention } from '../../../../src/core/dates/calendar.js';
import {
	anchorYear,
	block,
	DASH,
	MONTH,
	MONTH_ALONE_WORD,
	monthNumber,
	NUMBER_WORDS,
	rule,
	SEASONS,
	YEAR,
	type Context,
} from '../../../../src/core/dates/rule.js';

const PUB = { y: 2025, m: 6, d: 18 };
const ctx = (text: string, found: DateMention[] = []): Context => ({ text, pub: PUB, found });
const whole = (pattern: string, flags = 'u') => new RegExp(`^${pattern}$`, flags);

describe('monthNumber', () => {
	it('numbers month names and abbreviations by their first three letters, any case', () => {
		expect(monthNumber('January')).toBe(1);
		expect(monthNumber('Sept.')).toBe(9);
		expect(monthNumber('DEC')).toBe(12);
		expect(monthNumber('may')).toBe(5);
	});
	it('gives 0 for words that name no month', () => {
		expect(monthNumber('Monday')).toBe(0);
		expect(monthNumber('')).toBe(0);
		expect(monthNumber('ju')).toBe(0);
	});
});

describe('the patterns', () => {
	it('MONTH matches names and abbreviations, not a month that runs into more letters', () => {
		for (const word of ['January', 'Jan.', 'Jan', 'Sept.', 'Sep', 'September', 'June', 'Jun', 'May'])
			expect(word).toMatch(whole(MONTH));
		expect(new RegExp(MONTH, 'u').exec('Mayor')).toBeNull();
		expect(new RegExp(MONTH, 'u').exec('Marching')).toBeNull();
	});
	it('MONTH_ALONE_WORD matches full names and dotted abbreviations, not bare ones', () => {
		for (const word of ['March', 'Sept', 'Sept.', 'Oct.']) expect(word).toMatch(whole(MONTH_ALONE_WORD));
		for (const word of ['Oct', 'Mar', 'Jun']) expect(word).not.toMatch(whole(MONTH_ALONE_WORD));
	});
	it('YEAR matches four-digit years from 1800 to 2099 only', () => {
		for (const y of ['1800', '1999', '2000', '2099']) expect(y).toMatch(whole(YEAR));
		for (const y of ['1799', '2100', '999', '20245']) expect(y).not.toMatch(whole(YEAR));
	});
	it('DASH matches hyphen, en dash and em dash; SEASONS captures the season', () => {
		for (const d of ['-', '–', '—']) expect(d).toMatch(whole(DASH));
		expect(new RegExp(SEASONS, 'i').exec('last Fall')?.[1]).toBe('Fall');
	});
	it('NUMBER_WORDS counts "a" and "an" as one', () => {
		expect(NUMBER_WORDS.a).toBe(1);
		expect(NUMBER_WORDS.an).toBe(1);
		expect(NUMBER_WORDS.twelve).toBe(12);
	});
});

describe('rule and block', () => {
	it('claims each match with the offsets of its words and the date it resolves to', () => {
		const stage = rule(/\b(\d{4})\b/g, (m) => ({ date: m[1]!, precision: 'year' }));
		expect(stage(ctx('From 1990 to 2001.'))).toEqual([
			{ start: 5, end: 9, date: { date: '1990', precision: 'year' } },
			{ start: 13, end: 17, date: { date: '2001', precision: 'year' } },
		]);
	});
	it('leaves the words unclaimed when the resolver returns undefined, and claims them as no date on null', () => {
		const stage = rule(/\d+/g, (m) =>
			m[0] === '7' ? undefined : m[0] === '8' ? null : { date: '2020', precision: 'year' },
		);
		expect(stage(ctx('7 8 9'))).toEqual([
			{ start: 2, end: 3, date: null },
			{ start: 4, end: 5, date: { date: '2020', precision: 'year' } },
		]);
	});
	it('passes the context to the resolver', () => {
		const stage = rule(/now/g, (_m, c) => ({ date: String(c.pub.y), precision: 'year' }));
		expect(stage(ctx('now'))[0]?.date).toEqual({ date: '2025', precision: 'year' });
	});
	it('block claims every match as no date', () => {
		expect(block(/\$\d+/g)(ctx('paid $2000 and $30'))).toEqual([
			{ start: 5, end: 10, date: null },
			{ start: 15, end: 18, date: null },
		]);
		expect(block(/x/g)(ctx('none here'))).toEqual([]);
	});
});

describe('anchorYear', () => {
	const text = 'In 2019 and in March 2022, then last year, three years later';
	const at2019: DateMention = { date: '2019', precision: 'year', start: 3, end: 7 };
	const atMarch: DateMention = { date: '2022-03', precision: 'month', start: 15, end: 25 };
	const lastYear: DateMention = { date: '2024', precision: 'year', start: 32, end: 41 };
	it('takes the year of the nearest date before the position whose words hold a four-digit year', () => {
		expect(anchorYear(ctx(text, [at2019, atMarch]), 50)).toBe(2022);
		expect(anchorYear(ctx(text, [atMarch, at2019]), 50)).toBe(2022);
		expect(anchorYear(ctx(text, [at2019, atMarch]), 12)).toBe(2019);
	});
	it('skips dates told without a year written ("last year") and dates after the position', () => {
		expect(anchorYear(ctx(text, [at2019, lastYear]), 50)).toBe(2019);
		expect(anchorYear(ctx(text, [atMarch]), 10)).toBeUndefined();
		expect(anchorYear(ctx(text, []), 50)).toBeUndefined();
	});
});
