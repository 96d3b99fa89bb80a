import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysIn, type Day, type PartialDate } from '../../../../src/core/dates/calendar.js';
import { EXPLICIT_STAGES } from '../../../../src/core/dates/explicit.js';
import type { Claim } from '../../../../src/core/dates/rule.js';

const PUB: Day = { y: 2025, m: 6, d: 18 };

/** Runs the stages in order as extractDates does: the first claim on some words wins. */
function claims(text: string, pub: Day = PUB): Claim[] {
	const out: Claim[] = [];
	for (const stage of EXPLICIT_STAGES) {
		const found = out.flatMap((c) => (c.date === null ? [] : [{ ...c.date, start: c.start, end: c.end }]));
		for (const claim of stage({ text, pub, found })) {
			if (!out.some((c) => claim.start < c.end && c.start < claim.end)) out.push(claim);
		}
	}
	return out.sort((a, b) => a.start - b.start);
}
/** The dates the stages find, in reading order. */
const dates = (text: string) => claims(text).flatMap((c) => (c.date === null ? [] : [c.date]));
const year = (y: number): PartialDate => ({ date: String(y), precision: 'year' });

describe('EXPLICIT_STAGES: numeric dates', () => {
	it('reads day and month in either order when a part is over 12, else only the year', () => {
		expect(dates('on 25.12.2023')).toEqual([{ date: '2023-12-25', precision: 'day' }]);
		expect(dates('on 12/31/2023')).toEqual([{ date: '2023-12-31', precision: 'day' }]);
		expect(dates('on 10/11/2020')).toEqual([year(2020)]);
	});
	it('claims an impossible numeric date as no date, the year in it included', () => {
		expect(claims('on 31/02/2023')).toEqual([{ start: 3, end: 13, date: null }]);
		expect(claims('on 13/13/2023').map((c) => c.date)).toEqual([null]);
		expect(dates('on 0/5/2023')).toEqual([]);
	});
	it('reads every real day written day first with a day over 12', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1800, max: 2099 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 13, max: 31 }),
				(y, m, d) => {
					fc.pre(d <= daysIn(y, m));
					const text = `Signed on ${d}.${m}.${y}.`;
					expect(dates(text)).toEqual([
						{ date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, precision: 'day' },
					]);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('EXPLICIT_STAGES: numbers that are no dates', () => {
	it('claims money, percentages, scaled counts, thousands, decimals and footnotes as no date', () => {
		for (const text of [
			'$2024',
			'US$ 1990 million',
			'€2000',
			'SEK 2000',
			'2000 CHF',
			'2020%',
			'2019 percent',
			'2021 million people',
			'2,024',
			'2020.5',
			'said it.[2019]',
		]) {
			expect(dates(text), text).toEqual([]);
			expect(claims(text).length, text).toBeGreaterThan(0);
		}
	});
	it('claims a year that only names a document as no date', () => {
		expect(dates('under the 1991 Alma-Ata Declaration')).toEqual([]);
		expect(dates('by a 1989 unification act')).toEqual([]);
		expect(dates('the 2020 war ended')).toEqual([year(2020)]);
	});
	it('refuses labels and counts before and after a year', () => {
		for (const text of [
			'Article 1990 says',
			'flight 2024 landed',
			'No. 2020',
			'#2021',
			'2000 troops',
			'1990 km away',
			'about 2024 officers came',
		]) {
			expect(dates(text), text).toEqual([]);
		}
	});
	it('never dates money, whatever the amount', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('$', '€', '£', 'USD ', 'EUR '),
				fc.integer({ min: 1800, max: 2099 }),
				(currency, n) => {
					expect(dates(`It cost ${currency}${n} in all.`)).toEqual([]);
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('EXPLICIT_STAGES: years, decades and seasons', () => {
	it('reads bare years with their offsets, "mid-" and "late" included', () => {
		const text = 'Between mid-2022 and late 2023, then 2024.';
		expect(claims(text).map((c) => [text.slice(c.start, c.end), c.date?.date])).toEqual([
			['mid-2022', '2022'],
			['late 2023', '2023'],
			['2024', '2024'],
		]);
	});
	it('reads a year before 1900 only after a preposition', () => {
		expect(dates('founded in 1878')).toEqual([year(1878)]);
		expect(dates('some 1878 were there')).toEqual([]);
	});
	it('dates a decade by the start of its part', () => {
		expect(dates('the 1990s')).toEqual([year(1990)]);
		expect(dates('in the early 2000s')).toEqual([year(2000)]);
		expect(dates('the mid-1980s')).toEqual([year(1984)]);
		expect(dates('the late 1970’s')).toEqual([year(1977)]);
	});
	it('reads a season with its year at year precision', () => {
		expect(dates('in summer 2024')).toEqual([year(2024)]);
		expect(dates('the winter of 1993')).toEqual([year(1993)]);
	});
	it('reads any year after "in"', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1800, max: 2099 }), (y) => {
				expect(dates(`It happened in ${y}.`)).toEqual([year(y)]);
			}),
			{ numRuns: 300 },
		);
	});
	it('claims nothing in text without numbers or dates', () => {
		expect(claims('The talks went on without result.')).toEqual([]);
	});
});
