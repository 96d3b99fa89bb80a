import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceSchema } from '../../../../src/core/catalog.js';
import { answerKind, buildQuery } from '../../../../src/core/answer/query.js';
import { buildIndex } from '../../../../src/core/search/search-index.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const source = SourceSchema.parse({
	id: 'storm',
	file: 'storm.txt',
	title: 'Storm Report',
	publisher: 'Harbour Post',
	url: 'https://harbour.example/storm',
	published: '2024-01-01',
});
const storm = buildIndex(
	[
		'Three sailors were hurt when the storm hit the harbour.',
		'The mayor died on Sunday.',
		'Fishing boats stayed in port.',
	].map((text, n) => ({ source, n, text })),
);

describe('buildQuery', () => {
	it('gives every term a positive finite weight, and a total that is their sum', () => {
		const query = buildQuery(fixture.index, 'Who is Serdar Kilic and where did the railway reopen?');
		expect(query.terms.length).toBeGreaterThan(0);
		for (const t of query.terms) {
			expect(t.weight).toBeGreaterThan(0);
			expect(Number.isFinite(t.weight)).toBe(true);
		}
		expect(query.total).toBeCloseTo(
			query.terms.reduce((s, t) => s + t.weight, 0),
			10,
		);
		expect(query.question).toBe('Who is Serdar Kilic and where did the railway reopen?');
	});

	it('matches a known term to itself at factor 1 and records its slot in the lookup', () => {
		const query = buildQuery(fixture.index, 'the railway reopened');
		const railway = query.terms.find((t) => t.surface === 'railway')!;
		expect(railway.unknown).toBe(false);
		expect(railway.matches.get(railway.term)).toBe(1);
		expect(query.lookup.get(railway.term)).toEqual({ slot: query.terms.indexOf(railway), factor: 1 });
	});

	it('marks a word the corpus never uses as unknown, with no matches', () => {
		const query = buildQuery(fixture.index, 'Who is Zorblaxian?');
		expect(query.terms).toHaveLength(1);
		expect(query.terms[0]).toMatchObject({ surface: 'zorblaxian', unknown: true });
		expect(query.terms[0]!.matches.size).toBe(0);
		expect(query.lookup.size).toBe(0);
	});

	it('weighs an unknown name more than a known one, and a capitalized name more than the same word in lowercase', () => {
		const unknown = buildQuery(fixture.index, 'Who is Zorblaxian?').terms[0]!;
		const known = buildQuery(fixture.index, 'Who is Kilic?').terms[0]!;
		expect(unknown.boost).toBeGreaterThan(known.boost);
		expect(unknown.weight).toBeGreaterThan(known.weight);
		const name = buildQuery(fixture.index, 'where is Kars').terms[0]!;
		const word = buildQuery(fixture.index, 'where is kars').terms[0]!;
		expect(name.term).toBe(word.term);
		expect(name.weight / word.weight).toBeCloseTo(1.5, 10);
		expect(name.boost / word.boost).toBeCloseTo(1.5, 10);
	});

	it('matches a misspelt name to the spelling the corpus has, at a factor below 1', () => {
		const term = buildQuery(fixture.index, 'Who is Serdarr?').terms[0]!;
		expect(term.unknown).toBe(false);
		const [match, factor] = [...term.matches][0]!;
		expect(match).toBe('serdar');
		expect(factor).toBeGreaterThan(0);
		expect(factor).toBeLessThan(1);
	});

	it('puts thesaurus words in `related`, not in `matches`, and looks them up at their lower factor', () => {
		const query = buildQuery(storm, 'how many sailors were injured');
		const injured = query.terms.find((t) => t.surface === 'injured')!;
		expect(injured.matches.has('hurt')).toBe(false);
		expect(injured.related.get('hurt')).toBe(0.5);
		expect(query.lookup.get('hurt')).toEqual({ slot: query.terms.indexOf(injured), factor: 0.5 });
	});

	it('takes no thesaurus words for a name', () => {
		for (const t of buildQuery(fixture.index, 'Who is Serdar Kilic?').terms) expect(t.related.size).toBe(0);
	});

	it('has no terms and a total of 0 for a question of stop words alone', () => {
		const query = buildQuery(fixture.index, 'is it the');
		expect(query.terms).toEqual([]);
		expect(query.total).toBe(0);
	});

	it('never gives a negative, NaN or infinite weight, whatever the question', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (question) => {
				const query = buildQuery(fixture.index, question);
				for (const t of query.terms) expect(Number.isFinite(t.weight) && t.weight >= 0).toBe(true);
				for (const { slot, factor } of query.lookup.values()) {
					expect(slot).toBeLessThan(query.terms.length);
					expect(factor).toBeGreaterThan(0);
					expect(factor).toBeLessThanOrEqual(1);
				}
			}),
			{ numRuns: 150 },
		);
	});
});

describe('answerKind', () => {
	it.each([
		['What time does the train leave?', 'time'],
		['at what time did they meet', 'time'],
		['When will the border open?', 'date'],
		['what year did the railway close', 'date'],
		['Which month was the deal signed?', 'date'],
		['and when did it reopen', 'date'],
		['What percentage of voters agreed?', 'percent'],
		['what share of trade crosses at Kars', 'percent'],
		['How expensive was the repair?', 'money'],
		['What did the track cost?', 'money'],
		['how much was spent on the bridge', 'money'],
		['How many kilometres of track were replaced?', 'number'],
		['how old is the railway', 'number'],
		['how much fuel was left', 'number'],
		['how close was the vote in the council', 'number'],
		['what was the final tally in the senate', 'number'],
		['what margin did the bill pass by', 'number'],
		['What was the final score?', 'number'],
		['How long was the border closed?', 'duration'],
		['how far is Gyumri from Kars', 'duration'],
		['Who led the Turkish side?', 'person'],
		['whose train was first', 'person'],
		['Which country sent an observer?', 'person'],
		['Where did the ministers meet?', 'place'],
		['which city is the crossing in', 'place'],
		['Why was the border closed?', 'reason'],
		['how come the train was late', 'reason'],
		['what caused the delay', 'reason'],
	] as const)('reads %j as asking for a %s', (question, kind) => {
		expect(answerKind(question)).toBe(kind);
	});

	it('says nothing of a yes-or-no question or a bare topic', () => {
		expect(answerKind('Is the border open?')).toBeUndefined();
		expect(answerKind('Kars railway')).toBeUndefined();
		expect(answerKind('')).toBeUndefined();
	});

	it('is the kind buildQuery records as `asks`', () => {
		expect(buildQuery(fixture.index, 'Who led the Turkish side?').asks).toBe('person');
		expect(buildQuery(fixture.index, 'Kars railway').asks).toBeUndefined();
	});
});
