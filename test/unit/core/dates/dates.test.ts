import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateRange, extractDates, parsePartialDate } from '../../../../src/core/dates/dates.js';

/** The dates of a sentence as `date` strings, in reading order. */
const dates = (sentence: string, published: string) => extractDates(sentence, published).map((d) => d.date);

// Publication days used below, with their weekdays (the weekday rules count from them).
const SUNDAY = '2025-09-07';
const MONDAY = '2024-05-13';
const THURSDAY = '2024-12-05';
const WEDNESDAY = '2025-04-23';

describe('extractDates: calendar dates (chrono-node)', () => {
	it('reads a full date with its day', () => {
		expect(extractDates('After the earthquake on 6 February 2023 that hit Türkiye.', WEDNESDAY)).toMatchObject([
			{ date: '2023-02-06', precision: 'day' },
		]);
	});
	it('reads a month and year with month precision', () => {
		expect(extractDates('The last meeting took place in July 2024.', SUNDAY)).toMatchObject([
			{ date: '2024-07', precision: 'month' },
		]);
	});
	it('gives a day without a year the latest such day by publication, or the next one when it is near or future', () => {
		expect(dates('They signed a declaration in Washington on Aug. 8 regarding relations.', SUNDAY)).toEqual([
			'2025-08-08',
		]);
		expect(dates('The talks resumed on Dec. 28.', '2025-01-03')).toEqual(['2024-12-28']);
		expect(dates('The vote on Dec. 10 decides it.', THURSDAY)).toEqual(['2024-12-10']);
		expect(dates('Talks will resume on Jan. 20 in Geneva.', THURSDAY)).toEqual(['2025-01-20']);
	});
	it('reads ISO dates, and numeric dates at the precision their order allows', () => {
		expect(dates('The decree of 2024-05-11 stands.', MONDAY)).toEqual(['2024-05-11']);
		expect(dates('Signed on 25.12.2023 and on 12/31/2023.', MONDAY)).toEqual(['2023-12-25', '2023-12-31']);
		expect(extractDates('Signed on 10/11/2020.', MONDAY)).toMatchObject([{ date: '2020', precision: 'year' }]);
	});
	it('gives the offsets of the words that state the date', () => {
		const sentence = 'The summit in China on Sept. 1 ended.';
		const [d] = extractDates(sentence, SUNDAY);
		expect(sentence.slice(d!.start, d!.end)).toBe('Sept. 1');
	});
	it('does not take chrono-node’s "now" or times of day for dates', () => {
		expect(dates('Peace appears to be the spirit of the period now.', WEDNESDAY)).toEqual([]);
		expect(dates('They met at 5 and again at 10:30.', WEDNESDAY)).toEqual([]);
	});
});

describe('extractDates: ranges are dated by their start', () => {
	it('reads a day range within a month, with or without the year', () => {
		expect(extractDates('A military strike carried out Sept. 19–20, 2023, displaced many.', THURSDAY)).toMatchObject([
			{ date: '2023-09-19', precision: 'day' },
		]);
		expect(dates('Experts are set to visit Baku on November 21–22 for a roundtable.', '2025-11-20')).toEqual([
			'2025-11-21',
		]);
		expect(dates('The forum ran 19–20 September 2023 in Baku.', THURSDAY)).toEqual(['2023-09-19']);
	});
	it('reads a range of years by its start, whatever the connector', () => {
		expect(dates('Progress between 2020 and 2023 was limited.', THURSDAY)).toEqual(['2020']);
		expect(dates('Between 2022 and late 2024, both countries exchanged revisions.', WEDNESDAY)).toEqual(['2022']);
		expect(dates('The occupation lasted from 1993 to 2020.', WEDNESDAY)).toEqual(['1993']);
		expect(dates('The mandate ran 2019–2021.', WEDNESDAY)).toEqual(['2019']);
	});
	it('reads a range of months by its start', () => {
		expect(dates('Between March and May 2024 talks stalled.', THURSDAY)).toEqual(['2024-03']);
		expect(dates('They met from May 30 to June 2.', THURSDAY)).toEqual(['2024-05-30']);
	});
	it('keeps two years joined by "and" without "between" as two dates', () => {
		expect(dates('Azerbaijan’s military successes in 2020 and 2023 forced a peace.', THURSDAY)).toEqual([
			'2020',
			'2023',
		]);
	});
});

