import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/catalog.js';
import { matchSources, newestFirst, typedWords } from '../../../src/core/sources.js';

const source = (id: string, title: string, publisher: string, published: string, addedAt?: string): Source => ({
	id,
	file: `${id}.txt`,
	title,
	publisher,
	url: `https://news.example/${id}`,
	published,
	library: 'shared',
	authors: [],
	...(addedAt === undefined ? {} : { addedAt }),
});

const sources = [
	source('a-1', 'Türkiye and Armenia to hold first delegation meeting', 'Türkiye Today', '2025-09-07'),
	source('b-2', 'Armenia and Azerbaijan at a crossroads', 'War on the Rocks', '2024-12-05'),
	source('c-3', 'Côte d’Ivoire votes', 'Le Monde', '2023-01-01', '2026-11-01T10:00:00.000Z'),
	source('d-4', 'Armenian experts to visit Baku', 'Azerbaijan.US', '2025-11-20'),
];
const ids = (typed: string, limit = 25) => matchSources(sources, typed, limit).map((s) => s.id);

describe('matchSources', () => {
	it('keeps only sources in which every word typed occurs, in any order and field', () => {
		expect(ids('armenia meeting')).toEqual(['a-1']);
		expect(ids('meeting armenia')).toEqual(['a-1']);
		expect(ids('armenia rocks')).toEqual(['b-2']);
		expect(ids('armenia nowhere')).toEqual([]);
	});

	it('matches folded: case, accents and curly apostrophes aside, and words begun', () => {
		expect(ids('TURKIYE deleg')).toEqual(['a-1']);
		expect(ids("cote d'ivoire")).toEqual(['c-3']);
		expect(ids('c-3')).toEqual(['c-3']);
	});

	it('lists the newest first (added, else published), at most `limit`', () => {
		expect(ids('')).toEqual(['c-3', 'd-4', 'a-1', 'b-2']);
		expect(ids('armenia')).toEqual(['d-4', 'a-1', 'b-2']);
		expect(ids('', 2)).toEqual(['c-3', 'd-4']);
		expect(ids('', 0)).toEqual([]);
	});

	it('keeps the newest `limit` of many, as a full sort would', () => {
		const many = Array.from({ length: 500 }, (_, i) =>
			source(
				`s-${i}`,
				`Title ${i % 7}`,
				'P',
				`20${String(10 + (i % 17)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
			),
		);
		const want = [...many]
			.filter((s) => `${s.id} ${s.title}`.includes('3'))
			.sort(newestFirst)
			.slice(0, 25);
		expect(matchSources(many, 'title 3', 25)).toEqual(want);
	});
});

describe('typedWords', () => {
	it('folds what was typed into words, punctuation at their ends dropped', () => {
		expect(typedWords('  Mirzoyan,  “Kılıç” ')).toEqual(['mirzoyan', 'kilic']);
		expect(typedWords('-')).toEqual(['-']);
	});
});
