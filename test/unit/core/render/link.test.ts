import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFragmentText, textFragmentLink, withoutTextFragment } from '../../../../src/core/render/link.js';

describe('textFragmentLink', () => {
	it('escapes -, & and , as the text fragment spec asks', () => {
		expect(encodeFragmentText('Baku-Tbilisi-Kars, R&D')).toBe('Baku%2DTbilisi%2DKars%2C%20R%26D');
	});

	it('links a short quote whole', () => {
		expect(textFragmentLink('https://a.example/x', 'constructive atmosphere.')).toBe(
			'https://a.example/x#:~:text=constructive%20atmosphere.',
		);
	});

	it('links a long quote by its first and last words', () => {
		const quote =
			'The Turkish delegation, led by Ambassador Serdar Kilic, will travel to Armenia early next week, marking a milestone.';
		const link = textFragmentLink('https://a.example/x', quote);
		expect(link).toBe(
			'https://a.example/x#:~:text=The%20Turkish%20delegation%2C%20led%20by,next%20week%2C%20marking%20a%20milestone.',
		);
	});

	it('adds the directive after an existing fragment', () => {
		expect(textFragmentLink('https://a.example/x#top', 'short')).toBe('https://a.example/x#top:~:text=short');
	});

	it('always starts with the source url and decodes back to words of the quote', () => {
		fc.assert(
			fc.property(fc.webUrl({ withFragments: false }), fc.string({ minLength: 1, maxLength: 400 }), (url, quote) => {
				const link = textFragmentLink(url, quote);
				expect(link.startsWith(url)).toBe(true);
				const directive = link.slice(url.length).replace(/^#:~:text=/, '');
				for (const part of directive.split(',')) {
					if (part.length > 0) expect(quote).toContain(decodeURIComponent(part));
				}
			}),
		);
	});
});

describe('withoutTextFragment', () => {
	it('gives back the address a text-fragment link was made from', () => {
		fc.assert(
			fc.property(fc.webUrl({ withFragments: false }), fc.string({ maxLength: 400 }), (url, quote) => {
				expect(withoutTextFragment(textFragmentLink(url, quote))).toBe(url);
			}),
		);
	});

	it('keeps a fragment the address had before the directive', () => {
		expect(withoutTextFragment(textFragmentLink('https://a.example/x#top', 'short'))).toBe('https://a.example/x#top');
	});

	it('leaves an address without a directive as it is', () => {
		expect(withoutTextFragment('https://a.example/x#top')).toBe('https://a.example/x#top');
	});
});
