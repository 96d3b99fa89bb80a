import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../../../src/core/corpus.js';
import { EXCERPT_TUNING, windows } from '../../../../src/core/answer/excerpt.js';
import { PARAGRAPH_CACHE_SIZE, paragraphAnalysis } from '../../../../src/core/answer/paragraph-cache.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);

/** A corpus of `n` one-line paragraphs: all paragraphAnalysis reads is the text and the analyzer. */
function manyParagraphs(n: number): Corpus {
	const paragraphs = Array.from({ length: n }, (_, i) => ({ text: `Line ${i} of the log.`, source: {} }));
	return { paragraphs, index: { analyzer: fixture.index.analyzer } } as unknown as Corpus;
}

describe('paragraphAnalysis', () => {
	it('holds the paragraph’s tokens and its windows, as computed directly', () => {
		const id = fixture.paragraphs.findIndex((p) => p.text.startsWith('The railway between'));
		const text = fixture.paragraphs[id]!.text;
		const analysis = paragraphAnalysis(fixture, id);
		expect(analysis.tokens).toEqual(fixture.index.analyzer.analyze(text));
		expect(analysis.windows()).toEqual(windows(text));
		expect(analysis.windows()).toBe(analysis.windows());
	});

	it('cuts windows by the excerpt tuning asked, keeping the default’s beside the last other', () => {
		const id = fixture.paragraphs.findIndex((p) => p.text.startsWith('The railway between'));
		const text = fixture.paragraphs[id]!.text;
		const analysis = paragraphAnalysis(fixture, id);
		const short = { ...EXCERPT_TUNING, maxQuoteLength: 60 };
		expect(analysis.windows(short)).toEqual(windows(text, short));
		expect(analysis.windows(short)).not.toEqual(analysis.windows());
		for (const w of analysis.windows(short)) expect(w.end - w.start).toBeLessThanOrEqual(60);
		// Equal values are the same windows, whatever object holds them.
		expect(analysis.windows({ ...short })).toBe(analysis.windows(short));
		expect(analysis.windows({ ...EXCERPT_TUNING })).toBe(analysis.windows());
	});

	it('returns the same analysis object when asked twice', () => {
		expect(paragraphAnalysis(fixture, 0)).toBe(paragraphAnalysis(fixture, 0));
		expect(paragraphAnalysis(fixture, 0)).not.toBe(paragraphAnalysis(fixture, 1));
	});

	it('keeps a cache per corpus', () => {
		const a = manyParagraphs(2);
		const b = manyParagraphs(2);
		expect(paragraphAnalysis(a, 0)).not.toBe(paragraphAnalysis(b, 0));
		expect(paragraphAnalysis(a, 0)).toBe(paragraphAnalysis(a, 0));
	});

	it(`keeps at most ${PARAGRAPH_CACHE_SIZE} analyses, dropping the least recently used`, () => {
		const corpus = manyParagraphs(PARAGRAPH_CACHE_SIZE + 1);
		const first = paragraphAnalysis(corpus, 0);
		const second = paragraphAnalysis(corpus, 1);
		for (let id = 2; id < PARAGRAPH_CACHE_SIZE; id++) paragraphAnalysis(corpus, id);
		// Full now; using 0 again makes 1 the least recently used.
		expect(paragraphAnalysis(corpus, 0)).toBe(first);
		paragraphAnalysis(corpus, PARAGRAPH_CACHE_SIZE);
		expect(paragraphAnalysis(corpus, 0)).toBe(first);
		const again = paragraphAnalysis(corpus, 1);
		expect(again).not.toBe(second);
		expect(again.tokens).toEqual(second.tokens);
		// Bringing 1 back dropped the next least recently used, 2, and kept the last one added.
		expect(paragraphAnalysis(corpus, PARAGRAPH_CACHE_SIZE - 1)).toBe(
			paragraphAnalysis(corpus, PARAGRAPH_CACHE_SIZE - 1),
		);
	});
});
