import { describe, expect, it } from 'vitest';
import { answer, CANDIDATE_TUNING, paragraphCandidates, TUNING_DEFAULTS } from '../../../../src/core/answer/answer.js';
import { EXCERPT_TUNING } from '../../../../src/core/answer/excerpt.js';
import { FEATURE_TUNING, FEATURES } from '../../../../src/core/answer/features.js';
import { FEEDBACK_TUNING } from '../../../../src/core/answer/feedback.js';
import { buildQuery, QUERY_TUNING } from '../../../../src/core/answer/query.js';
import { mergeTuning, parameterTuning, tuningParameters } from '../../../../src/core/answer/tuning.js';
import { RELATION_TUNING } from '../../../../src/core/text/term-tables.js';
import { corpusFrom, DEFAULT_DATA, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const news = corpusFrom(DEFAULT_DATA);

describe('tuning defaults', () => {
	// The constants they replaced, by their old names: a default that drifts changes every answer.
	it('are the values the constants had', () => {
		expect(QUERY_TUNING).toEqual({
			nameWeight: 1.5, // NAME_WEIGHT
			unknownNameWeight: 3, // UNKNOWN_NAME_WEIGHT
			unknownRareWeight: 2, // UNKNOWN_RARE_WEIGHT
			rareSpecificity: 0.8, // RARE
			commonFloor: 0.3, // COMMON_FLOOR
			commonRank: 500, // COMMON_RANK (background.ts)
			fuzzyFactor: 0.7, // FUZZY_FACTOR
			fuzzyMinLength: 5, // FUZZY_MIN_LENGTH
			fuzzyDistance: 1, // term.length >= 8 ? 2 : 1
			fuzzyLongDistance: 2,
			fuzzyLongLength: 8,
			prefixMinLength: 4, // PREFIX_MIN_LENGTH
			prefixMaxExtra: 5, // PREFIX_MAX_EXTRA
			prefixMaxCut: 2, // term.length - 2
			prefixFactor: 0.5, // PREFIX_FACTOR
			synonymFactor: 0.5, // SYNONYM_FACTOR
			relatedFactor: 0.35, // RELATED_FACTOR
		});
		expect(RELATION_TUNING).toEqual({ demonym: 0.6, capital: 0.4, synonym: 0.5, part: 0.5 }); // RELATION_FACTORS
		expect(EXCERPT_TUNING).toEqual({ maxQuoteLength: 300, wordRunShare: 0.5, contextBelow: 100 }); // MAX_QUOTE_LENGTH, MAX_QUOTE_LENGTH / 2, new
		expect(FEATURE_TUNING).toEqual({ leadParagraphs: 2 }); // [first, first + 1], p.n <= 1
		expect(FEEDBACK_TUNING).toEqual({ docs: 10, terms: 20, original: 0.5, maxDocShare: 0.2 }); // FEEDBACK
		expect(CANDIDATE_TUNING).toEqual({ candidates: 40, sparePerResult: 2, spareExtra: 20, verbatimScan: 400 }); // CANDIDATES, 2 * top + 20, VERBATIM_SCAN
	});

	it('are frozen, and assembled stage by stage', () => {
		expect(TUNING_DEFAULTS).toEqual({
			relations: RELATION_TUNING,
			query: QUERY_TUNING,
			feedback: FEEDBACK_TUNING,
			candidates: CANDIDATE_TUNING,
			excerpt: EXCERPT_TUNING,
			features: FEATURE_TUNING,
		});
		expect(Object.isFrozen(TUNING_DEFAULTS)).toBe(true);
		for (const stage of Object.values(TUNING_DEFAULTS)) expect(Object.isFrozen(stage)).toBe(true);
	});
});

describe('mergeTuning', () => {
	it('puts overrides over the defaults and keeps the stages not overridden as they are', () => {
		const merged = mergeTuning(TUNING_DEFAULTS, { query: { nameWeight: 2 } });
		expect(merged.query).toEqual({ ...QUERY_TUNING, nameWeight: 2 });
		expect(merged.excerpt).toBe(EXCERPT_TUNING);
		expect(Object.isFrozen(merged.query)).toBe(true);
		expect(QUERY_TUNING.nameWeight).toBe(1.5);
		expect(mergeTuning(TUNING_DEFAULTS)).toEqual(TUNING_DEFAULTS);
	});

	it('names every value as stage.field, and sets one by its name', () => {
		const parameters = tuningParameters(TUNING_DEFAULTS);
		expect(parameters.get('query.nameWeight')).toBe(1.5);
		expect(parameters.get('excerpt.maxQuoteLength')).toBe(300);
		expect(parameters.size).toBe(
			Object.values(TUNING_DEFAULTS).reduce((n: number, stage: object) => n + Object.keys(stage).length, 0),
		);
		expect(parameterTuning('feedback.terms', 10)).toEqual({ feedback: { terms: 10 } });
	});
});

describe('answer with tuning', () => {
	const question = 'What did the Moscow-brokered ceasefire of 2020 lead to?';

	it('answers as without it when the tuning is empty or the defaults', () => {
		const plain = answer(news, question, { memo: false });
		expect(answer(news, question, { tuning: {} })).toEqual(plain);
		expect(answer(news, question, { tuning: TUNING_DEFAULTS })).toEqual(plain);
	});

	it('cuts quotes to a shorter maxQuoteLength, and is not served the memo’s default answer', () => {
		const remembered = answer(news, question);
		const short = answer(news, question, { tuning: { excerpt: { maxQuoteLength: 120 } } });
		expect(short.results.length).toBeGreaterThan(0);
		for (const r of short.results) expect(r.quote.length).toBeLessThanOrEqual(120);
		expect(remembered.results[0]!.quote.length).toBeGreaterThan(120);
		expect(answer(news, question)).toBe(remembered);
	});

	it('weighs names by nameWeight', () => {
		const weightOf = (nameWeight: number) =>
			buildQuery(fixture.index, 'Where is Kars?', { ...TUNING_DEFAULTS, query: { ...QUERY_TUNING, nameWeight } })
				.terms[0]!.weight;
		expect(weightOf(3)).toBeCloseTo(2 * weightOf(1.5), 10);
	});

	it('counts a demonym’s country at the relations’ factor', () => {
		const factorOf = (demonym: number) => {
			const query = buildQuery(fixture.index, 'the Turkish side', {
				...TUNING_DEFAULTS,
				relations: { ...RELATION_TUNING, demonym },
			});
			return Math.min(...query.terms.flatMap((t) => [...t.matches.values()]));
		};
		expect(factorOf(0.6)).toBe(0.6);
		expect(factorOf(0.9)).toBe(0.9);
	});

	it('flags an article’s opening by leadParagraphs', () => {
		const query = buildQuery(fixture.index, 'What did the railway repairs cost?');
		const second = fixture.paragraphs.findIndex((p) => p.text.startsWith('Engineers replaced'));
		const lead = (leadParagraphs: number) =>
			paragraphCandidates(fixture, query, second, 1, mergeTuning(TUNING_DEFAULTS, { features: { leadParagraphs } }))[0]!
				.features[FEATURES.indexOf('lead')];
		expect(fixture.paragraphs[second]!.n).toBe(1);
		expect(lead(2)).toBe(1);
		expect(lead(1)).toBe(0);
	});

	it('re-ranks only `candidates` paragraphs by excerpt, the rest following in BM25 order', () => {
		const question = 'Who leads the Turkish delegation to Armenia?';
		const one = answer(news, question, { abstain: false, top: 10, tuning: { candidates: { candidates: 1 } } });
		expect(one.results.length).toBe(10);
		expect(one).not.toEqual(answer(news, question, { abstain: false, top: 10 }));
	});
});
