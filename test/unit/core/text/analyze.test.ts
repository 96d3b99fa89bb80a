import { describe, expect, it } from 'vitest';
import {
	analyze,
	analyzeQuestion,
	createAnalyzer,
	fold,
	lexiconProblem,
	terms,
} from '../../../../src/core/text/analyze.js';
import { EMPTY_LEXICON } from '../../../../src/core/text/corpus-lexicon.js';

describe('fold', () => {
	it('strips diacritics and dotless i so Türkiye and Kılıç meet their plain spellings', () => {
		expect(fold('Türkiye')).toBe('turkiye');
		expect(fold('Kılıç')).toBe('kilic');
		expect(fold('İlham Əliyev')).toBe('ilham eliyev');
		expect(fold('Göksel')).toBe('goksel');
	});
});

describe('analyze', () => {
	it('gives names of one country one term: Turkey and Türkiye, Burma and Myanmar; Kılıç folds to Kilic', () => {
		expect(terms('Türkiye')).toEqual(terms('Turkey'));
		expect(terms('Turkiye')).toEqual(terms('Turkey'));
		expect(terms('Burma')).toEqual(terms('Myanmar'));
		expect(terms('Kılıç')).toEqual(terms('Kilic'));
	});

	it('reads a country name of several words as one term, in any case and with a possessive', () => {
		expect(terms('South Korea')).toHaveLength(1);
		expect(terms('south korea')).toEqual(terms('South Korea'));
		expect(terms('South Korea’s navy')).toEqual([...terms('South Korea'), ...terms('navy')]);
		expect(terms('the Czech Republic')).toEqual(terms('Czechia'));
		expect(terms('Great Britain')).toEqual(terms('UK'));
		expect(terms('Guinea-Bissau')).toHaveLength(1);
	});

	it('keeps the words of a longer name apart from it: "South Korean", "Korea", "South America"', () => {
		expect(terms('South Korean')).toEqual(['south', 'korean']);
		expect(terms('Korea')).not.toEqual(terms('South Korea'));
		expect(terms('South America')).not.toContain(terms('America')[0]);
		expect(terms('America')).not.toEqual(terms('United States'));
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
		const [french] = analyzeQuestion('French ministers');
		expect(french?.alternatives.get(terms('France')[0]!)).toBeLessThan(1);
	});

	it('lets "Korea" and "South Korean" find South Korea, and South Korea find them, at a lower weight', () => {
		const southKorea = terms('South Korea')[0]!;
		const [korea] = analyzeQuestion('Korea');
		expect(korea?.alternatives.get(southKorea)).toBeLessThan(1);
		const korean = analyzeQuestion('South Korean exports').find((t) => t.surface === 'korean');
		expect(korean?.alternatives.get(southKorea)).toBeLessThan(1);
		const [full] = analyzeQuestion('What did South Korea say?');
		expect(full?.surface).toBe('south korea');
		expect([...full!.alternatives.keys()]).toEqual(
			expect.arrayContaining([...terms('Korea'), ...terms('Korean'), ...terms('Seoul')]),
		);
	});

	it('relates a capital and its country both ways', () => {
		const [seoul] = analyzeQuestion('Seoul');
		expect(seoul?.alternatives.has(terms('South Korea')[0]!)).toBe(true);
		const [uae] = analyzeQuestion('UAE');
		expect(uae?.alternatives.has(terms('Abu Dhabi')[0]!)).toBe(true);
	});

	it('marks capitalized words inside the question as names', () => {
		const q = analyzeQuestion('Who is Lionel Messi?');
		expect(q.every((t) => t.name)).toBe(true);
	});

	it('does not turn a question into initials', () => {
		expect(analyzeQuestion('Did Pashinyan visit the Turkish House in New York?').map((t) => t.term)).not.toContain(
			'thny',
		);
	});
});

describe('createAnalyzer with a corpus lexicon', () => {
	const lexicon = {
		...EMPTY_LEXICON,
		aliases: { nakhichevan: 'nakhchivan', pashinian: 'pashinyan', turkiya: 'turkey' },
		capitals: { kremlin: 'Russia', brussels: 'European Union' },
		demonyms: { azeri: 'Azerbaijan' },
		synonyms: [['pipeline', 'gas']],
	};
	const corpus = createAnalyzer(lexicon);

	it("folds the corpus's spellings, over the general names too", () => {
		expect(corpus.terms('Nakhichevan')).toEqual(corpus.terms('Nakhchivan'));
		expect(corpus.terms('Pashinian')).toEqual(corpus.terms('Pashinyan'));
		expect(corpus.terms('Turkiya')).toEqual(terms('Türkiye'));
	});

	it('relates its capitals, demonyms and synonyms, names of several words included', () => {
		const alternatives = (q: string) => [...(corpus.analyzeQuestion(q)[0]?.alternatives.keys() ?? [])];
		expect(alternatives('Kremlin')).toContain(terms('Russia')[0]);
		expect(alternatives('Brussels')).toEqual(expect.arrayContaining([...terms('European Union'), ...terms('Belgium')]));
		expect(alternatives('Azeri')).toContain(terms('Azerbaijan')[0]);
		expect(alternatives('pipeline')).toContain(terms('gas')[0]);
	});

	it('leaves the general analyzer as it was', () => {
		expect(terms('Nakhichevan')).not.toEqual(terms('Nakhchivan'));
		expect(analyzeQuestion('Kremlin')[0]?.alternatives.size).toBe(0);
	});

	it('names an entry that cannot be read as one term', () => {
		expect(lexiconProblem(lexicon)).toBeUndefined();
		expect(lexiconProblem({ ...EMPTY_LEXICON, aliases: { us: 'usa' } })).toMatch(/^aliases\.us: "us"/);
		expect(lexiconProblem({ ...EMPTY_LEXICON, capitals: { kremlin: 'Russian government' } })).toMatch(
			/^capitals\.kremlin: "Russian government"/,
		);
	});
});