describe('extractDates: years', () => {
	it('reads bare years, "mid-2022" and "late 2023"', () => {
		expect(dates('Ankara cut off its own talks with Armenia in 1993, as forces advanced.', THURSDAY)).toEqual(['1993']);
		expect(dates('By mid-2022, the border was to open.', THURSDAY)).toEqual(['2022']);
		expect(extractDates('In late 2023, talks began.', THURSDAY)).toMatchObject([{ date: '2023', precision: 'year' }]);
	});
	it('reads a year that names an event ("the 2020 conflict")', () => {
		expect(dates('In the aftermath of the 2020 conflict, flights halted in 2019 resumed.', THURSDAY)).toEqual([
			'2020',
			'2019',
		]);
	});
	it('reads historical years, before 1900 only after a preposition', () => {
		expect(dates('Dialogue without preconditions on the tragic events of 1915.', WEDNESDAY)).toEqual(['1915']);
		expect(dates('The treaty was signed in 1878 in Berlin.', WEDNESDAY)).toEqual(['1878']);
		expect(dates('Room 1878 was booked.', WEDNESDAY)).toEqual([]);
	});
	it('refuses years that only name a document', () => {
		expect(dates('Based on the 1991 Alma-Ata Declaration, the borders stand.', MONDAY)).toEqual([]);
		expect(dates('Based on the 1991 Alma Ata declaration, which set the borders.', MONDAY)).toEqual([]);
		expect(dates('The 2021 Shusha Declaration formalized an alliance.', WEDNESDAY)).toEqual([]);
		expect(dates('It references the country’s 1990 Declaration of Independence.', THURSDAY)).toEqual([]);
		expect(dates('A document that refers to a 1989 unification act.', THURSDAY)).toEqual([]);
	});
	it('refuses implausible years (before 1800 or over five years after publication)', () => {
		expect(dates('The election is scheduled for June 2026.', THURSDAY)).toEqual(['2026-06']);
		expect(dates('A plan for 2035 was floated.', THURSDAY)).toEqual([]);
		expect(dates('In 1700 the town was founded.', THURSDAY)).toEqual([]);
	});
	it('reads decades by the start of the part named', () => {
		expect(dates('A war in the early 1990s displaced many.', THURSDAY)).toEqual(['1990']);
		expect(dates('Trade grew in the 1990s.', THURSDAY)).toEqual(['1990']);
		expect(dates('Talks stalled in the late 1990s.', THURSDAY)).toEqual(['1997']);
	});
});

describe('extractDates: no false dates', () => {
	it('refuses money', () => {
		expect(dates('The government allocated 18 million drams (about $50,000) to a flight.', '2025-11-20')).toEqual([]);
		expect(dates('Baku cited approximately US$150 billion in damages.', WEDNESDAY)).toEqual([]);
		expect(dates('A grant of $2020 was paid.', WEDNESDAY)).toEqual([]);
		expect(dates('The fund holds SEK 2000 in cash and 1900 CHF in bonds.', WEDNESDAY)).toEqual([]);
	});
	it('refuses counts, thousands and decimals', () => {
		expect(dates('Aliyev demanded four more villages.', MONDAY)).toEqual([]);
		expect(dates('Displacing more than 100,000 Armenians, and 2,019 more.', THURSDAY)).toEqual([]);
		expect(dates('Some 2000 troops and 1990 refugees crossed; growth was 2020.5 units.', THURSDAY)).toEqual([]);
		expect(dates('About 2024 officers took part, at 1900 GMT.', THURSDAY)).toEqual([]);
		expect(dates('Raids began at 1930 local time; fines reached 2000 yuan.', THURSDAY)).toEqual([]);
	});
	it('refuses durations', () => {
		expect(dates('After three decades of diplomatic efforts failed, Azerbaijan used force.', THURSDAY)).toEqual([]);
		expect(dates('Relations have been crippled for over 30 years.', THURSDAY)).toEqual([]);
		expect(dates('They can spend up to a year in Georgia.', WEDNESDAY)).toEqual([]);
		expect(dates('A legacy of 2000 years of history.', WEDNESDAY)).toEqual([]);
	});
	it('refuses percentages', () => {
		expect(dates('Trade rose 20% and then 2020 percent.', WEDNESDAY)).toEqual([]);
	});
	it('refuses footnote markers', () => {
		expect(dates('Including a new trans-Caspian green energy corridor.[2]', WEDNESDAY)).toEqual([]);
		expect(dates('As noted before.[17] And again.[2019]', WEDNESDAY)).toEqual([]);
	});
	it('refuses article and other labels', () => {
		expect(dates('Under Article 2019 of the code and No. 2020 of the list.', WEDNESDAY)).toEqual([]);
	});
	it('refuses ordinals', () => {
		expect(dates('It is the 21st century and the 2020th visitor came.', WEDNESDAY)).toEqual([]);
	});
});

