import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../../src/core/dates/dates.js';

const dates = (sentence: string, published: string) => extractDates(sentence, published).map((d) => d.date);

// Wednesday 18 June 2025; Saturday 21 June and Sunday 22 June 2025.
const WEDNESDAY = '2025-06-18';
const SUNDAY = '2025-06-22';

describe('extractDates: days, weeks and months ago', () => {
	it('counts days back from publication at day precision', () => {
		expect(extractDates('The pipeline burst two days ago.', WEDNESDAY)).toMatchObject([
			{ date: '2025-06-16', precision: 'day' },
		]);
		expect(dates('The pipeline burst 10 days ago.', WEDNESDAY)).toEqual(['2025-06-08']);
	});
	it('dates a week back by the month of its Monday, and a month back at month precision', () => {
		expect(dates('She was hired three weeks ago.', WEDNESDAY)).toEqual(['2025-05']);
		expect(dates('She was hired a week ago.', WEDNESDAY)).toEqual(['2025-06']);
		expect(extractDates('The fund closed a month ago.', '2025-01-10')).toMatchObject([
			{ date: '2024-12', precision: 'month' },
		]);
	});
	it('refuses a count of days that is no time back', () => {
		expect(dates('The strike lasted two days.', WEDNESDAY)).toEqual([]);
		expect(dates('A few days ago, rain fell.', WEDNESDAY)).toEqual([]);
	});
});

describe('extractDates: weekends, dated by their Saturday', () => {
	it('takes the latest weekend for one told in the past, the coming one in a future clause', () => {
		expect(extractDates('Crowds gathered over the weekend.', WEDNESDAY)).toMatchObject([
			{ date: '2025-06-14', precision: 'day' },
		]);
		expect(dates('Storms will arrive at the weekend.', WEDNESDAY)).toEqual(['2025-06-21']);
	});
	it('reads this, last and next weekend from a weekday and from a weekend', () => {
		expect(dates('The fair opens this weekend.', WEDNESDAY)).toEqual(['2025-06-21']);
		expect(dates('The fair closed last weekend.', WEDNESDAY)).toEqual(['2025-06-14']);
		expect(dates('The fair returns next weekend.', WEDNESDAY)).toEqual(['2025-06-21']);
		expect(dates('Fans flocked to the fair this weekend.', SUNDAY)).toEqual(['2025-06-21']);
		expect(dates('The fair closed last weekend.', SUNDAY)).toEqual(['2025-06-14']);
		expect(dates('The fair returns next weekend.', SUNDAY)).toEqual(['2025-06-28']);
	});
	it('refuses weekends in general', () => {
		expect(dates('The museum opens on weekends.', WEDNESDAY)).toEqual([]);
		expect(dates('A weekend of rain is rare.', WEDNESDAY)).toEqual([]);
	});
});

describe('extractDates: parts of the current year or month', () => {
	it('dates "the end of the year" to the publication year, or to the year written before it', () => {
		expect(extractDates('A ruling is not expected before the end of the year.', WEDNESDAY)).toMatchObject([
			{ date: '2025', precision: 'year' },
		]);
		expect(dates('The mine opened in 2019 and closed later in the year.', WEDNESDAY)).toEqual(['2019', '2019']);
	});
	it('dates "the end of the month" to the publication month, unless another date comes first', () => {
		expect(extractDates('Bids are due by the end of the month.', WEDNESDAY)).toMatchObject([
			{ date: '2025-06', precision: 'month' },
		]);
		expect(dates('The strike began on 2 May and ended at the end of the month.', WEDNESDAY)).toEqual(['2025-05-02']);
	});
});
