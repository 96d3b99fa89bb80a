import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, truncate } from '../../../../src/core/render/markdown.js';

/** Text that is mostly markdown's special characters, mentions and line starts. */
const hostile = fc
	.array(
		fc.constantFrom(
			'*',
			'_',
			'~',
			'`',
			'|',
			'[',
			']',
			'(',
			')',
			'<',
			'>',
			'#',
			'-',
			'\\',
			'@',
			'everyone',
			'here',
			'EVERYONE',
			'1.',
			'2)',
			' ',
			'\n',
			'a',
			'&',
			'!',
			':',
		),
		{ maxLength: 60 },
	)
	.map((parts) => parts.join(''));

/** The text with each backslash escape taken off: what Discord would show. */
const unescape = (text: string) => text.replace(/\\(.)/gs, '$1');

describe('escapeMarkdown', () => {
	it('escapes backslashes themselves, so a backslash in the text cannot escape an escape', () => {
		expect(escapeMarkdown('\\*')).toBe('\\\\\\*');
		expect(escapeMarkdown('C:\\path')).toBe('C:\\\\path');
	});
	it('escapes numbered list markers and markers after indentation, but not numbers inside a line', () => {
		expect(escapeMarkdown('1. first\n  2) second')).toBe('\\1. first\n  \\2) second');
		expect(escapeMarkdown('In 2024. it rose by 3.5')).toBe('In 2024. it rose by 3.5');
		expect(escapeMarkdown('1.5 million')).toBe('1.5 million');
	});
	it('breaks @everyone and @here with a zero-width space, whatever the case', () => {
		expect(escapeMarkdown('@Everyone and @HERE')).toBe('@\u200bEveryone and @\u200bHERE');
		expect(escapeMarkdown('mail@example.org')).toBe('mail@example.org');
	});
	it('leaves plain text alone', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.;:'"!?()\n]{0,60}$/), (text) => {
				fc.pre(!/\n\s*\d/.test(text));
				expect(escapeMarkdown(text)).toBe(text);
			}),
		);
	});
	it('leaves no live markdown, mention or masked link in hostile text', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const out = escapeMarkdown(text);
				// Every special character is preceded by a backslash that is not itself escaped.
				const live = out.replace(/\\[\s\S]/g, '');
				expect(live).not.toMatch(/[*_~`|[\]<\\]/);
				expect(out).not.toMatch(/^\s*(?:[#>-]|\d+[.)]\s)/m);
				expect(out).not.toMatch(/@(everyone|here)/i);
			}),
			{ numRuns: 2_000 },
		);
	});
	it('shows the text as written once escapes are read, but for the zero-width space in mentions', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				expect(unescape(escapeMarkdown(text)).replace(/\u200b/g, '')).toBe(text.replace(/\u200b/g, ''));
			}),
			{ numRuns: 1_000 },
		);
	});
});

describe('truncate', () => {
	it('keeps text that fits', () => {
		expect(truncate('short', 5)).toBe('short');
	});
	it('cuts at a word boundary and marks the cut', () => {
		expect(truncate('The quick brown fox jumps', 12)).toBe('The quick…');
		expect(truncate('Supercalifragilistic word', 10)).toBe('Supercali…');
	});
	it('never exceeds max, and keeps a prefix of the text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 120 }), (text, max) => {
				const out = truncate(text, max);
				expect(out.length).toBeLessThanOrEqual(max);
				if (text.length <= max) expect(out).toBe(text);
				else {
					expect(out.endsWith('…')).toBe(true);
					expect(text.startsWith(out.slice(0, -1))).toBe(true);
				}
			}),
			{ numRuns: 1_000 },
		);
	});
});
