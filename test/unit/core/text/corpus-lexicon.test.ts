import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusLexiconSchema, EMPTY_LEXICON } from '../../../../src/core/text/corpus-lexicon.js';

/** The paths of the issues the schema finds in `input`, joined with dots. */
const problems = (input: unknown) => {
	const result = CorpusLexiconSchema.safeParse(input);
	return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('EMPTY_LEXICON', () => {
	it('is what the schema makes of an empty object', () => {
		expect(CorpusLexiconSchema.parse({})).toEqual(EMPTY_LEXICON);
	});
});

describe('CorpusLexiconSchema: good entries', () => {
	it('accepts every field, and fills the ones left out', () => {
		expect(CorpusLexiconSchema.parse({ aliases: { pashinian: 'pashinyan' } })).toEqual({
			...EMPTY_LEXICON,
			aliases: { pashinian: 'pashinyan' },
		});
		const full = {
			aliases: { karabagh: 'karabakh', 'd’ivoire': "d'ivoire" },
			synonyms: [
				['pipeline', 'gas'],
				['ceasefire', 'truce', 'armistice'],
			],
			capitals: { kremlin: 'Russia', brussels: 'European Union' },
			demonyms: { azeri: 'Azerbaijan', karabakhi: 'Nagorno-Karabakh' },
		};
		expect(CorpusLexiconSchema.parse(full)).toEqual(full);
	});
	it('accepts words with letters of any script, digits and inner apostrophes', () => {
		expect(problems({ aliases: { türkiye: 'turkey', g7: 'g8', 'people’s': 'peoples', ереван: 'yerevan' } })).toEqual(
			[],
		);
	});
	it('trims a name, and keeps a name of several words', () => {
		expect(CorpusLexiconSchema.parse({ capitals: { kremlin: '  Russia ' } }).capitals).toEqual({ kremlin: 'Russia' });
	});
	it('accepts any map of one-word aliases', () => {
		const word = fc.stringMatching(/^[a-z0-9]{1,10}$/);
		fc.assert(
			fc.property(fc.dictionary(word, word, { maxKeys: 10 }), (aliases) => {
				expect(CorpusLexiconSchema.parse({ aliases }).aliases).toEqual(aliases);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('CorpusLexiconSchema: bad entries', () => {
	it('refuses a key or alias of more than one word, or none', () => {
		expect(problems({ aliases: { 'new york': 'nyc' } })).toEqual(['aliases.new york']);
		expect(problems({ aliases: { nyc: 'new york' } })).toEqual(['aliases.nyc']);
		expect(problems({ aliases: { nyc: '' } })).toEqual(['aliases.nyc']);
		expect(problems({ capitals: { "'kremlin": 'Russia' } })).toEqual(["capitals.'kremlin"]);
		expect(problems({ demonyms: { 'azeri-turk': 'Azerbaijan' } })).toEqual(['demonyms.azeri-turk']);
	});
	it('refuses an empty or blank name', () => {
		expect(problems({ capitals: { kremlin: '' } })).toEqual(['capitals.kremlin']);
		expect(problems({ demonyms: { azeri: '   ' } })).toEqual(['demonyms.azeri']);
	});
	it('refuses a synonym group of fewer than two words, or with a phrase in it', () => {
		expect(problems({ synonyms: [['alone']] })).toEqual(['synonyms.0']);
		expect(problems({ synonyms: [] })).toEqual([]);
		expect(problems({ synonyms: [['gas', 'natural gas']] })).toEqual(['synonyms.0.1']);
	});
	it('refuses fields of the wrong type and fields it does not know', () => {
		expect(problems({ aliases: [] })).toEqual(['aliases']);
		expect(problems({ synonyms: { gas: 'pipeline' } })).toEqual(['synonyms']);
		expect(problems({ capitals: { kremlin: 1 } })).toEqual(['capitals.kremlin']);
		expect(problems({ alias: {} })).toEqual(['']);
		expect(problems(null)).toEqual(['']);
		expect(problems([])).toEqual(['']);
	});
	it('refuses any alias holding a space or punctuation', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z]{1,5}[ .,;!?-][a-z]{0,5}$/), (bad) => {
				expect(CorpusLexiconSchema.safeParse({ aliases: { ok: bad } }).success).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});
});
