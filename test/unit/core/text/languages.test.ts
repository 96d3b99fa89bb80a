import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stemmer as porter } from 'stemmer';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as portugueseStem } from '@orama/stemmers/portuguese';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import {
	analyze,
	analyzeQuestion,
	createAnalyzer,
	fold,
	terms,
	termOfWord,
} from '../../../../src/core/text/analyze.js';
import { foreignTermOf, hasStemmer, isEnglish, stopWordsOf } from '../../../../src/core/text/languages.js';

describe('language-aware analysis', () => {
	it('stems French, Portuguese and Spanish words with their own Snowball stemmer, then folds', () => {
		expect(terms('élections', 'fr')).toEqual([fold(frenchStem('élections'))]);
		expect(terms('eleições', 'pt')).toEqual([fold(portugueseStem('eleições'))]);
		expect(terms('elecciones', 'es')).toEqual([fold(spanishStem('elecciones'))]);
		// Plural and singular meet, as Porter's do in English.
		expect(terms('gouvernements', 'fr')).toEqual(terms('gouvernement', 'fr'));
		expect(terms('governos', 'pt')).toEqual(terms('governo', 'pt'));
		expect(terms('presidentes', 'es')).toEqual(terms('presidente', 'es'));
		expect(terms('elecciones', 'es')).toEqual(terms('elección', 'es'));
	});

	it('drops each language’s stop words and its elided articles, not English ones', () => {
		expect(terms('Le conseil de la ville a voté les mesures', 'fr')).toEqual(
			['conseil', 'vill', 'vot', 'mesur'].map((w) => w),
		);
		expect(terms("l'armée", 'fr')).toEqual(terms('armée', 'fr'));
		expect(terms('O governo e os deputados', 'pt')).toEqual(terms('governo deputados', 'pt'));
		// "the" is no Portuguese stop word: French or Portuguese text keeps what English would drop.
		expect(terms('the', 'fr')).toEqual(['the']);
		expect(stopWordsOf('fr').has('meme')).toBe(true);
	});

	it('keeps English exactly as it was: "en" and no language are the English pipeline', () => {
		const text = 'The Turkish delegation hurried to Türkiye’s capital after the U.S. talks on 12 May.';
		expect(analyze(text, 'en')).toEqual(analyze(text));
		expect(terms('Hurried elections')).toEqual([porter('hurried'), porter('elections')]);
		expect(termOfWord('Hurried', 'en')).toBe(termOfWord('Hurried'));
		expect(isEnglish(undefined) && isEnglish('en') && !isEnglish('fr')).toBe(true);
	});

	it('any text analyzes the same with no language and with "en"', () => {
		const analyzer = createAnalyzer();
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (text) => {
				expect(analyzer.analyze(text, 'en')).toEqual(analyzer.analyze(text));
			}),
			{ numRuns: 300 },
		);
	});

	it('folds and never stems with English a language without a stemmer', () => {
		expect(hasStemmer('ja')).toBe(false);
		expect(hasStemmer('cs')).toBe(false);
		// Czech has no stemmer here: its words are folded, not cut by Porter's English rules.
		expect(terms('Vláda schválila rozpočty', 'cs')).toEqual(['vlada', 'schvalila', 'rozpocty']);
		expect(porter('rozpocty')).not.toBe('rozpocty');
		// Nor are English stop words dropped from it.
		expect(terms('a the', 'cs')).toEqual(['a', 'the']);
		expect(foreignTermOf('ja', '東京')).toBe('東京');
	});

	it('keeps acronyms and numbers as they stand in another language', () => {
		expect(terms('AFP 2025', 'fr')).toEqual(['afp', '2025']);
	});

	it('every analyzed term of another language is folded, and offsets point at the word', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('fr', 'pt', 'es', 'de', 'it', 'ja', 'cs'),
				fc.array(fc.constantFrom('Élections', 'l’armée', 'governos', 'año', 'Straße', '東京', 'ÚŘAD', '42'), {
					maxLength: 8,
				}),
				(language, words) => {
					const text = words.join(' ');
					for (const t of analyze(text, language)) {
						expect(t.term).toBe(fold(t.term));
						expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
					}
				},
			),
		);
	});
});

describe('questions on a corpus of several languages', () => {
	it('adds each word’s term in each other language at full factor, and marks that language’s stop words', () => {
		const q = analyzeQuestion('Quand le conseil municipal a-t-il voté les élections ?', undefined, ['fr']);
		const election = q.find((t) => t.surface === 'elections')!;
		expect(election.term).toBe(termOfWord('élections'));
		expect(election.alternatives.get(termOfWord('élections', 'fr')!) ?? 1).toBe(1);
		expect(q.find((t) => t.surface === 'quand')?.foreignStop).toBe(true);
		expect(q.find((t) => t.surface === 'le')?.foreignStop).toBe(true);
	});

	it('reads a question exactly as before when the corpus has no other language', () => {
		const question = 'Who leads the Turkish delegation to Armenia in 2025?';
		expect(analyzeQuestion(question, undefined, [])).toEqual(analyzeQuestion(question));
		expect(analyzeQuestion(question, undefined, ['en'])).toEqual(analyzeQuestion(question));
	});
});
