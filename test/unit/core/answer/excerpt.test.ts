import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraphCandidates } from '../../../../src/core/answer/answer.js';
import type { Source } from '../../../../src/core/catalog.js';
import { createCorpus } from '../../../../src/core/corpus.js';
import { EXCERPT_TUNING, MAX_WINDOWS, quotedSpan, windows } from '../../../../src/core/answer/excerpt.js';
import { FEATURES, scoreOf } from '../../../../src/core/answer/features.js';
import { buildQuery } from '../../../../src/core/answer/query.js';
import { RANK_MODEL } from '../../../../src/core/answer/rank-model.js';
import { loadBackground } from '../../../../src/store/data-dir.js';
import { corpusFrom, DEFAULT_DATA } from '../../../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);
const background = loadBackground();
const source: Source = {
	id: 's',
	file: 's.txt',
	title: 'A report',
	publisher: 'P',
	url: 'https://p.example/a',
	published: '2025-01-01',
	library: 'shared',
	authors: [],
};
const weights = FEATURES.map((f) => RANK_MODEL.rank[f]);

/** The quote the ranker chooses in `text`, a one-paragraph article, for `question`: its best candidate. */
function best(text: string, question: string) {
	const corpus = createCorpus([{ source, text }], { background });
	const query = buildQuery(corpus.index, question);
	const candidates = paragraphCandidates(corpus, query, 0, 1);
	return candidates.reduce((a, b) => (scoreOf(b.features, weights) > scoreOf(a.features, weights) ? b : a));
}
const quote = (text: string, question: string) => {
	const c = best(text, question);
	return text.slice(c.start, c.end);
};
/** Whether the quote chosen for `question` holds an answer of the kind it asks for. */
const kindFor = (question: string) => (text: string) => best(text, question).hasKind;

