import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from '../../../../src/core/text/sentences.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
	it('does not break after U.S., Dr., Mr. or Sept.', () => {
		expect(
			sentences('The declaration, witnessed by U.S. President Donald Trump, was signed. Then it ended.'),
		).toHaveLength(2);
		expect(sentences('Dr. Jane Roe attended. Mr. Ilham spoke.')).toEqual([
			'Dr. Jane Roe attended.',
			'Mr. Ilham spoke.',
		]);
		expect(sentences('They met in China on Sept. 1. It went well.')).toEqual([
			'They met in China on Sept. 1.',
			'It went well.',
		]);
	});

	it('keeps closing quotes and footnote markers with their sentence', () => {
		expect(sentences('He said “It is over.” Then [3] left.')).toEqual(['He said “It is over.”', 'Then [3] left.']);
		expect(sentences('A new corridor.[2] The President spoke.')).toEqual([
			'A new corridor.[2]',
			'The President spoke.',
		]);
	});

	it('returns trimmed spans that cover every non-space character', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => {
				const spans = splitSentences(text);
				const covered = spans.map((s) => text.slice(s.start, s.end)).join('');
				expect(covered.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
				for (const s of spans) expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
			}),
		);
	});
});

describe('splitClauses', () => {
	it('cuts a long sentence at commas and dashes, keeping the punctuation', () => {
		const text = 'In 2024, the two countries made headway – most notably on the border, and agreed to talk.';
		const clauses = splitClauses(text, { start: 0, end: text.length }).map((c) => text.slice(c.start, c.end));
		expect(clauses[0]).toBe('In 2024,');
		expect(clauses.join(' ')).toContain('most notably on the border,');
	});
});
