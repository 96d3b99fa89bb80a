import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteCut, quoteCutOf, quoteSpan, UNCUT } from '../../../../src/core/answer/quote-cut.js';
import { splitSentences } from '../../../../src/core/text/sentences.js';

const BILL = 'The bill, which passed 231 to 198, now goes to the Senate. Lawmakers left for the weekend.';

describe('quoteCutOf', () => {
	it('finds whole sentences uncut, alone or in pairs', () => {
		expect(quoteCutOf(BILL, 'The bill, which passed 231 to 198, now goes to the Senate.')).toEqual(UNCUT);
		expect(quoteCutOf(BILL, 'Lawmakers left for the weekend.')).toEqual(UNCUT);
		expect(quoteCutOf(BILL, BILL)).toEqual(UNCUT);
	});

	it('marks a clause cut at the start, the end or both', () => {
		expect(quoteCutOf(BILL, 'now goes to the Senate.')).toEqual({ cutStart: true, cutEnd: false });
		expect(quoteCutOf(BILL, 'The bill,')).toEqual({ cutStart: false, cutEnd: true });
		expect(quoteCutOf(BILL, 'which passed 231 to 198,')).toEqual({ cutStart: true, cutEnd: true });
		expect(quoteCutOf(BILL, 'now goes to the Senate. Lawmakers left')).toEqual({ cutStart: true, cutEnd: true });
	});

	it('counts a left-out full stop as a cut: the sentence goes on', () => {
		expect(quoteCutOf(BILL, 'Lawmakers left for the weekend')).toEqual({ cutStart: false, cutEnd: true });
	});

	it('does not count an opening quotation mark or bracket left out as a cut', () => {
		const text = 'He spoke first. “We will not go back,” the minister said. (The talks resume in May.)';
		expect(quoteCutOf(text, 'We will not go back,” the minister said.')).toEqual(UNCUT);
		expect(quoteCutOf(text, 'The talks resume in May.')).toEqual(UNCUT);
		// Mid-sentence, an opening quotation mark is no sentence start.
		expect(quoteCutOf('The minister said “we will not go back.”', '“we will not go back.”').cutStart).toBe(true);
	});

	it('does not count closing quotation marks, brackets or a footnote mark left out as a cut', () => {
		expect(quoteCutOf('He said “It is over.” Then he left.', 'He said “It is over.')).toEqual(UNCUT);
		expect(quoteCutOf('(The talks resume in May.) Both sides agreed.', '(The talks resume in May.')).toEqual(UNCUT);
		expect(quoteCutOf('A new corridor opened.[2] The President spoke.', 'A new corridor opened.')).toEqual(UNCUT);
	});

	it('counts white space around a quote as outside it', () => {
		const text = '  First sentence here.   Second one.  ';
		expect(quoteCutOf(text, '  First sentence here.   ')).toEqual(UNCUT);
		expect(quoteCutOf(text, ' Second one.  ')).toEqual(UNCUT);
	});

	it('keeps abbreviations and initials inside their sentence', () => {
		const text = 'The declaration, witnessed by U.S. President Donald Trump, was signed. Then it ended.';
		expect(quoteCutOf(text, 'President Donald Trump, was signed.').cutStart).toBe(true);
		expect(quoteCutOf(text, 'The declaration, witnessed by U.S.').cutEnd).toBe(true);
	});

	it('uses the offset given over the first occurrence of a repeated quote', () => {
		const text = 'It rained on Monday, it rained. It rained.';
		const second = text.lastIndexOf('It rained.');
		expect(quoteCutOf(text, 'It rained.', second)).toEqual(UNCUT);
		// Without an offset the first occurrence is taken: "It rained" opens the first sentence, which goes on.
		expect(quoteCutOf(text, 'It rained')).toEqual({ cutStart: false, cutEnd: true });
	});

	it('leaves a quote that is not in its passage unmarked', () => {
		expect(quoteCutOf(BILL, 'not in the passage')).toEqual(UNCUT);
		expect(quoteCutOf(BILL, '')).toEqual(UNCUT);
		expect(quoteCutOf(BILL, 'now goes', 0)).toEqual(UNCUT);
	});
});

describe('quoteSpan', () => {
	it('places a quote at its offset, else at its first occurrence', () => {
		expect(quoteSpan('ab ab', 'ab')).toEqual({ start: 0, end: 2 });
		expect(quoteSpan('ab ab', 'ab', 3)).toEqual({ start: 3, end: 5 });
		expect(quoteSpan('ab ab', 'ab', 1)).toBeUndefined();
		expect(quoteSpan('ab ab', 'c')).toBeUndefined();
	});
});

/** Passages as news reads: words, abbreviations, quotation marks, brackets, footnote marks, sentence ends. */
const piece = fc.constantFrom(
	'the',
	'Senate',
	'bill',
	'passed',
	'231',
	'U.S.',
	'Dr.',
	'Sept.',
	'J.',
	'“We',
	'go,”',
	'(in',
	'May)',
	'said.',
	'left!',
	'why?',
	'“Done.”',
	'corridor.[2]',
	'and,',
	'—',
	'x'.repeat(40),
	'é',
	'😀',
	'end.',
);
const passage = fc.array(piece, { minLength: 1, maxLength: 60 }).map((w) => w.join(' '));
const texts = fc.oneof(passage, fc.string({ maxLength: 300 }));

/** A word: a run of letters or digits. */
const WORD = /[\p{L}\p{N}]+/gu;

describe('quoteCut, as a property', () => {
	it('never marks a span of whole sentences as cut', () => {
		fc.assert(
			fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
				const sentences = splitSentences(text);
				if (sentences.length === 0) return;
				const i = a % sentences.length;
				const j = i + (b % (sentences.length - i));
				expect(quoteCut(text, { start: sentences[i]!.start, end: sentences[j]!.end })).toEqual(UNCUT);
			}),
			{ numRuns: 2_000 },
		);
	});

	it('marks a span starting or ending at a word inside a sentence as cut there', () => {
		fc.assert(
			fc.property(passage, fc.nat(), fc.nat(), fc.nat(), (text, a, b, c) => {
				const sentences = splitSentences(text);
				const s = sentences[a % sentences.length]!;
				const words = [...text.slice(s.start, s.end).matchAll(WORD)].map((m) => ({
					start: s.start + m.index,
					end: s.start + m.index + m[0].length,
				}));
				if (words.length < 2) return;
				// A word after the sentence's first: a word stands before it, so the span opens mid-sentence.
				const from = words[1 + (b % (words.length - 1))]!;
				expect(quoteCut(text, { start: from.start, end: s.end }).cutStart).toBe(true);
				// A word before the sentence's last: a word follows it, so the span stops mid-sentence.
				const to = words[c % (words.length - 1)]!;
				expect(quoteCut(text, { start: s.start, end: to.end }).cutEnd).toBe(true);
			}),
			{ numRuns: 2_000 },
		);
	});
});
