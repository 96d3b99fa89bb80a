import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { createColumnarEngine, loadColumnarEngine } from '../../../../src/core/search/columnar-engine.js';
import {
	AUTO_COLUMNAR_AT,
	chooseEngine,
	ENGINE_NAMES,
	type DocFilter,
	type EngineName,
	type SearchEngine,
	type SerializedEngine,
} from '../../../../src/core/search/engine.js';
import { createMiniSearchEngine, loadMiniSearchEngine } from '../../../../src/core/search/minisearch-engine.js';

/**
 * The same properties for both engines behind the one interface: BM25 as computed naively, the
 * conjunction and membership as a scan, a round trip through the cache form, growth after loading.
 */
const PARAMS = { k: 1.2, b: 0.75 };
const BOOSTS = [1, 0.5] as const;
type Doc = readonly (readonly string[])[];

const create: Record<EngineName, (boosts: readonly number[]) => SearchEngine> = {
	minisearch: createMiniSearchEngine,
	columnar: createColumnarEngine,
};
function load(s: SerializedEngine, boosts: readonly number[]) {
	const loaded =
		s.engine === 'columnar' ? loadColumnarEngine(s.layout, s.data, boosts) : loadMiniSearchEngine(s.json, boosts);
	if (!loaded.ok) throw new Error(loaded.error);
	return loaded.value;
}

/**
 * A field's length as each engine counts it: every term (the column engine, as Okapi), or distinct
 * terms (MiniSearch's own definition, which it keeps).
 */
const LENGTH: Record<EngineName, (terms: readonly string[]) => number> = {
	columnar: (t) => t.length,
	minisearch: (t) => new Set(t).size,
};

/** Okapi BM25 the slow, obvious way: every document, every term, every field. */
function naive(docs: readonly Doc[], weights: ReadonlyMap<string, number>, length: (t: readonly string[]) => number) {
	const n = docs.length;
	const scores = docs.map(() => 0);
	BOOSTS.forEach((boost, f) => {
		const avg = docs.reduce((s, d) => s + length(d[f]!), 0) / Math.max(1, n);
		for (const [term, weight] of weights) {
			const df = docs.filter((d) => d[f]!.includes(term)).length;
			if (df === 0 || weight <= 0) continue;
			docs.forEach((d, i) => {
				const tf = d[f]!.filter((t) => t === term).length;
				if (tf === 0) return;
				const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
				scores[i]! +=
					weight *
					boost *
					idf *
					((tf * (PARAMS.k + 1)) / (tf + PARAMS.k * (1 - PARAMS.b + (PARAMS.b * length(d[f]!)) / avg)));
			});
		}
	});
	return scores;
}

const term = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
const doc = fc.tuple(fc.array(term, { maxLength: 12 }), fc.array(term, { maxLength: 3 }));
const corpus = fc.array(doc, { minLength: 1, maxLength: 40 });
const weights = fc
	.dictionary(term, fc.double({ min: 0.1, max: 3, noNaN: true }), { minKeys: 1 })
	.map((o) => new Map(Object.entries(o)));

function build(name: EngineName, docs: readonly Doc[]): SearchEngine {
	const engine = create[name](BOOSTS);
	for (const d of docs) engine.add(d);
	return engine;
}

