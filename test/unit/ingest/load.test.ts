import { describe, expect, it } from 'vitest';
import { readContent } from '../../../src/ingest/load.js';
import { MAX_PARAGRAPH_CHARS } from '../../../src/core/text/bound-paragraph.js';

describe('readContent', () => {
	it('cuts a paragraph over MAX_PARAGRAPH_CHARS at sentence ends, so the stored file needs no cutting at load', () => {
		const long = 'Dr. Smith said the vote was close. '.repeat(400).trim();
		const { paragraphs } = readContent(`Opening line.\n${long}\n`, 'text', 'test', undefined);
		expect(paragraphs[0]).toBe('Opening line.');
		expect(paragraphs.length).toBeGreaterThan(2);
		for (const p of paragraphs.slice(1)) {
			expect(p.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
			expect(p).toMatch(/^Dr\. Smith.*close\.$/);
		}
		expect(paragraphs.slice(1).join(' ')).toBe(long);
	});

	it('keeps paragraphs within the cap as they are', () => {
		expect(readContent('One. Two.\nThree.\n', 'text', 'test', undefined).paragraphs).toEqual(['One. Two.', 'Three.']);
	});
});
