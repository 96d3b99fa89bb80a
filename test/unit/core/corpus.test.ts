import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceSchema, type Source } from '../../../src/core/catalog.js';
import { createCorpus, extendCorpus, paragraphsOf, type Corpus, type SourceText } from '../../../src/core/corpus.js';
import { buildIndex, paragraphCount, searchIndex } from '../../../src/core/search/search-index.js';

const source = (id: string, title = `Title of ${id}`): Source =>
	SourceSchema.parse({
		id,
		file: `${id}.txt`,
		title,
		publisher: 'Harbour Post',
		url: `https://harbour.example/${id}`,
		published: '2024-01-01',
	});
const text = (id: string, body: string, title?: string): SourceText => ({ source: source(id, title), text: body });

const FERRY = text('ferry', 'The ferry left at dawn.\n\n  \nThe quay was empty.');
const STORM = text('storm', 'A storm closed the harbour.');
const CARGO = text('cargo', 'Cargo waited on the quay.\nThe captain signed for it.');

/** Every term of the corpus at weight 1: the search a question naming all of them would run. */
const searchAll = (corpus: Corpus) =>
	searchIndex(corpus.index, new Map([...corpus.index.vocabulary.keys()].map((t) => [t, 1])), 100);

describe('createCorpus', () => {
	it('holds the sources in order, by id, and each non-empty line as a paragraph numbered within its source', () => {
		const corpus = createCorpus([FERRY, STORM]);
		expect(corpus.sources.map((s) => s.id)).toEqual(['ferry', 'storm']);
		expect(corpus.byId.get('storm')).toBe(STORM.source);
		expect(corpus.paragraphs.map((p) => [p.source.id, p.n, p.text])).toEqual([
			['ferry', 0, 'The ferry left at dawn.'],
			['ferry', 1, 'The quay was empty.'],
			['storm', 0, 'A storm closed the harbour.'],
		]);
		expect(corpus.paragraphsOf.get('ferry')).toEqual(corpus.paragraphs.slice(0, 2));
		expect(paragraphCount(corpus.index)).toBe(3);
	});

	it('keeps a source whose text has no paragraph, with an empty list', () => {
		const corpus = createCorpus([FERRY, text('blank', '\n  \n')]);
		expect(corpus.byId.has('blank')).toBe(true);
		expect(corpus.paragraphsOf.get('blank')).toEqual([]);
	});

	it('takes an index and paragraphs given (the cache’s) instead of building them', () => {
		const paragraphs = paragraphsOf([FERRY]);
		const index = buildIndex(paragraphs);
		const corpus = createCorpus([FERRY], { index, paragraphs });
		expect(corpus.index).toBe(index);
		expect(corpus.paragraphs).toBe(paragraphs);
	});
});

describe('extendCorpus', () => {
	it('gives back the very corpus when it knows every source already', () => {
		const corpus = createCorpus([FERRY, STORM]);
		expect(extendCorpus(corpus, [STORM])).toBe(corpus);
		expect(extendCorpus(corpus, [])).toBe(corpus);
	});

	it('skips a source whose id it knows, even with other text, and adds the rest after the old ones', () => {
		const corpus = createCorpus([FERRY]);
		const old = corpus.paragraphs;
		const grown = extendCorpus(corpus, [text('ferry', 'Other words entirely.'), CARGO]);
		expect(grown.sources.map((s) => s.id)).toEqual(['ferry', 'cargo']);
		expect(grown.paragraphsOf.get('ferry')).toEqual(old);
		expect(grown.paragraphs.slice(0, old.length)).toEqual(old);
		expect(grown.paragraphs.slice(old.length).map((p) => p.text)).toEqual([
			'Cargo waited on the quay.',
			'The captain signed for it.',
		]);
		expect(paragraphCount(grown.index)).toBe(4);
	});

	it('keeps every old paragraph at its id and equals the corpus built from all texts at once (property)', () => {
		const word = fc.constantFrom(
			'ferry',
			'harbour',
			'quay',
			'storm',
			'nets',
			'dawn',
			'captain',
			'cargo',
			'the',
			'closed',
		);
		const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
		const body = fc.array(fc.oneof(line, fc.constant('')), { maxLength: 5 }).map((ls) => ls.join('\n'));
		const entry = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), title: line, body });
		fc.assert(
			fc.property(
				fc.uniqueArray(entry, { selector: (e) => e.id, minLength: 1, maxLength: 6 }),
				fc.array(entry, { maxLength: 4 }),
				(first, more) => {
					const before = first.map((e) => text(e.id, e.body, e.title));
					const known = new Set(first.map((e) => e.id));
					// Ids the corpus has are skipped, and so, here, is a repeated new id (the catalog keeps one entry per id).
					const added = more
						.filter((e, i) => !known.has(e.id) && more.findIndex((o) => o.id === e.id) === i)
						.map((e) => text(e.id, e.body, e.title));
					const corpus = createCorpus(before);
					const old = [...corpus.paragraphs];
					const grown = extendCorpus(corpus, [
						...more.filter((e) => known.has(e.id)).map((e) => text(e.id, e.body, e.title)),
						...added,
					]);
					const whole = createCorpus([...before, ...added]);
					old.forEach((p, id) => expect(grown.paragraphs[id]).toBe(p));
					expect(grown.sources).toEqual(whole.sources);
					expect([...grown.byId.keys()]).toEqual([...whole.byId.keys()]);
					expect(grown.paragraphs).toEqual(whole.paragraphs);
					expect(new Map(grown.paragraphsOf)).toEqual(new Map(whole.paragraphsOf));
					expect(searchAll(grown)).toEqual(searchAll(whole));
				},
			),
			{ numRuns: 100 },
		);
	});
});