describe.each(ENGINE_NAMES)('the %s engine', (name) => {
	it('scores as Okapi BM25 computed naively, best first, at most `limit`', () => {
		fc.assert(
			fc.property(corpus, weights, fc.integer({ min: 1, max: 50 }), (docs, w, top) => {
				const hits = build(name, docs).search(w, top, PARAMS);
				const scores = naive(docs, w, LENGTH[name]);
				const expected = scores
					.filter((score) => score > 0)
					.sort((x, y) => y - x)
					.slice(0, top);
				expect(hits).toHaveLength(expected.length);
				hits.forEach((h, i) => {
					expect(h.score).toBeCloseTo(scores[h.id]!, 9);
					expect(h.score).toBeCloseTo(expected[i]!, 9);
					if (i > 0) expect(h.score <= hits[i - 1]!.score).toBe(true);
				});
			}),
			{ numRuns: 200 },
		);
	});

	it('finds the documents holding every term, and whether one holds a term, as a scan does', () => {
		const vocabulary = ['a', 'b', 'c', 'd', 'e'];
		const texts = fc.array(
			fc.tuple(fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }), fc.constant([] as string[])),
			{ maxLength: 40 },
		);
		fc.assert(
			fc.property(
				texts,
				fc.uniqueArray(fc.constantFrom(...vocabulary, 'zz'), { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 1, max: 50 }),
				(docs, terms, limit) => {
					const engine = build(name, docs);
					const scan = docs.flatMap((d, i) => (terms.every((x) => d[0].includes(x)) ? [i] : [])).slice(0, limit);
					expect(engine.withAll(terms, limit)).toEqual(scan);
					docs.forEach((d, i) => expect(engine.holds(terms[0]!, i)).toBe(d[0].includes(terms[0]!)));
				},
			),
			{ numRuns: 100 },
		);
	});

	it('round-trips through its cache form, and documents added after loading rank as if built at once', () => {
		fc.assert(
			fc.property(corpus, corpus, weights, (first, more, w) => {
				const { engine: loaded, frequencies } = load(build(name, first).serialize(), BOOSTS);
				expect(loaded.name).toBe(name);
				const df = new Map([...frequencies]);
				for (const t of new Set(first.flatMap((d) => d[0])))
					expect(df.get(t)).toBe(first.filter((d) => d[0].includes(t)).length);
				for (const d of more) loaded.add(d);
				const whole = build(name, [...first, ...more]);
				expect(loaded.documentCount).toBe(first.length + more.length);
				const a = loaded.search(w, 100, PARAMS);
				const b = whole.search(w, 100, PARAMS);
				expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
				a.forEach((h, i) => expect(h.score).toBeCloseTo(b[i]!.score, 9));
			}),
			{ numRuns: 100 },
		);
	});

	/**
	 * A filter: each document's library number (0 to 3) and which numbers are allowed. Number 0 plays
	 * the corpus's REMOVED, which a real filter never allows; here any may be refused or allowed.
	 */
	const filtered = (docs: fc.Arbitrary<Doc[]>) =>
		docs.chain((d) =>
			fc.tuple(
				fc.constant(d),
				fc.array(fc.integer({ min: 0, max: 3 }), { minLength: d.length, maxLength: d.length }),
				fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
			),
		);
	const filterOf = (libraries: readonly number[], allowed: readonly boolean[]): DocFilter => ({
		libraryOf: Uint32Array.from(libraries),
		allowed: Uint8Array.from(allowed, (a) => (a ? 1 : 0)),
	});
	/**
	 * Corpora on which MaxScore prunes: a few rare terms and a common one that most documents hold, so
	 * that once the rare terms are read the common one's postings are many more than the contenders.
	 */
	const skewed = fc.array(
		fc.tuple(
			fc
				.tuple(
					fc.array(fc.constantFrom('r', 's', 't'), { maxLength: 2 }),
					fc.array(fc.constantFrom('a', 'a', 'a', 'b'), { minLength: 1, maxLength: 6 }),
				)
				.map(([rare, common]) => [...rare, ...common]),
			fc.array(fc.constantFrom('a', 'r'), { maxLength: 1 }),
		),
		{ minLength: 1, maxLength: 200 },
	);
	const skewedWeights = fc
		.record({ r: fc.double({ min: 1, max: 5, noNaN: true }), a: fc.double({ min: 0.1, max: 1, noNaN: true }) })
		.chain((w) => fc.constantFrom(['r', 'a'], ['r', 's', 'a'], ['r', 's', 't', 'a', 'b']).map((ts) => ({ w, ts })))
		.map(({ w, ts }) => new Map(ts.map((t) => [t, t === 'a' || t === 'b' ? w.a : w.r])));

	/**
	 * The filtered search against BM25 computed naively over every document (the statistics of the
	 * whole), then restricted to the allowed ones: the same ids (up to scores within 1e-9) and scores,
	 * at most `limit`, never a refused document; and exactly (ids, order, scores) the unfiltered search
	 * over every document with the refused ones struck out, so ties go to the lower id as unfiltered.
	 */
	function checkFiltered(
		docs: readonly Doc[],
		libraries: number[],
		allowed: boolean[],
		w: Map<string, number>,
		top: number,
	) {
		const engine = build(name, docs);
		const filter = filterOf(libraries, allowed);
		const ok = (id: number) => allowed[libraries[id]!]!;
		const hits = engine.search(w, top, PARAMS, filter);
		const scores = naive(docs, w, LENGTH[name]);
		const expected = scores
			.map((score, id) => ({ id, score }))
			.filter((h) => h.score > 0 && ok(h.id))
			.sort((x, y) => y.score - x.score || x.id - y.id)
			.slice(0, top);
		expect(hits).toHaveLength(expected.length);
		hits.forEach((h, i) => {
			expect(ok(h.id)).toBe(true);
			expect(Math.abs(h.score - scores[h.id]!)).toBeLessThan(1e-9);
			expect(Math.abs(h.score - expected[i]!.score)).toBeLessThan(1e-9);
			// Same id unless two documents' scores are within rounding of each other.
			if (h.id !== expected[i]!.id) expect(Math.abs(scores[h.id]! - scores[expected[i]!.id]!)).toBeLessThan(1e-9);
			if (i > 0) {
				const prev = hits[i - 1]!;
				expect(prev.score > h.score || (prev.score === h.score && prev.id < h.id)).toBe(true);
			}
		});
		const unfiltered = engine.search(w, docs.length, PARAMS).filter((h) => ok(h.id));
		expect(hits).toEqual(unfiltered.slice(0, top));
	}

	it('with a filter, scores only allowed documents, with the whole index’s statistics (property)', () => {
		fc.assert(
			fc.property(filtered(corpus), weights, fc.integer({ min: 1, max: 50 }), ([docs, libraries, allowed], w, top) =>
				checkFiltered(docs, libraries, allowed, w, top),
			),
			{ numRuns: 200 },
		);
	});

	it('with a filter, keeps exact top hits where MaxScore stops reading the common terms (property)', () => {
		fc.assert(
			fc.property(
				filtered(skewed),
				skewedWeights,
				fc.integer({ min: 1, max: 5 }),
				([docs, libraries, allowed], w, top) => checkFiltered(docs, libraries, allowed, w, top),
			),
			{ numRuns: 200 },
		);
	});

	it('with a filter refusing the best documents, still returns `limit` allowed ones', () => {
		// Documents 0-9 hold the rare term three times (refused); 10-29 once (allowed); the rest not.
		const docs: Doc[] = [
			...Array.from({ length: 10 }, (): Doc => [['r', 'r', 'r', 'a'], []]),
			...Array.from({ length: 20 }, (_, i): Doc => [['r', ...Array<string>(1 + (i % 5)).fill('a')], []]),
			...Array.from({ length: 100 }, (): Doc => [['a', 'b'], []]),
		];
		const libraries = docs.map((_, i) => (i < 10 ? 1 : 2));
		const w = new Map([
			['r', 2],
			['a', 0.2],
		]);
		const engine = build(name, docs);
		expect(engine.search(w, 5, PARAMS).every((h) => h.id < 10)).toBe(true);
		const hits = engine.search(w, 5, PARAMS, filterOf(libraries, [false, false, true, false]));
		expect(hits).toHaveLength(5);
		expect(hits.every((h) => h.id >= 10 && h.id < 30)).toBe(true);
		checkFiltered(docs, libraries, [false, false, true, false], w, 5);
	});

	it('with a filter, withAll is the first `limit` of the allowed documents holding every term (property)', () => {
		// The limit counts allowed documents: it is applied after the filter, not before.
		const vocabulary = ['a', 'b', 'c', 'd', 'e'];
		const texts = fc.array(
			fc.tuple(fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }), fc.constant([] as string[])),
			{ maxLength: 40 },
		);
		fc.assert(
			fc.property(
				filtered(texts),
				fc.uniqueArray(fc.constantFrom(...vocabulary, 'zz'), { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 1, max: 50 }),
				([docs, libraries, allowed], terms, limit) => {
					const engine = build(name, docs);
					const filter = filterOf(libraries, allowed);
					const all = engine.withAll(terms, docs.length + 1);
					const expected = all.filter((id) => allowed[libraries[id]!]).slice(0, limit);
					expect(engine.withAll(terms, limit, filter)).toEqual(expected);
					const none = filterOf(libraries, [false, false, false, false]);
					expect(engine.withAll(terms, limit, none)).toEqual([]);
					expect(engine.search(new Map(terms.map((t) => [t, 1])), limit, PARAMS, none)).toEqual([]);
				},
			),
			{ numRuns: 100 },
		);
	});

	it('finds nothing for unknown terms, zero or non-finite weights, or a zero limit', () => {
		const engine = build(name, [[['a'], []]]);
		for (const w of [Infinity, Number.NaN, 0, -1]) expect(engine.search(new Map([['a', w]]), 10, PARAMS)).toEqual([]);
		expect(engine.search(new Map([['zzz', 1]]), 10, PARAMS)).toEqual([]);
		expect(engine.search(new Map([['a', 1]]), 0, PARAMS)).toEqual([]);
		expect(engine.withAll([], 10)).toEqual([]);
		expect(engine.holds('zzz', 0)).toBe(false);
	});
});

