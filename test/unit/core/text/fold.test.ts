import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, nameWords, POSSESSIVE, WORD } from '../../../../src/core/text/fold.js';

const words = (text: string) => [...text.matchAll(WORD)].map((m) => m[0]);

describe('fold', () => {
	it('lowercases and strips diacritics', () => {
		expect(fold('Kılıç')).toBe('kilic');
		expect(fold('Türkiye')).toBe('turkiye');
		expect(fold('Côte d’Ivoire')).toBe('cote d’ivoire');
		expect(fold('ŞEHİR')).toBe('sehir');
	});
	it('spells out letters that have no decomposition', () => {
		expect(fold('Straße')).toBe('strasse');
		expect(fold('Øresund Łódź Đakovo')).toBe('oresund lodz dakovo');
		expect(fold('Æsir Œuvre Þing Azərbaycan')).toBe('aesir oeuvre thing azerbaycan');
	});
	it('is idempotent and leaves no capital ASCII letter or combining mark', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
				const once = fold(text);
				expect(fold(once)).toBe(once);
				expect(once).not.toMatch(/[A-Z]|\p{M}/u);
			}),
			{ numRuns: 500 },
		);
	});
	it('leaves lowercase ASCII as it is', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z0-9 ]{0,30}$/), (text) => {
				expect(fold(text)).toBe(text);
			}),
		);
	});
});

describe('WORD', () => {
	it('splits letters and digits, keeping inner apostrophes and dotted initials', () => {
		expect(words("The U.S. and people's d'Ivoire 2024!")).toEqual([
			'The',
			'U.S.',
			'and',
			"people's",
			"d'Ivoire",
			'2024',
		]);
		expect(words('rock-and-roll, don’t')).toEqual(['rock', 'and', 'roll', 'don’t']);
	});
	it('does not keep a trailing apostrophe', () => {
		expect(words("the States' claim")).toEqual(['the', 'States', 'claim']);
	});
});

describe('POSSESSIVE', () => {
	it('matches a trailing possessive, straight or curly', () => {
		expect('Azerbaijan’s'.replace(POSSESSIVE, '')).toBe('Azerbaijan');
		expect("States'".replace(POSSESSIVE, '')).toBe('States');
		expect('Paris').not.toMatch(POSSESSIVE);
	});
});

describe('nameWords', () => {
	it('folds each word of a name and straightens its apostrophes', () => {
		expect(nameWords('Côte d’Ivoire')).toEqual(['cote', "d'ivoire"]);
		expect(nameWords('São Tomé and Príncipe')).toEqual(['sao', 'tome', 'and', 'principe']);
		expect(nameWords('  ')).toEqual([]);
	});
	it('gives words that are folded already', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), (name) => {
				for (const w of nameWords(name)) {
					expect(fold(w)).toBe(w);
					expect(w).not.toContain('’');
				}
			}),
			{ numRuns: 500 },
		);
	});
});
