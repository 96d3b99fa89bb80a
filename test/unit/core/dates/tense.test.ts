import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../../src/core/dates/dates.js';
import { isPastNextTo, tenseOf } from '../../../../src/core/dates/tense.js';

const dates = (sentence: string, published: string) => extractDates(sentence, published).map((d) => d.date);
/** The tense of the first occurrence of `date` in `sentence`. */
const tense = (sentence: string, date: string) => {
	const at = sentence.indexOf(date);
	return tenseOf(sentence, at, at + date.length);
};

// Wednesday 18 June 2025: "on Monday" is the 16th when past, "on Friday" the 20th when future.
const WEDNESDAY = '2025-06-18';

describe('tenseOf', () => {
	it('reads the past from a past-tense verb right next to the date, whatever the clause holds', () => {
		expect(tense('The firm said on Monday it will cut 500 jobs.', 'on Monday')).toBe('past');
		expect(tense('Both teams on Monday signed a deal that will run for years.', 'on Monday')).toBe('past');
		expect(tense('The mayor spoke Monday about plans that will change the city.', 'Monday')).toBe('past');
		const sentence = 'The bill was approved in March.';
		expect(isPastNextTo(sentence, sentence.indexOf('in March'), sentence.indexOf('.'))).toBe(true);
	});
	it('reads the past from a past-tense verb a few words before the date when the clause holds no future word', () => {
		expect(tense('The talks took place on 25 March.', 'on 25 March')).toBe('past');
		expect(tense('The board approved the plan in March.', 'in March')).toBe('past');
	});
	it('reads a date that something is put off until as future', () => {
		expect(tense('The judge adjourned the hearing until 14 July.', '14 July')).toBe('future');
		expect(tense('The launch was postponed to September.', 'to September')).toBe('future');
	});
	it('does not take a passive participle after "be" or "would" for a past tense', () => {
		expect(tense('A plaque will be unveiled on Friday.', 'on Friday')).toBe('future');
		expect(tense('The fares would be frozen from 1 July.', '1 July')).toBe('future');
	});
	it('reads the future from the clause the date is in, not from a clause after "that" or "which"', () => {
		expect(tense('Rail workers will strike on Friday.', 'on Friday')).toBe('future');
		expect(tense('The ministry confirmed on Monday that a new tax will apply.', 'on Monday')).toBe('past');
		expect(tense('Rivals agreed a truce on Monday which will hold for a week.', 'on Monday')).toBe('past');
		expect(tense('Rivals said a truce on Monday will hold for a week.', 'on Monday')).toBe('future');
		expect(tense('The ministers, who will meet on Friday, disagree.', 'on Friday')).toBe('future');
		expect(tense('The roads will stay shut until 06:00 on Friday.', 'on Friday')).toBe('future');
	});
	it('reads reported plans, expectations, deadlines and forecasts as future', () => {
		expect(tense('Officials said the cuts would continue on Friday.', 'on Friday')).toBe('future');
		expect(tense('The airline expects to resume flights in the spring.', 'in the spring')).toBe('future');
		expect(tense('A vote is expected on Friday.', 'on Friday')).toBe('future');
		expect(tense('Forecasters predict snow for Friday and forecast rain after.', 'Friday')).toBe('future');
		expect(tense('Bidders must file their offers by Friday.', 'Friday')).toBe('future');
		expect(tense('Tenants have until Friday to object.', 'Friday')).toBe('future');
	});
	it('does not read "would have" or a "would" after the date as future', () => {
		expect(tense('Without the loan the mill would have shut in March.', 'in March')).toBeUndefined();
		expect(tense('The accord reached in March would end the dispute.', 'in March')).toBe('past');
		expect(tense('The accord of March would end the dispute.', 'March')).toBeUndefined();
	});
	it('reads a schedule in the present tense as future, unless a verb of the clause is in the past', () => {
		expect(tense('The trial opens on Monday in Lyon.', 'on Monday')).toBe('present');
		expect(tense('The new tariff takes effect in August.', 'in August')).toBe('present');
		expect(tense('The trial opens on Monday, lawyers said.', 'on Monday')).toBe('present');
		expect(tense('Lawyers said the trial opened on Monday.', 'on Monday')).toBe('past');
		expect(tense('The show opened this week and runs until May.', 'until May')).toBe('present');
	});
	it('gives a date fronted alone before a comma the tense of the clause after it', () => {
		expect(tense('On Friday, the envoy will fly to Rome.', 'On Friday')).toBe('future');
		expect(tense('Late on Friday, the envoy flew to Rome.', 'on Friday')).toBeUndefined();
	});
});

describe('extractDates: weekdays, months and days by tense', () => {
	it('dates a weekday after a past-tense report to the past even when a later clause speaks of the future', () => {
		expect(dates('The firm said on Monday it will cut 500 jobs.', WEDNESDAY)).toEqual(['2025-06-16']);
		expect(dates('Both unions on Monday approved a pact that will end the strike.', WEDNESDAY)).toEqual(['2025-06-16']);
	});
	it('dates reported plans, forecasts and present schedules to the next such day', () => {
		expect(dates('Officials said the cuts would continue on Friday.', WEDNESDAY)).toEqual(['2025-06-20']);
		expect(dates('The weather service forecast heavy rain for Friday.', WEDNESDAY)).toEqual(['2025-06-20']);
		expect(dates('Voters go to the polls on Sunday.', WEDNESDAY)).toEqual(['2025-06-22']);
		expect(dates('On Friday, the envoy will fly to Rome.', WEDNESDAY)).toEqual(['2025-06-20']);
	});
	it('dates a yearless day or season in a future clause to the next one', () => {
		expect(dates('About 40,000 flats would be covered from 1 March.', '2026-01-21')).toEqual(['2026-03-01']);
		expect(dates('The start-up expects to launch in Spain in the autumn.', '2025-06-27')).toEqual(['2025']);
	});
	it('dates a yearless day next to a past-tense verb to the past, however near the next one is', () => {
		expect(dates('The statue was unveiled on 25 June.', WEDNESDAY)).toEqual(['2024-06-25']);
		expect(dates('The statue goes on display on 25 June.', WEDNESDAY)).toEqual(['2025-06-25']);
	});
});
