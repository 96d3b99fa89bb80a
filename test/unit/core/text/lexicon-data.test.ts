import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { terms } from '../../../../src/core/text/analyze.js';
import {
	CAPITALS,
	DEMONYMS,
	IRREGULAR_FORMS,
	MONTH_ABBREVIATIONS,
	NAME_PARTS,
	PLACE_ACRONYMS,
	PLACE_NAMES,
} from '../../../../src/core/text/lexicon-data.js';

// The tables are generated (npm run lexicon); these tests pin what the analyzer relies on, so a new
// version of a source package that changes it is noticed when the file is regenerated.
describe('generated place names', () => {
	it('gives every name of a country one canonical name: Czechia and the Czech Republic, Türkiye and Turkey', () => {
		expect(PLACE_NAMES['czech republic']).toBe(PLACE_NAMES['czechia']);
		expect(PLACE_NAMES['turkey']).toBe(PLACE_NAMES['turkiye']);
		expect(PLACE_NAMES['great britain']).toBe('united kingdom');
		expect(PLACE_NAMES['britain']).toBe('united kingdom');
		expect(PLACE_NAMES['burma']).toBe('myanmar');
		expect(PLACE_NAMES['united states of america']).toBe('united states');
	});

	it('drops a name two countries claim ("Congo") and a one-word alias that is a word of another place ("America")', () => {
		expect(PLACE_NAMES['congo']).toBeUndefined();
		expect(PLACE_NAMES['america']).toBeUndefined();
		expect(PLACE_NAMES['south america']).toBe('south america');
		expect(NAME_PARTS['congo']).toEqual(['dr congo', 'republic of the congo']);
		expect(NAME_PARTS['america']).toEqual(['united states']);
	});

	it('knows countries by their acronyms, not by two-letter codes', () => {
		expect(PLACE_ACRONYMS).toMatchObject({
			uae: 'united arab emirates',
			uk: 'united kingdom',
			us: 'united states',
			usa: 'united states',
		});
		expect(PLACE_ACRONYMS['gb']).toBeUndefined();
	});

	it('keeps a word of a longer name only when it names at most two countries', () => {
		expect(NAME_PARTS['korea']).toEqual(['north korea', 'south korea']);
		expect(NAME_PARTS['arab']).toBeUndefined();
		expect(NAME_PARTS['republic']).toBeUndefined();
	});
});

describe('generated demonyms', () => {
	it('names nearly every country and points each at it', () => {
		expect(Object.keys(DEMONYMS).length).toBeGreaterThan(190);
		expect(DEMONYMS['french']).toEqual(['france']);
		expect(DEMONYMS['turkish']).toEqual([PLACE_NAMES['turkey']]);
		expect(DEMONYMS['czech']).toEqual(['czechia']);
	});

	it('reads "South Korean" by its last word, for both Koreas, and skips continents and generic tails', () => {
		expect(DEMONYMS['korean']).toEqual(['north korea', 'south korea']);
		expect(DEMONYMS['african']).toBeUndefined();
		expect(DEMONYMS['islander']).toBeUndefined();
	});
});

describe('generated capitals', () => {
	it('maps capitals, of one word or several, to their country', () => {
		expect(CAPITALS['seoul']).toBe('south korea');
		expect(CAPITALS['washington']).toBe('united states');
		expect(CAPITALS['abu dhabi']).toBe('united arab emirates');
		expect(CAPITALS['kingston']).toBe('jamaica');
	});

	it('leaves out capitals that are everyday words or, for territories, common names', () => {
		expect(CAPITALS['male']).toBeUndefined();
		expect(CAPITALS['hamilton']).toBeUndefined();
		expect(CAPITALS['singapore']).toBeUndefined();
	});
});

describe('generated irregular forms', () => {
	it('joins forms the stemmer keeps apart: went → go, children → child', () => {
		expect(IRREGULAR_FORMS['went']).toBe('go');
		expect(IRREGULAR_FORMS['children']).toBe('child');
		expect(IRREGULAR_FORMS['led']).toBe('lead');
		for (const [form, lemma] of Object.entries(IRREGULAR_FORMS)) expect(stemmer(form)).not.toBe(stemmer(lemma));
	});

	it('leaves forms that are also things as written: the left, the won, the media', () => {
		for (const form of ['left', 'won', 'media', 'ground', 'saw']) expect(IRREGULAR_FORMS[form]).toBeUndefined();
	});

	it('reads short months as the month, but not "May" or "Mar"', () => {
		expect(MONTH_ABBREVIATIONS['sept']).toBe('september');
		expect(MONTH_ABBREVIATIONS['jan']).toBe('january');
		expect(MONTH_ABBREVIATIONS['may']).toBeUndefined();
	});
});

describe('the tables in analysis', () => {
	it('reads Czechia and the Czech Republic, went and go, as one term each', () => {
		expect(terms('Czechia')).toEqual(terms('the Czech Republic'));
		expect(terms('went')).toEqual(terms('go'));
		expect(terms('children')).toEqual(terms('child'));
	});

	it('is sorted, so regenerating from the same packages gives the same file', () => {
		for (const table of [PLACE_NAMES, DEMONYMS, CAPITALS, IRREGULAR_FORMS]) {
			const keys = Object.keys(table);
			expect(keys).toEqual([...keys].sort());
		}
	});
});
