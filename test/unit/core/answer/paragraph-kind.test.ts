import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCitationLike, isHeading, isReference } from '../../../../src/core/answer/paragraph-kind.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);

describe('isReference', () => {
	it('takes a numbered footnote or any line holding a web address', () => {
		expect(isReference('[12] “Title,” Publisher, March 4, 2024, https://alpha.example/x.')).toBe(true);
		expect(isReference('  [3] Annual report, 2023.')).toBe(true);
		expect(isReference('See http://alpha.example for the full text.')).toBe(true);
	});

	it('leaves sentences, and brackets that do not open the line', () => {
		expect(isReference('The railway reopened on Friday.')).toBe(false);
		expect(isReference('In [12] cases the border stayed shut.')).toBe(false);
		expect(isReference('[a] note')).toBe(false);
		expect(isReference('')).toBe(false);
	});
});

describe('isHeading', () => {
	it('takes a short line that ends no sentence', () => {
		expect(isHeading('Markets')).toBe(true);
		expect(isHeading('Rail Link Reopens After Decades')).toBe(true);
		expect(isHeading('  Background  ')).toBe(true);
	});

	it('takes a short question without a verb of asking inside, not a question sentence', () => {
		expect(isHeading('What next?')).toBe(true);
		expect(isHeading('What is minilateralism?')).toBe(false);
		expect(isHeading('When will the border open?')).toBe(false);
	});

	it('leaves sentences, lines ending in a quotation, long lines and blank lines', () => {
		expect(isHeading('The railway reopened on Friday.')).toBe(false);
		expect(isHeading('Stop! Then go')).toBe(false);
		expect(isHeading('He called it “historic”')).toBe(false);
		expect(isHeading('a'.repeat(91))).toBe(false);
		expect(isHeading('a'.repeat(90))).toBe(true);
		expect(isHeading('')).toBe(false);
		expect(isHeading('   ')).toBe(false);
	});

	it('never takes a line ending with a full stop', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (text) => {
				expect(isHeading(`${text}.`)).toBe(false);
			}),
		);
	});
});

describe('isCitationLike', () => {
	it('is a reference or a heading', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string({ maxLength: 100 }), fc.constantFrom('Markets', '[1] x', 'A sentence.', 'Why?')),
				(text) => {
					expect(isCitationLike(text)).toBe(isReference(text) || isHeading(text));
				},
			),
		);
	});

	it('picks out the fixture’s heading and footnote, and none of its sentences', () => {
		const marked = fixture.paragraphs.filter((p) => isCitationLike(p.text)).map((p) => p.text);
		expect(marked).toHaveLength(2);
		expect(marked[0]).toBe('Markets');
		expect(marked[1]).toMatch(/^\[1\] /);
	});
});
