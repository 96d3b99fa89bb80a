import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundParagraph, MAX_PARAGRAPH_CHARS } from '../../../../src/core/text/bound-paragraph.js';

const pieces = (text: string, max?: number) => boundParagraph(text, max).map((s) => text.slice(s.start, s.end));

describe('boundParagraph', () => {
	it('leaves a paragraph within the cap whole, untrimmed', () => {
		expect(boundParagraph(' One. Two. ')).toEqual([{ start: 0, end: 11 }]);
	});

	it('packs whole sentences into pieces within the cap', () => {
		expect(pieces('Dr. Smith spoke. The vote was close. It passed.', 40)).toEqual([
			'Dr. Smith spoke. The vote was close.',
			'It passed.',
		]);
	});

	it('cuts a sentence longer than the cap at spaces, and a word longer than the cap anywhere', () => {
		expect(pieces('aaaa bbbb cccc dddd.', 10)).toEqual(['aaaa bbbb', 'cccc dddd.']);
		expect(pieces('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
	});

	it('never cuts a surrogate pair', () => {
		for (const p of pieces('𝐀'.repeat(20), 9)) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
	});

	it('gives trimmed verbatim pieces within the cap, in order, covering every non-space character', () => {
		const text = fc
			.array(fc.constantFrom('Dr. Smith said ', 'the vote was close. ', 'U.S. ', 'word', ' ', ', ', '𝐀', 'Hi! '), {
				maxLength: 200,
			})
			.map((parts) => parts.join(''));
		fc.assert(
			fc.property(text, fc.integer({ min: 2, max: 80 }), (t, max) => {
				const spans = boundParagraph(t, max);
				let at = 0;
				let kept = '';
				for (const s of spans) {
					expect(s.start).toBeGreaterThanOrEqual(at);
					if (t.length > max) {
						expect(s.end - s.start).toBeLessThanOrEqual(max);
						expect(t.slice(s.start, s.end).trim()).toBe(t.slice(s.start, s.end));
					}
					kept += t.slice(s.start, s.end);
					at = s.end;
				}
				expect(kept.replace(/\s/g, '')).toBe(t.replace(/\s/g, ''));
			}),
			{ numRuns: 1_000 },
		);
	});

	it('cuts 1 MB of one sentence repeated into pieces within the default cap', () => {
		const huge = 'Dr. Smith said the vote was close. '.repeat(30_000);
		const spans = boundParagraph(huge);
		expect(spans.every((s) => s.end - s.start <= MAX_PARAGRAPH_CHARS)).toBe(true);
		expect(spans.every((s) => huge.slice(s.start, s.end).endsWith('close.'))).toBe(true);
	});
});
