import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCatalog, type Source } from '../../../../src/core/catalog.js';
import { createCorpus, extendCorpus, type Corpus } from '../../../../src/core/corpus.js';
import { MAX_YEARS_AHEAD, MIN_YEAR, parsePartialDate } from '../../../../src/core/dates/dates.js';
import {
	compareEvents,
	extendTimeline,
	isDateLine,
	rememberTimelineEvents,
	timeline,
	timelineEvents,
	type TimelineEvent,
} from '../../../../src/core/dates/timeline.js';

// The real corpus, read here (the core does no I/O): the dev events below are about these texts.
const ROOT = join(import.meta.dirname, '../../../..');
const DATA = join(ROOT, 'index-data');
const catalog = parseCatalog(JSON.parse(readFileSync(join(DATA, 'sources.json'), 'utf8')));
const corpus = createCorpus(
	catalog.sources.map((source) => ({ source, text: readFileSync(join(DATA, source.file), 'utf8') })),
);
const events = timelineEvents(corpus);

interface DevEvent {
	readonly id: string;
	readonly source: string;
	readonly date: string | null;
	readonly gold: string;
	readonly kind: string;
}

// A copy of ../shared/eval/timeline-dev.jsonl, so a clone without ../shared tests the same.
const DEV_PATH = join(ROOT, 'test/fixtures/timeline-dev.jsonl');
const dev: DevEvent[] = readFileSync(DEV_PATH, 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '')
	.map((line) => JSON.parse(line) as DevEvent);

const paragraphOf = (e: { source: { id: string }; paragraph: number }, from: Corpus = corpus) =>
	from.paragraphsOf.get(e.source.id)?.[e.paragraph]?.text;

function source(id: string, published: string): Source {
	return {
		id,
		file: `${id}.txt`,
		title: id,
		publisher: id.toUpperCase(),
		url: `https://example.com/${id}`,
		published,
		library: 'shared',
		authors: [],
	};
}

function corpusOf(...texts: Array<[Source, string]>): Corpus {
	return createCorpus(texts.map(([s, text]) => ({ source: s, text })));
}

describe('timeline on the default corpus: timeline-dev.jsonl', () => {
	it('finds every dated dev event with its exact date and precision, and lists no trap', () => {
		const dated = dev.filter((d) => d.date !== null);
		const traps = dev.filter((d) => d.date === null);
		const found = dated.filter((d) =>
			events.some((e) => e.source.id === d.source && e.text.includes(d.gold) && e.date === d.date),
		);
		const trapped = traps.filter((d) => events.some((e) => e.text.includes(d.gold)));
		const missed = dated.filter((d) => !found.includes(d)).map((d) => d.id);
		expect({ found: found.length, of: dated.length, missed, trapped: trapped.map((d) => d.id) }).toEqual({
			found: 13,
			of: 13,
			missed: [],
			trapped: [],
		});
		expect(dev).toHaveLength(16);
	});
});

