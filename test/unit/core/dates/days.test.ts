import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../../src/core/dates/dates.js';

const dates = (sentence: string, published: string) => extractDates(sentence, published).map((d) => d.date);

// Monday 3 November 2025.
const MONDAY = '2025-11-03';

describe('extractDates: days in a year told relatively', () => {
	it('dates "on 4 November last year" in the year before publication, not the coming 4 November', () => {
		expect(extractDates('The dam failed on 4 November last year.', MONDAY)).toMatchObject([
			{ date: '2024-11-04', precision: 'day' },
		]);
		expect(dates('The dam failed on November 4 last year.', MONDAY)).toEqual(['2024-11-04']);
	});
	it('dates a month of last, this or next year at month precision', () => {
		expect(extractDates('Exports slumped in March last year.', MONDAY)).toMatchObject([
			{ date: '2024-03', precision: 'month' },
		]);
		expect(dates('The plant reopens in June next year.', MONDAY)).toEqual(['2026-06']);
		expect(dates('Rates were cut in February of this year.', MONDAY)).toEqual(['2025-02']);
	});
	it('refuses a day that the year told does not have', () => {
		expect(dates('A leap-day sale ran on 29 February last year.', '2026-03-02')).toEqual([]);
	});
});

describe('extractDates: ranges of days joined by words', () => {
	it('dates "from 1 July", which chrono-node reads as a range of unknown day, by the day written', () => {
		expect(dates('Fares rise from 1 July.', '2025-06-18')).toEqual(['2025-07-01']);
		expect(dates('The festival runs from 2 July to 5 August.', '2025-06-18')).toEqual(['2025-07-02']);
	});
	it('dates "between 3 and 5 May", "from 3 to 5 May" and "May 3 to 5" by the first day', () => {
		expect(dates('Between 3 and 5 May, the festival drew crowds.', '2025-06-18')).toEqual(['2025-05-03']);
		expect(dates('The fair ran from 3 to 5 May 2024.', '2025-06-18')).toEqual(['2024-05-03']);
		expect(dates('The fair ran May 3 to 5 in Leeds.', '2025-06-18')).toEqual(['2025-05-03']);
		expect(dates('The fair ran between May 3 and May 5.', '2025-06-18')).toEqual(['2025-05-03']);
	});
	it('keeps two days joined by "and" without "between" as the days they are', () => {
		expect(dates('Strikes hit on 3 and 5 May.', '2025-06-18')).toEqual(['2025-05-05']);
		expect(dates('The bill passed on 10 June and was signed on 12 June.', '2025-06-18')).toEqual([
			'2025-06-10',
			'2025-06-12',
		]);
	});
	it('does not read a time or percentage after a day as the end of a range', () => {
		expect(dates('Polls were open on May 3 until 8 p.m.', '2025-06-18')).toEqual(['2025-05-03']);
		expect(dates('Turnout on 3 May rose 8 per cent.', '2025-06-18')).toEqual(['2025-05-03']);
	});
});

describe('extractDates: days as chrono-node reads them, checked against the words', () => {
	it('takes a day only when a number writes it: "the end of March" is March', () => {
		expect(extractDates('The port reopened at the end of January.', MONDAY)).toMatchObject([
			{ date: '2025-01', precision: 'month' },
		]);
		expect(extractDates('The deal lapsed by the end of March 2024.', MONDAY)).toMatchObject([
			{ date: '2024-03', precision: 'month' },
		]);
	});
	it('picks the year whose calendar agrees with a weekday written beside a yearless day', () => {
		// 15 November is a Saturday in 2025 and a Sunday in 2026, whatever the tense says.
		expect(dates('Saturday 15 November, 10:55 — Voting begins on the island.', '2025-11-16')).toEqual(['2025-11-15']);
		expect(dates('Talks are set to resume on Tuesday, 10 March.', '2025-11-16')).toEqual(['2026-03-10']);
	});
});
