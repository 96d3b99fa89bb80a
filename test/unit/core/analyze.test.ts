import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuestion, fold, terms } from '../../../src/core/analyze.js';

describe('fold', () => {
	it('strips diacritics and dotless i so Türkiye and Kılıç meet their plain spellings', () => {
		expect(fold('Türkiye')).toBe('turkiye');
		expect(fold('Kılıç')).toBe('kilic');
		expect(fold('İlham Əliyev')).toBe('ilham eliyev');
		expect(fold('Göksel')).toBe('goksel');
	});
});

describe('analyze', () => {
	it('gives aliases one term: Turkey and Türkiye, Nakhchivan and Nakhichevan', () => {
		expect(terms('Türkiye')).toEqual(terms('Turkey'));
		expect(terms('Turkiye')).toEqual(terms('Turkey'));
		expect(terms('Nakhichevan')).toEqual(terms('Nakhchivan'));
		expect(terms('Kılıç')).toEqual(terms('Kilic'));
	});

	it('drops stop words and stems the rest', () => {
		expect(terms('the meetings of the ministers')).toEqual(['meet', 'minist']);
	});

	it('joins irregular forms to their base ("led" and "leads")', () => {
		expect(terms('led')).toEqual(terms('leads'));
		expect(terms('met')).toEqual(terms('meeting'));
	});

	it('reads U.S. and US as the United States, not the pronoun', () => {
		expect(terms('the U.S. envoy')).toEqual(terms('the United States envoy'));
		expect(terms('US sanctions')).toEqual(terms('United States sanctions'));
		expect(terms('tell us')).toEqual(['tell']);
	});

	it('strips possessives', () => {
		expect(terms('Azerbaijan’s army')).toEqual(terms("Azerbaijan's army"));
		expect(terms("Azerbaijan's")).toEqual(terms('Azerbaijan'));
	});

	it('indexes the initials of long capitalized names, so CSTO finds the organization', () => {
		const t = terms('the Collective Security Treaty Organization');
		expect(t).toContain('csto');
		expect(terms('CSTO')).toEqual(['csto']);
	});

	it('gives every token offsets that slice back to the word', () => {
		const text = 'Ambassador Serdar Kılıç led the Turkish side.';
		for (const token of analyze(text)) expect(text.slice(token.start, token.end)).toMatch(/^\p{L}/u);
	});
});

describe('analyzeQuestion', () => {
	it('drops question framing and keeps the topic', () => {
		expect(analyzeQuestion('What did he say about the border?').map((t) => t.term)).toEqual(['border']);
	});

	it('expands a demonym to its country at a lower weight', () => {
		const [turkish] = analyzeQuestion('Turkish delegation');
		expect(turkish?.alternatives.get(terms('Turkey')[0]!)).toBeLessThan(1);
	});

	it('marks capitalized words inside the question as names', () => {
		const q = analyzeQuestion('Who is Lionel Messi?');
		expect(q.every((t) => t.name)).toBe(true);
	});

	it('does not turn a question into initials', () => {
		expect(analyzeQuestion('Did Pashinyan visit the Turkish House in New York?').map((t) => t.term)).not.toContain('thny');
	});
});