describe('timelineEvents', () => {
	it('lists newest first: date descending, then day, month, year, then source and paragraph', () => {
		for (let i = 1; i < events.length; i++) expect(compareEvents(events[i - 1]!, events[i]!)).toBeLessThanOrEqual(0);
		expect(events[0]!.date >= events[events.length - 1]!.date).toBe(true);
	});
	it('gives a sentence with two dates two events', () => {
		const both = events.filter((e) => e.text.includes('kicked off the latest round of talks'));
		expect(both.map((e) => e.date)).toEqual(['2024-05-11', '2024-05-10']);
	});
	it('skips the footnote list and the page’s header date line', () => {
		expect(
			events.some((e) => /^\s*\[\d+\]/.test(paragraphOf(e) ?? '') || /https?:\/\//.test(paragraphOf(e) ?? '')),
		).toBe(false);
		expect(events.some((e) => e.text === '23 Apr 2025')).toBe(false);
		expect(isDateLine('23 Apr 2025', '2025-04-23')).toBe(true);
		expect(isDateLine('Talks resumed on 23 Apr 2025.', '2025-04-23')).toBe(false);
	});
	it('dates a live-update entry opening with a time stamp by the date line above it, its first sentence only', () => {
		const live = corpusOf([
			source('live', '2025-03-06'),
			[
				'Times are local.',
				'Wednesday 5 March',
				'21:40 — The river burst its banks near the bridge. Crews were sent.',
				'Tuesday 4 March',
				'08:15 — Rain began to fall at about 06:00. Residents were warned.',
				'The storm had been forecast for days.',
			].join('\n'),
		]);
		const dated = timelineEvents(live).map((e) => [e.date, e.text]);
		expect(dated).toEqual([
			['2025-03-05', '21:40 — The river burst its banks near the bridge.'],
			['2025-03-04', '08:15 — Rain began to fall at about 06:00.'],
		]);
	});
	it('does not date time-stamped paragraphs without a date line above them', () => {
		const plain = corpusOf([
			source('plain', '2025-03-06'),
			'10:30 — Shops closed early.\nMarch 2025\n10:45 — Trains stopped.',
		]);
		expect(timelineEvents(plain).map((e) => e.date)).toEqual([]);
	});
	it('does not list years that only name a document', () => {
		expect(events.some((e) => e.text.includes('1991 Alma-Ata Declaration'))).toBe(false);
		expect(events.some((e) => e.text.includes('1990 Declaration of Independence'))).toBe(false);
	});
	it('is computed once per corpus, or taken as remembered (from a cache)', () => {
		expect(timelineEvents(corpus)).toBe(events);
		const other = corpusOf([source('cached', '2024-01-01'), 'Talks began in 2020.']);
		const remembered = [{ ...timelineEvents(corpusOf([source('cached', '2024-01-01'), 'Talks began in 2020.']))[0]! }];
		rememberTimelineEvents(other, remembered);
		expect(timelineEvents(other)).toBe(remembered);
	});
	it('quotes every event verbatim from its paragraph, with a valid, plausible date (property)', () => {
		fc.assert(
			fc.property(fc.constantFrom(...events), (e) => {
				expect(paragraphOf(e)).toContain(e.text);
				expect(parsePartialDate(e.date)?.precision).toBe(e.precision);
				const year = Number(e.date.slice(0, 4));
				expect(year).toBeGreaterThanOrEqual(MIN_YEAR);
				expect(year).toBeLessThanOrEqual(Number(e.source.published!.slice(0, 4)) + MAX_YEARS_AHEAD);
			}),
		);
	});
	it('keeps the invariants on arbitrary text mixing dates, numbers and words (property)', () => {
		const piece = fc.constantFrom(
			'In 2020,',
			'on Saturday',
			'Sept. 19–20, 2023',
			'$50,000',
			'[17]',
			'early next week',
			'last month',
			'the 1991 Alma-Ata Declaration',
			'three years later',
			'mid-2022',
			'in March',
			'summer 2024',
			'18 million drams',
			'30%',
			'four villages',
			'. ',
			'“',
			'”',
			'Talks',
			'ended',
		);
		const paragraph = fc
			.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 14 })
			.map((p) => p.join(' '));
		const day = fc.date({
			min: new Date('1990-01-01T00:00:00Z'),
			max: new Date('2030-12-31T00:00:00Z'),
			noInvalidDate: true,
		});
		fc.assert(
			fc.property(paragraph, day, (text, when) => {
				const s = source('prop', when.toISOString().slice(0, 10));
				const c = corpusOf([s, text.replace(/[\r\n]+/g, ' ')]);
				for (const e of timelineEvents(c)) {
					expect(paragraphOf(e, c)).toContain(e.text);
					expect(parsePartialDate(e.date)).not.toBeNull();
					expect(Number(e.date.slice(0, 4))).toBeLessThanOrEqual(when.getUTCFullYear() + MAX_YEARS_AHEAD);
				}
			}),
			{ numRuns: 150 },
		);
	});
});

describe('a source with no publication date', () => {
	const undated: Source = {
		id: 'undated',
		file: 'undated.txt',
		title: 'Talks resume',
		publisher: 'P',
		url: 'https://p.example/talks',
		authors: [],
		library: 'shared',
	};
	const text = [
		'The ministers met in Geneva on 3 March 2021 to resume the talks.',
		'They met again on Saturday and last month, officials said.',
		'A ceasefire agreed in 2020 still holds.',
	].join('\n');
	const events = timelineEvents(createCorpus([{ source: undated, text }]));

	it('gives the dates its sentences state in full, and leaves out those counted from the unknown day', () => {
		expect(events.map((e) => [e.date, e.paragraph])).toEqual([
			['2021-03-03', 0],
			['2020', 2],
		]);
		expect(events.every((e) => e.source.published === undefined)).toBe(true);
	});
});

