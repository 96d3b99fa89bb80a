import { describe, expect, it } from 'vitest';
import { buildBm25, luceneIdf, referenceTerms, searchBm25 } from '../../../bench/bm25.js';
import { generateCorpus, vocabularyFrom } from '../../../bench/news.js';
import { averagePrecision, ndcgAt, quantile, recallAt, reciprocalRank } from '../../../bench/metrics.js';
import { mulberry32 } from '../../../bench/prng.js';

// Cranfield's scale: grade 1 is best, so gain = 5 − grade.
const gain = (grade: number) => 5 - grade;

describe('ranking metrics', () => {
	const judged = new Map([
		['a', 1],
		['b', 3],
		['c', 4],
	]);

	it('averages precision at each relevant rank over all relevant documents', () => {
		// a at 1 (1/1), b at 3 (2/3); c never ranked.
		expect(averagePrecision(['a', 'x', 'b', 'y'], judged)).toBeCloseTo((1 + 2 / 3) / 3);
		expect(averagePrecision([], judged)).toBe(0);
	});

	it('computes nDCG with linear gains and a log2 discount', () => {
		const dcg = 2 / Math.log2(3) + 4 / Math.log2(4); // b (gain 2) at rank 2, a (gain 4) at rank 3
		const ideal = 4 + 2 / Math.log2(3) + 1 / Math.log2(4);
		expect(ndcgAt(['x', 'b', 'a'], judged, 10, gain)).toBeCloseTo(dcg / ideal);
		expect(ndcgAt(['a', 'b', 'c'], judged, 10, gain)).toBeCloseTo(1);
		expect(ndcgAt(['x', 'y', 'a'], judged, 2, gain)).toBe(0);
	});

	it('counts recall, reciprocal rank and quantiles', () => {
		expect(recallAt(['x', 'c', 'a'], judged, 2)).toBeCloseTo(1 / 3);
		expect(reciprocalRank(['x', 'y', 'c'], judged)).toBeCloseTo(1 / 3);
		expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
	});
});

describe('reference BM25', () => {
	const docs = [
		{ id: 'd1', text: 'The wing flutters in the slipstream.' },
		{ id: 'd2', text: 'Heat transfer in a hypersonic boundary layer; heat flux measured.' },
		{ id: 'd3', text: 'Boundary layers on a flat plate' },
	];
	const index = buildBm25(docs);

	it('lowercases, drops stop words and stems', () => {
		expect(referenceTerms('The Boundary Layers of a Wing')).toEqual(['boundari', 'layer', 'wing']);
	});

	it('scores by hand-checkable Okapi BM25 (k1 1.2, b 0.75, Lucene idf)', () => {
		// "heat" is only in d2, twice; d2 has 8 terms, the average is (3 + 8 + 4) / 3 = 5.
		const idf = luceneIdf(3, 1);
		const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 8) / 5));
		const [top] = searchBm25(index, 'heat');
		expect(top?.id).toBe('d2');
		expect(top?.score).toBeCloseTo(expected, 10);
	});

	it('ranks documents matching more of the query first and ignores unknown words', () => {
		expect(searchBm25(index, 'boundary layer plate zeppelin').map((r) => r.id)).toEqual(['d3', 'd2']);
		expect(searchBm25(index, 'zeppelin')).toEqual([]);
	});
});

describe('news generator', () => {
	const words = vocabularyFrom(
		'you i the alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra'
			.split(' ')
			.map((word) => ({ word })),
	);
	const run = (seed: number) => {
		const corpus = generateCorpus(seed, words, 120, 10);
		const sources = [];
		let step = corpus.next();
		while (step.done !== true) {
			sources.push(step.value);
			step = corpus.next();
		}
		return { sources, questions: step.value };
	};

	it('gives the same corpus and questions for the same seed, and others for another', () => {
		expect(run(7)).toEqual(run(7));
		expect(run(8).sources[0]!.paragraphs).not.toEqual(run(7).sources[0]!.paragraphs);
	});

	it('writes exactly the paragraphs asked for, one a line, and the questions asked for', () => {
		const { sources, questions } = run(7);
		const paragraphs = sources.flatMap((s) => s.paragraphs);
		expect(paragraphs).toHaveLength(120);
		expect(paragraphs.every((p) => p.length > 0 && !p.includes('\n'))).toBe(true);
		expect(questions).toHaveLength(10);
		expect(new Set(sources.map((s) => s.entry.id)).size).toBe(sources.length);
	});

	it('draws a reproducible sequence from mulberry32', () => {
		const a = mulberry32(1);
		const b = mulberry32(1);
		expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
	});
});