describe('extractDates: months without a year', () => {
	it('takes the latest such month on or before publication', () => {
		expect(dates('In October again, the leaders met in Kazan.', THURSDAY)).toEqual(['2024-10']);
		expect(dates('The initial agreement in March would end hostilities.', WEDNESDAY)).toEqual(['2025-03']);
		expect(dates('The talks of December were tense.', WEDNESDAY)).toEqual(['2024-12']);
	});
	it('takes the year written after a list of months', () => {
		expect(dates('They met at the border in July and October 2024.', THURSDAY)).toEqual(['2024-07', '2024-10']);
	});
	it('takes the explicit year earlier in the sentence', () => {
		expect(dates('In late 2023, soon after Azerbaijan’s September offensive, talks began.', THURSDAY)).toEqual([
			'2023',
			'2023-09',
		]);
	});
	it('takes the next such month in a future clause', () => {
		expect(dates('The ministers will meet in March.', THURSDAY)).toEqual(['2025-03']);
	});
	it('refuses "may" the verb and months that are names', () => {
		expect(dates('May the talks succeed, and Armenia may agree.', THURSDAY)).toEqual([]);
		expect(dates('June Carter sang.', THURSDAY)).toEqual([]);
		expect(dates('In May the talks resumed.', THURSDAY)).toEqual(['2024-05']);
	});
});

describe('extractDates: seasons (year precision)', () => {
	it('reads a season with its year as that year', () => {
		expect(extractDates('Active negotiation resumed in summer 2024.', THURSDAY)).toMatchObject([
			{ date: '2024', precision: 'year' },
		]);
		expect(dates('In the winter of 1993 the front froze.', THURSDAY)).toEqual(['1993']);
	});
	it('reads a season without a year relative to publication', () => {
		expect(dates('Negotiations slowed through the summer and early fall.', THURSDAY)).toEqual(['2024', '2024']);
		expect(dates('Talks stalled last summer.', '2024-07-10')).toEqual(['2023']);
		expect(dates('Talks resume next spring.', THURSDAY)).toEqual(['2025']);
	});
	it('takes "next" for the season after the coming one when that one is under three months away', () => {
		// In February the coming spring is "this spring"; "next spring" is a year later.
		expect(dates('The line opens next spring.', '2025-02-26')).toEqual(['2026']);
		expect(dates('The line opens next winter.', '2025-06-10')).toEqual(['2025']);
		expect(dates('The line opens next winter.', '2025-10-10')).toEqual(['2026']);
	});
	it('refuses "fall" the verb and "the fall of"', () => {
		expect(dates('Prices could fall sharply after the fall of the regime.', THURSDAY)).toEqual([]);
	});
});

describe('extractDates: weeks, months and years relative to publication', () => {
	it('dates a week by the month of its Monday', () => {
		expect(extractDates('The delegation will travel to Armenia early next week.', SUNDAY)).toMatchObject([
			{ date: '2025-09', precision: 'month' },
		]);
		expect(dates('Pashinyan traveled to Kazakhstan this week.', '2025-11-20')).toEqual(['2025-11']);
		expect(dates('The envoy visited last week.', '2025-10-02')).toEqual(['2025-09']);
		expect(dates('They will meet next week.', '2025-09-30')).toEqual(['2025-10']);
	});
	it('reads last month, this year and last year', () => {
		expect(extractDates('The process began last month with Yerevan ceding villages.', MONDAY)).toMatchObject([
			{ date: '2024-04', precision: 'month' },
		]);
		expect(dates('A visit following last month’s trip.', '2025-01-15')).toEqual(['2024-12']);
		expect(dates('The PM visited New York last year.', WEDNESDAY)).toEqual(['2024']);
		expect(dates('Elections are due this year.', WEDNESDAY)).toEqual(['2025']);
	});
	it('refuses durations that name a month or year', () => {
		expect(dates('Over the last month, and the past year, prices rose.', WEDNESDAY)).toEqual([]);
		expect(dates('Visas last a year.', WEDNESDAY)).toEqual([]);
	});
	it('reads yesterday and tomorrow, but not today', () => {
		expect(dates('The talks ended yesterday and resume tomorrow.', MONDAY)).toEqual(['2024-05-12', '2024-05-14']);
		expect(dates('Today, Azerbaijan is a key partner.', MONDAY)).toEqual([]);
	});
});

