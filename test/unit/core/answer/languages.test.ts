import { describe, expect, it } from 'vitest';
import { answer } from '../../../../src/core/answer/answer.js';
import { parseCatalog, type Source } from '../../../../src/core/catalog.js';
import { corpusLanguages, createCorpus } from '../../../../src/core/corpus.js';
import { timeline } from '../../../../src/core/dates/timeline.js';
import { generalAnalyzer } from '../../../../src/core/text/analyze.js';
import { loadBackground } from '../../../../src/store/data-dir.js';

// Short invented news, one article per language, to check that each is read in its own language.
const ENGLISH = [
	'Lindmark city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found cracks in two of its supports.',
	'The mayor, Greta Holm, said repairs would cost about 40 million crowns and take at least three years.',
	'Shopkeepers on the north bank fear that fewer visitors will cross to their side of the river.',
].join('\n\n');
const FRENCH = [
	'Le conseil municipal de Valbrune a voté mardi l’interdiction des voitures dans le centre historique à partir du 1er septembre.',
	'Selon la maire, Claire Dumoulin, les commerçants recevront une aide de deux millions d’euros pour compenser la baisse de la fréquentation.',
	'Les opposants dénoncent une décision prise sans consultation des habitants des quartiers périphériques.',
].join('\n\n');
const PORTUGUESE = [
	'O governo de Santa Olívia anunciou na segunda-feira eleições antecipadas para março, depois da demissão do primeiro-ministro.',
	'Os partidos da oposição acusaram o executivo de esconder as contas públicas durante meses.',
	'A comissão eleitoral disse que as urnas abrirão às oito horas da manhã.',
].join('\n\n');

const entry = (id: string, title: string, language?: string) => ({
	id,
	file: `${id}.txt`,
	title,
	publisher: 'Test Wire',
	url: `https://news.example.org/${id}`,
	published: '2026-03-10',
	...(language === undefined ? {} : { language }),
});

function mixedCorpus() {
	const { sources, problems } = parseCatalog([
		entry('bridge', 'Lindmark to close harbour bridge to cars'),
		entry('voitures', 'Valbrune interdit les voitures dans le centre historique', 'fr'),
		entry('eleicoes', 'Santa Olívia terá eleições antecipadas em março', 'pt'),
	]);
	expect(problems).toEqual([]);
	const texts = [ENGLISH, FRENCH, PORTUGUESE].map((text, i) => ({ source: sources[i] as Source, text }));
	return createCorpus(texts, { background: loadBackground(generalAnalyzer), analyzer: generalAnalyzer });
}

describe('answers on a corpus of several languages', () => {
	const corpus = mixedCorpus();

	it('knows the languages other than English its sources are in', () => {
		expect(corpusLanguages(corpus)).toEqual(['fr', 'pt']);
	});

	it('quotes the French passage for a question in French', () => {
		const a = answer(corpus, 'Quand le conseil municipal a-t-il voté l’interdiction des voitures ?');
		expect(a.answered).toBe(true);
		expect(a.results[0]?.source.id).toBe('voitures');
		expect(a.results[0]?.quote).toContain('interdiction des voitures');
		const b = answer(corpus, 'Quelle aide recevront les commerçants ?');
		expect(b.results[0]?.quote).toContain('deux millions d’euros');
	});

	it('quotes the Portuguese passage for a question in Portuguese', () => {
		const a = answer(corpus, 'Quando serão as eleições antecipadas?');
		expect(a.answered).toBe(true);
		expect(a.results[0]?.source.id).toBe('eleicoes');
		expect(a.results[0]?.quote).toContain('eleições antecipadas');
	});

	it('still quotes the English passage for a question in English', () => {
		const a = answer(corpus, 'Why is the harbour bridge closing to cars?');
		expect(a.answered).toBe(true);
		expect(a.results[0]?.source.id).toBe('bridge');
		expect(a.results[0]?.quote).toContain('harbour bridge');
		expect(answer(corpus, 'What did Greta Holm say about the repairs?').results[0]?.quote).toContain(
			'40 million crowns',
		);
	});

	it('abstains on a question none of the languages answers', () => {
		expect(answer(corpus, 'Who won the football world cup?').answered).toBe(false);
	});

	it('keeps the timeline working on the mixed corpus', () => {
		const all = timeline(corpus);
		expect(all.total).toBeGreaterThanOrEqual(0);
		for (const e of timeline(corpus, { query: 'bridge' }).events) expect(e.source.id).toBe('bridge');
	});
});
