import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, isCitationLike } from '../../../../src/core/answer/answer.js';
import { EXCERPT_TUNING } from '../../../../src/core/answer/excerpt.js';
import { isIntact } from '../../../../src/core/answer/evaluate.js';
import { corpusFrom, DEFAULT_DATA, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const news = corpusFrom(DEFAULT_DATA);

describe('answer', () => {
	it('quotes the sentence that names who leads the Turkish delegation', () => {
		const a = answer(news, 'Who leads the Turkish delegation to Armenia?');
		expect(a.answered).toBe(true);
		expect(a.results[0]?.quote).toContain('Serdar Kilic');
		expect(a.results[0]?.link.startsWith('https://www.turkiyetoday.com/')).toBe(true);
	});

	it('finds Kılıç when asked about Kilic, and Türkiye when asked about Turkey', () => {
		const a = answer(fixture, 'Who led the Turkey side, Kilic?');
		expect(a.results[0]?.quote).toContain('Serdar Kılıç led the Turkish side');
	});

	it('quotes one or two sentences, never the whole long paragraph', () => {
		const a = answer(news, 'What did the Moscow-brokered ceasefire of 2020 lead to?');
		expect(a.results[0]?.quote).toContain('That war ended with a Moscow-brokered ceasefire');
		for (const r of a.results) expect(r.quote.length).toBeLessThanOrEqual(EXCERPT_TUNING.maxQuoteLength);
	});

	it('says the sources do not say when the question is about something absent', () => {
		for (const q of ['Who is Lionel Messi?', 'How do volcanoes form?', 'What is the capital of Australia?']) {
			const a = answer(news, q);
			expect(a.answered, q).toBe(false);
			expect(a.results, q).toEqual([]);
		}
	});

	it('returns the best results anyway when abstention is off', () => {
		const a = answer(news, 'How do volcanoes form?', { abstain: false, top: 5 });
		expect(a.answered).toBe(true);
		expect(a.results.length).toBeGreaterThan(0);
	});

	it('answers nothing to a question of stop words only', () => {
		expect(answer(news, 'what is the?').answered).toBe(false);
		expect(answer(news, '').answered).toBe(false);
	});

	it('honours top and never repeats a paragraph', () => {
		const a = answer(news, 'Armenia Azerbaijan peace treaty', { top: 7 });
		expect(a.results.length).toBe(7);
		expect(new Set(a.results.map((r) => `${r.source.id}:${r.paragraph}`)).size).toBe(7);
	});

	it('ranks a sentence above a footnote that repeats its words', () => {
		const a = answer(fixture, 'When was the Kars railway reopened?');
		expect(a.results[0]?.passage.startsWith('[1]')).toBe(false);
	});

	it('quotes an exact substring of a passage that is that paragraph, for any question', () => {
		const words = fc.constantFrom(
			'Armenia',
			'border',
			'Türkiye',
			'Kılıç',
			'U.S.',
			'peace',
			'the',
			'when',
			'1993',
			'[2]',
			'“',
			'—',
			'é',
		);
		const question = fc.oneof(
			fc.string({ maxLength: 120 }),
			fc.array(words, { maxLength: 12 }).map((w) => w.join(' ')),
		);
		fc.assert(
			fc.property(question, fc.boolean(), (q, abstain) => {
				const a = answer(news, q, { abstain, top: 3 });
				if (!a.answered) expect(a.results).toEqual([]);
				for (const r of a.results) {
					expect(isIntact(news, r)).toBe(true);
					expect(r.quote.trim().length).toBeGreaterThan(0);
					expect(r.link.startsWith(r.source.url)).toBe(true);
				}
			}),
			{ numRuns: 300 },
		);
	});
});

describe('isCitationLike', () => {
	it('knows a footnote reference and a heading from a statement', () => {
		expect(isCitationLike('[12] “Title,” Daily Sabah, September 25, 2024, https://x.example')).toBe(true);
		expect(isCitationLike('Thawing a Frozen Conflict')).toBe(true);
		expect(isCitationLike('Talks between Yerevan and Baku remained tense.')).toBe(false);
	});
});

describe('extendCorpus', () => {
	it('answers from sources added to a live index, without rebuilding it, old answers unchanged', async () => {
		const { createCorpus, extendCorpus } = await import('../../../../src/core/corpus.js');
		const { loadBackground } = await import('../../../../src/store/data-dir.js');
		const [alpha, beta] = fixture.sources;
		const texts = (s: typeof alpha) => ({
			source: s!,
			text: fixture.paragraphsOf
				.get(s!.id)!
				.map((p) => p.text)
				.join('\n'),
		});
		const small = createCorpus([texts(alpha)], { background: loadBackground() });
		const before = answer(small, 'Who led the Turkish side?');
		expect(answer(small, 'When was the Kars railway reopened?').results.some((r) => r.source.id === beta!.id)).toBe(
			false,
		);
		const grown = extendCorpus(small, [texts(beta), texts(alpha)]);
		expect(grown.sources).toHaveLength(2);
		expect(answer(grown, 'When was the Kars railway reopened?').results[0]?.quote).toContain('reopened on Friday');
		expect(answer(grown, 'Who led the Turkish side?').results[0]?.quote).toBe(before.results[0]?.quote);
		for (const r of answer(grown, 'Kars railway Turkish side', { top: 10 }).results)
			expect(isIntact(grown, r)).toBe(true);
	});
});

describe('answer memo', () => {
	it('gives the kept answer to a repeated question, a fresh one for other options, another corpus, or memo: false', () => {
		const q = 'Who leads the Turkish delegation to Armenia?';
		const first = answer(news, q);
		expect(answer(news, q)).toBe(first);
		expect(answer(news, q, { top: 5 })).not.toBe(first);
		expect(answer(news, q, { memo: false })).not.toBe(first);
		expect(answer(news, q, { memo: false })).toEqual(first);
		expect(answer(fixture, q)).not.toBe(first);
	});

	it('stays bounded: past ANSWER_MEMO_SIZE other questions, the first is computed again', async () => {
		const { ANSWER_MEMO_SIZE } = await import('../../../../src/core/answer/answer.js');
		const first = answer(fixture, 'When did the railway reopen?');
		for (let i = 0; i < ANSWER_MEMO_SIZE; i++) answer(fixture, `railway question ${i}`);
		const again = answer(fixture, 'When did the railway reopen?');
		expect(again).not.toBe(first);
		expect(again).toEqual(first);
	});
});