describe('extendTimeline', () => {
	const sentence = fc.constantFrom(
		'The foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024.',
		'Foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024 for talks.',
		'Prices rose on 10 May 2024.',
		'Talks resumed last month.',
		'The border opened on Saturday.',
		'In 2020, a war broke out.',
		'Nothing was dated here.',
	);
	const text = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));
	const texts = fc.array(fc.tuple(text, fc.constantFrom('2024-05-13', '2024-06-01', '2025-01-10')), {
		minLength: 2,
		maxLength: 6,
	});

	it('gives the events a rebuild would, reading only the added sources (property)', () => {
		fc.assert(
			fc.property(texts, fc.nat(), (all, cut) => {
				const entries = all.map(([t, day], i) => ({ source: source(`s${i}`, day), text: t }));
				const at = 1 + (cut % (entries.length - 1));
				const before = createCorpus(entries.slice(0, at));
				timelineEvents(before);
				const after = extendCorpus(before, entries.slice(at));
				extendTimeline(
					before,
					after,
					entries.slice(at).map((e) => e.source),
				);
				const rebuilt = timelineEvents(createCorpus(entries));
				expect(timelineEvents(after)).toEqual(rebuilt);
			}),
			{ numRuns: 100 },
		);
	});

	it('leaves a timeline nobody asked for to be computed when first asked for', () => {
		const before = corpusOf([source('a1', '2024-05-13'), 'Talks began in 2020.']);
		const after = extendCorpus(before, [{ source: source('a2', '2024-05-13'), text: 'Talks ended in 2021.' }]);
		extendTimeline(before, after, [source('a2', '2024-05-13')]);
		expect(timelineEvents(after).map((e) => e.date)).toEqual(['2021', '2020']);
	});
});

describe('merging the same event told by two sources', () => {
	const a = source('alpha', '2024-05-13');
	const b = source('beta', '2024-05-14');
	const c = corpusOf(
		[a, 'The foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024 to discuss the peace treaty.'],
		[
			b,
			'The foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024 to discuss a peace treaty.\nPrices rose on 10 May 2024.',
		],
	);
	it('shows one event with the other source in `also`', () => {
		const merged = timelineEvents(c).filter((e) => e.text.includes('foreign ministers'));
		expect(merged).toHaveLength(1);
		expect(merged[0]!.source.id).toBe('alpha');
		expect(merged[0]!.also.map((x) => [x.source.id, x.paragraph])).toEqual([['beta', 0]]);
	});
	it('keeps different sentences of the same date apart', () => {
		expect(timelineEvents(c).filter((e) => e.date === '2024-05-10')).toHaveLength(2);
	});
	it('finds a merged event by either source', () => {
		expect(timeline(c, { source: 'beta' }).events).toHaveLength(2);
	});
});

describe('timeline filters', () => {
	const dated = (d: string) => parsePartialDate(d)!;
	it('keeps events whose date interval overlaps since/until', () => {
		const since = timeline(corpus, { since: dated('2025-01-01') }).events;
		expect(since.length).toBeGreaterThan(0);
		expect(since.every((e) => e.date.slice(0, 4) >= '2025')).toBe(true);
		expect(since.some((e) => e.date === '2025')).toBe(true);
		const until = timeline(corpus, { until: dated('1993') }).events;
		expect(until.map((e) => e.date)).toEqual(['1993', '1993', '1993', '1990', '1915', '1915']);
		const may = timeline(corpus, { since: dated('2024-05'), until: dated('2024-05') }).events;
		expect(may.length).toBeGreaterThan(0);
		expect(may.every((e) => e.date.startsWith('2024-05') || e.date === '2024')).toBe(true);
	});
	it('keeps events of one source', () => {
		const only = timeline(corpus, { source: 'asbarez-2024-05-13' }).events;
		expect(only.length).toBeGreaterThan(0);
		expect(only.every((e: TimelineEvent) => e.source.id === 'asbarez-2024-05-13')).toBe(true);
	});
	it('keeps events matching a query through the /ask analysis, in timeline order', () => {
		const border = timeline(corpus, { query: 'When did the borders open?' });
		expect(border.events.length).toBeGreaterThan(0);
		expect(border.events.every((e) => /border/i.test(e.text))).toBe(true);
		expect(border.events).toEqual([...border.events].sort(compareEvents));
		expect(timeline(corpus, { query: 'Turkish' }).events.some((e) => /Türkiye|Turkey/.test(e.text))).toBe(true);
		expect(timeline(corpus, { query: 'volcano' }).events).toEqual([]);
	});
	it('limits to the newest N and tells the total', () => {
		const all = timeline(corpus);
		const three = timeline(corpus, { limit: 3 });
		expect(three.events).toEqual(all.events.slice(0, 3));
		expect(three.total).toBe(all.events.length);
	});
});
