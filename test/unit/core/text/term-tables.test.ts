import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generalAnalyzer } from '../../../../src/core/text/analyze.js';
import { EMPTY_LEXICON, type CorpusLexicon } from '../../../../src/core/text/corpus-lexicon.js';
import {
	buildRelations,
	buildTermTables,
	placeTerm,
	RELATION_TUNING,
	relationFactor,
	wordKey,
	type Relations,
} from '../../../../src/core/text/term-tables.js';

/** The one term of a text with the general analyzer, as the analyzer gives buildRelations. */
const termOf = (text: string) => {
	const terms = generalAnalyzer.terms(text);
	return terms.length === 1 ? terms[0] : undefined;
};
const lexicon = (entries: Partial<CorpusLexicon>): CorpusLexicon => ({ ...EMPTY_LEXICON, ...entries });

describe('wordKey and placeTerm', () => {
	it('folds a word and straightens its apostrophes', () => {
		expect(wordKey('D’Ivoire')).toBe("d'ivoire");
		expect(wordKey('Kılıç')).toBe('kilic');
	});
	it('stems a one-word name and runs the words of a longer one together', () => {
		expect(placeTerm('united states')).toBe('unitedstates');
		expect(placeTerm('Côte d’Ivoire')).toBe('cotedivoire');
		expect(placeTerm('armenia')).toBe(generalAnalyzer.termOfWord('armenia'));
		expect(placeTerm('Türkiye')).toBe(placeTerm('turkiye'));
	});
	it('gives letters and digits only', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (name) => {
				expect(placeTerm(name)).toMatch(/^[\p{L}\p{N}']*$/u);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('buildTermTables', () => {
	const tables = buildTermTables(EMPTY_LEXICON);
	it('reads irregular forms and short months as their words', () => {
		expect(tables.words.get('went')).toBe('go');
		expect(tables.words.get('children')).toBe('child');
		expect(tables.words.get('jan')).toBe('january');
	});
	it('reads every spelling of a one-word place as one term', () => {
		expect(tables.names.get('turkey')).toBe(placeTerm('turkiye'));
		expect(tables.names.get('turkiye')).toBe(placeTerm('turkiye'));
	});
	it('keeps names of several words as phrases under their first word, longest first', () => {
		const united = tables.phrases.get('united')!;
		expect(united).toContainEqual({ rest: ['states'], term: 'unitedstates' });
		expect(united).toContainEqual({ rest: ['states', 'of', 'america'], term: 'unitedstates' });
		expect(united).toContainEqual({ rest: ['nations'], term: 'unitednations' });
		for (const list of tables.phrases.values()) {
			for (let i = 1; i < list.length; i++)
				expect(list[i - 1]!.rest.length).toBeGreaterThanOrEqual(list[i]!.rest.length);
		}
	});
	it('reads place and organization acronyms as the name they stand for', () => {
		expect(tables.acronyms.get('us')).toBe('unitedstates');
		expect(tables.acronyms.get('uae')).toBe('unitedarabemirates');
		expect(tables.acronyms.get('eu')).toBe('europeanunion');
	});
	it('adds a corpus’s aliases as folded words, over the general tables', () => {
		const withAliases = buildTermTables(lexicon({ aliases: { Pashinian: 'Pashinyan', went: 'gone' } }));
		expect(withAliases.words.get('pashinian')).toBe('pashinyan');
		expect(withAliases.words.get('went')).toBe('gone');
		expect(tables.words.has('pashinian')).toBe(false);
	});
});

describe('buildRelations', () => {
	const relations = buildRelations(EMPTY_LEXICON, termOf);
	/** The factor `b` counts for in a question asking `a`, at the default tuning. */
	const factorIn = (table: Relations, a: string, b: string) => {
		const kinds = table.get(a)?.get(b);
		return kinds === undefined ? undefined : relationFactor(kinds);
	};
	const factor = (a: string, b: string) => factorIn(relations, termOf(a)!, b === 'turkiye' ? placeTerm(b) : termOf(b)!);
	it('relates demonyms, capitals and name parts to their country, each at its factor', () => {
		expect(factor('Turkish', 'turkiye')).toBe(RELATION_TUNING.demonym);
		expect(factor('Ankara', 'turkiye')).toBe(RELATION_TUNING.capital);
		expect(factor('Korea', 'South Korea')).toBe(RELATION_TUNING.part);
	});
	it('relates each group of synonyms', () => {
		expect(factor('treaty', 'accord')).toBe(RELATION_TUNING.synonym);
		expect(factor('help', 'assist')).toBe(RELATION_TUNING.synonym);
	});
	it('relates both ways, never a term to itself, each factor at most 1', () => {
		for (const [a, related] of relations) {
			expect(related.has(a)).toBe(false);
			for (const [b, kinds] of related) {
				expect(relations.get(b)?.get(a)).toEqual(kinds);
				const f = relationFactor(kinds);
				expect(f).toBeGreaterThan(0);
				expect(f).toBeLessThanOrEqual(1);
			}
		}
	});
	it('adds a corpus’s demonyms, capitals and synonyms', () => {
		const corpus = buildRelations(
			lexicon({ demonyms: { azeri: 'Azerbaijan' }, capitals: { kremlin: 'Russia' }, synonyms: [['pipeline', 'gas']] }),
			termOf,
		);
		expect(factorIn(corpus, termOf('kremlin')!, termOf('Russia')!)).toBe(RELATION_TUNING.capital);
		expect(factorIn(corpus, termOf('Russia')!, termOf('kremlin')!)).toBe(RELATION_TUNING.capital);
		expect(factorIn(corpus, termOf('azeri')!, termOf('Azerbaijan')!)).toBe(RELATION_TUNING.demonym);
		expect(factorIn(corpus, termOf('gas')!, termOf('pipeline')!)).toBe(RELATION_TUNING.synonym);
		expect(relations.get(termOf('kremlin')!)?.has(termOf('Russia')!) ?? false).toBe(false);
	});
	it('skips entries whose words are not one term', () => {
		const corpus = buildRelations(lexicon({ capitals: { the: 'Russia' } }), termOf);
		expect(corpus.get(termOf('Russia')!)?.size).toBe(relations.get(termOf('Russia')!)?.size);
	});
});
