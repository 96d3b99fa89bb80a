import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	encodeFragmentText,
	FRAGMENT_CHARS,
	textFragmentLink,
	withoutTextFragment,
} from '../../../../src/core/render/link.js';

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

	it('links a long quote written without spaces by a few characters at each end', () => {
		const quote = '土耳其代表团由大使率领，将于下周初前往亚美尼亚，这是两国关系正常化进程中的一个里程碑。'.repeat(6);
		const link = textFragmentLink('https://a.example/x', quote);
		const [start, end] = link.slice('https://a.example/x#:~:text='.length).split(',').map(decodeURIComponent);
		expect(Array.from(start!)).toHaveLength(FRAGMENT_CHARS);
		expect(quote.startsWith(start!)).toBe(true);
		expect(quote.endsWith(end!)).toBe(true);
		expect(link.length).toBeLessThan(1_000);
	});

	it('keeps every fragment short, however long the quote and whatever its script', () => {
		const piece = fc.constantFrom('国', '語', 'ภาษา', '😀', 'a', ' ', '-', ',', 'word ', 'Ünïcödé');
		fc.assert(
			fc.property(fc.array(piece, { minLength: 1, maxLength: 2_000 }), (parts) => {
				const link = textFragmentLink('https://a.example/x', parts.join(''));
				// Each end: at most five words or 40 characters, each at most 12 bytes percent-encoded.
				expect(link.length).toBeLessThan(1_100);
			}),
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