describe('extractDates: weekdays relative to publication', () => {
	it('takes the latest such day on or before publication', () => {
		expect(dates('The talks ended on Saturday in Almaty.', MONDAY)).toEqual(['2024-05-11']);
		expect(dates('They kicked off talks on Friday and on Saturday, the ministry announced.', MONDAY)).toEqual([
			'2024-05-10',
			'2024-05-11',
		]);
		expect(dates('Mirzoyan said Monday that the meeting was held.', MONDAY)).toEqual(['2024-05-13']);
		expect(dates('Sources reported by media outlets on Sunday.', SUNDAY)).toEqual(['2025-09-07']);
	});
	it('takes the next such day in a future clause, and honours last/next', () => {
		expect(dates('The ministers will meet on Friday.', MONDAY)).toEqual(['2024-05-17']);
		expect(dates('They spoke last Monday.', MONDAY)).toEqual(['2024-05-06']);
		expect(dates('They speak next Monday.', MONDAY)).toEqual(['2024-05-20']);
	});
	it('refuses plural weekdays and weekdays that are names', () => {
		expect(dates('Markets close on Fridays.', MONDAY)).toEqual([]);
		expect(dates('The cabinet meets every Tuesday and each other Friday.', MONDAY)).toEqual([]);
		expect(dates('The Good Friday Agreement is a model; Bloody Sunday is remembered.', MONDAY)).toEqual([]);
	});
});

describe('extractDates: years counted from another date', () => {
	it('counts "three years later" from the explicit year before it', () => {
		expect(
			dates('Both sides agreed to allow crossings in 2022,[10] but three years later, it remains unclear.', WEDNESDAY),
		).toEqual(['2022', '2025']);
		expect(dates('The war began in 2020; a year later, talks started.', WEDNESDAY)).toEqual(['2020', '2021']);
		expect(dates('The deal of 2020 was followed the following year by another.', WEDNESDAY)).toEqual(['2020', '2021']);
	});
	it('refuses "N years later" with no year before it in the sentence', () => {
		expect(
			dates('Azerbaijan reclaimed the rest three years later in a strike carried out Sept. 19–20, 2023.', THURSDAY),
		).toEqual(['2023-09-19']);
	});
	it('counts "N years ago" back from publication', () => {
		expect(dates('The border closed thirty years ago.', WEDNESDAY)).toEqual(['1995']);
	});
});

describe('parsePartialDate and dateRange', () => {
	it('parses YYYY, YYYY-MM and real YYYY-MM-DD dates only', () => {
		expect(parsePartialDate('2024')).toEqual({ date: '2024', precision: 'year' });
		expect(parsePartialDate('2024-02')).toEqual({ date: '2024-02', precision: 'month' });
		expect(parsePartialDate('2024-02-29')).toEqual({ date: '2024-02-29', precision: 'day' });
		for (const bad of ['not-a-date', '2025-13', '2023-02-29', '24', '2024-1', '2024/05/01', ''])
			expect(parsePartialDate(bad)).toBeNull();
	});
	it('gives the days a date covers', () => {
		expect(dateRange({ date: '2024', precision: 'year' })).toEqual({ start: '2024-01-01', end: '2024-12-31' });
		expect(dateRange({ date: '2024-02', precision: 'month' })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
		expect(dateRange({ date: '2024-02-03', precision: 'day' })).toEqual({ start: '2024-02-03', end: '2024-02-03' });
	});
});

describe('extractDates: a source with no publication date', () => {
	const undated = (sentence: string) => extractDates(sentence, undefined).map((d) => d.date);

	it('reads the dates a sentence states in full', () => {
		expect(undated('The treaty was signed on 6 February 2023 in Ankara.')).toEqual(['2023-02-06']);
		expect(undated('The last meeting took place in July 2024.')).toEqual(['2024-07']);
		expect(undated('Signed on 25.12.2023, ratified in 2024.')).toEqual(['2023-12-25', '2024']);
	});
	it('leaves out dates counted from the publication day, which is unknown', () => {
		expect(undated('The minister resigned on Saturday.')).toEqual([]);
		expect(undated('Prices rose last month and will fall next year.')).toEqual([]);
		expect(undated('They met on Aug. 8 in Washington.')).toEqual([]);
		expect(undated('Two days later, on 3 March 2021, talks resumed.')).toEqual(['2021-03-03']);
	});
	it('reads no year the sentence does not name up to that date (property)', () => {
		const part = fc.constantFrom(
			'on 6 February 2023',
			'last month',
			'on Saturday',
			'in 2019',
			'by March',
			'in the 1990s',
			'three years ago',
			'on 12/31/2023',
			'in spring 2021',
			'the talks',
			'$2,000',
			'and',
			'Article 12',
			'next week',
		);
		fc.assert(
			fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
				const sentence = `It happened ${parts.join(' ')}.`;
				for (const m of extractDates(sentence, undefined)) {
					// "by March" after "on 12/31/2023" takes its year from the date stated before it: that is allowed.
					expect(sentence.slice(0, m.end)).toContain(m.date.slice(2, 4));
				}
			}),
		);
	});
});