describe('the engines side by side', () => {
	it('rank alike where field lengths agree (no term repeated in a field)', () => {
		const distinct = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 7 });
		fc.assert(
			fc.property(
				fc.array(fc.tuple(distinct, fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 })), {
					minLength: 1,
					maxLength: 30,
				}),
				weights,
				(docs, w) => {
					const mini = build('minisearch', docs).search(w, 100, PARAMS);
					const columnar = build('columnar', docs).search(w, 100, PARAMS);
					expect(mini.map((h) => h.id).sort((a, b) => a - b)).toEqual(columnar.map((h) => h.id).sort((a, b) => a - b));
					for (const h of mini) expect(h.score).toBeCloseTo(columnar.find((c) => c.id === h.id)!.score, 9);
				},
			),
			{ numRuns: 100 },
		);
	});

	it('auto picks MiniSearch up to the measured size, the column engine above; a named engine is kept', () => {
		expect(chooseEngine('auto', 0)).toBe('minisearch');
		expect(chooseEngine('auto', AUTO_COLUMNAR_AT)).toBe('minisearch');
		expect(chooseEngine('auto', AUTO_COLUMNAR_AT + 1)).toBe('columnar');
		expect(chooseEngine('minisearch', 10 * AUTO_COLUMNAR_AT)).toBe('minisearch');
		expect(chooseEngine('columnar', 1)).toBe('columnar');
	});

	it('MiniSearch still keeps its term map as the engine reads it (fails when a MiniSearch release changes it)', () => {
		const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
		ms.add({ id: 0, text: 'ferry quay' });
		const internals = ms as unknown as {
			_index: { get(t: string): Map<number, Map<number, number>> | undefined };
			_fieldIds: Record<string, number>;
		};
		expect(internals._fieldIds).toEqual({ text: 0 });
		expect(internals._index.get('ferry')?.get(0)?.get(0)).toBe(1);
	});

	it('refuses a cache form with another number of fields, or damaged data', () => {
		const columnar = build('columnar', [[['a'], ['b']]]).serialize();
		if (columnar.engine !== 'columnar') throw new Error('columnar');
		expect(loadColumnarEngine(columnar.layout, columnar.data, [1]).ok).toBe(false);
		expect(loadColumnarEngine(columnar.layout, columnar.data.subarray(1), BOOSTS).ok).toBe(false);
		const mini = build('minisearch', [[['a'], ['b']]]).serialize();
		if (mini.engine !== 'minisearch') throw new Error('minisearch');
		expect(loadMiniSearchEngine(mini.json, [1]).ok).toBe(false);
		expect(loadMiniSearchEngine(mini.json.slice(0, -3), BOOSTS)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/did not load/),
		});
	});
});