describe('the quote chosen in a paragraph', () => {
	it('quotes the sentence holding the rare question words (with at most one sentence beside it), not the ones with common words', () => {
		const text =
			'Armenia and Azerbaijan met. Armenia and Azerbaijan and Armenia talked. The railway to Kars reopened in 1993.';
		const q = quote(text, 'When did the railway to Kars reopen in Armenia?');
		expect(q.endsWith('The railway to Kars reopened in 1993.')).toBe(true);
		expect(q).not.toContain('met.');
	});

	it('quotes a clause of a sentence too long to quote whole', () => {
		const long = `${'Officials met many times over the years and discussed a great many things, '.repeat(4)}and finally the Alican gate opened to third-country nationals, as promised.`;
		const q = quote(long, 'Did the Alican gate open?');
		expect(q.length).toBeLessThanOrEqual(EXCERPT_TUNING.maxQuoteLength);
		expect(q).toContain('Alican gate opened');
	});

	it('answers "why" with the subject sentence and opening clauses of the next, other questions with whole sentences', () => {
		const text =
			'Pashinyan traveled to Kazakhstan this week. Analysts say the visit reflects an effort to diversify trade partnerships through the Eurasian Economic Union, ' +
			'and officials in Astana, who spoke on condition of anonymity to reporters gathered at the airport on Tuesday morning, described the visit as long overdue and productive for both sides.';
		const why = quote(text, 'Why did Pashinyan travel to Kazakhstan?');
		expect(
			why.startsWith(
				'Pashinyan traveled to Kazakhstan this week. Analysts say the visit reflects an effort to diversify trade partnerships',
			),
		).toBe(true);
		expect(why.length).toBeLessThan(text.length);
		expect(quote(text, 'Did Pashinyan travel to Kazakhstan?')).toBe('Pashinyan traveled to Kazakhstan this week.');
	});

	it('does not take a denied reason ("no reason to") for the reason a "why" question asks for', () => {
		const text =
			'Ankara saw no reason to delay the talks with Yerevan. Officials said this was due to the coming elections.';
		expect(quote(text, 'Why did Ankara delay the talks with Yerevan?')).toBe(text);
	});

	it('does not take a date or a footnote mark for the count a "how many" question asks for', () => {
		const kind = kindFor('How many people died in the earthquake?');
		expect(kind('The earthquake on 6 February 2023 hit the region and people fled.[8]')).toBe(false);
		expect(kind('People fled the earthquake on Aug. 8, 1999.')).toBe(false);
		expect(kind('The earthquake killed 50,000 people.')).toBe(true);
		expect(kind('Some twelve people died in the earthquake.')).toBe(true);
	});

	it('answers "how long" with a time or a distance, not with any number', () => {
		const kind = kindFor('How long is the railway?');
		expect(kind('The two countries share the railway.')).toBe(false);
		expect(kind('The railway runs 826 km across three countries.')).toBe(true);
		expect(kind('The railway took six years to build.')).toBe(true);
	});

	it('is always an exact slice of its paragraph, at most the length limit when it can be', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...news.paragraphs.map((p) => p.text)),
				fc.string({ maxLength: 60 }),
				(text, question) => {
					const e = best(text, question);
					expect(e.start).toBeGreaterThanOrEqual(0);
					expect(e.end).toBeLessThanOrEqual(text.length);
					expect(e.end).toBeGreaterThan(e.start);
					expect(e.end - e.start).toBeLessThanOrEqual(EXCERPT_TUNING.maxQuoteLength);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('quotedSpan', () => {
	const text =
		'Dr Nunez also questioned the figure. He estimates that it would fall to between 130 and 150. A third sentence.';
	const first = { start: 0, end: 36 };

	it('gives a short whole sentence the one that follows it', () => {
		expect(text.slice(first.start, first.end)).toBe('Dr Nunez also questioned the figure.');
		const span = quotedSpan(text, first);
		expect(text.slice(span.start, span.end)).toBe(
			'Dr Nunez also questioned the figure. He estimates that it would fall to between 130 and 150.',
		);
	});

	it('keeps a long sentence, a part of a sentence, the last sentence, or a pair that would not fit', () => {
		expect(quotedSpan(text, first, { ...EXCERPT_TUNING, contextBelow: 20 })).toEqual(first);
		expect(quotedSpan(text, { start: 0, end: 20 })).toEqual({ start: 0, end: 20 });
		const last = { start: text.indexOf('A third'), end: text.length };
		expect(quotedSpan(text, last)).toEqual(last);
		expect(quotedSpan(text, first, { ...EXCERPT_TUNING, maxQuoteLength: 60 })).toEqual(first);
		expect(quotedSpan(text, first, { ...EXCERPT_TUNING, contextBelow: 0 })).toEqual(first);
	});

	it('only ever widens the chosen span, within the text and the length limit', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.constantFrom(
						'The vote passed.',
						'It was close.',
						'Officials said the count would be checked again on Monday.',
						'No.',
					),
					{ minLength: 1, maxLength: 6 },
				),
				fc.nat(),
				(sentences, pick) => {
					const para = sentences.join(' ');
					let at = 0;
					const spans = sentences.map((s) => {
						const span = { start: para.indexOf(s, at), end: para.indexOf(s, at) + s.length };
						at = span.end;
						return span;
					});
					const chosen = spans[pick % spans.length]!;
					const span = quotedSpan(para, chosen);
					expect(span.start).toBe(chosen.start);
					expect(span.end).toBeGreaterThanOrEqual(chosen.end);
					expect(span.end).toBeLessThanOrEqual(para.length);
					if (span.end !== chosen.end) expect(span.end - span.start).toBeLessThanOrEqual(EXCERPT_TUNING.maxQuoteLength);
				},
			),
		);
	});
});

describe('windows of a long paragraph', () => {
	it('are at most MAX_WINDOWS, the first in reading order, however many clauses it has', () => {
		const clauses = 'a, '.repeat(2_000);
		const ws = windows(clauses);
		expect(ws).toHaveLength(MAX_WINDOWS);
		expect(ws[0]?.start).toBe(0);
		expect(windows('Dr. Smith said the vote was close. '.repeat(30_000))).toHaveLength(MAX_WINDOWS);
	});

	it('are all of a normal paragraph’s, under the cap', () => {
		const ws = windows('The vote was close. It passed. Dr. Roe, who led it, spoke.');
		expect(ws.length).toBeLessThan(MAX_WINDOWS);
		expect(ws.filter((w) => w.pair === true)).toHaveLength(2);
	});
});
