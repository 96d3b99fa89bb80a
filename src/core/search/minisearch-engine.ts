import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { accepts, type Bm25Params, type DocFilter, type SearchEngine, type SerializedEngine } from './engine.js';
import type { Hit } from './top-hits.js';
import type { Result } from '../result.js';

/**
 * MiniSearch as the index's engine. Paragraphs come in already analyzed (the analyzer owns stemming,
 * names and the lexicon), so MiniSearch is given the terms joined by a separator no term holds and
 * splits them back, with no processing of its own.
 *
 * Its scores are made plain BM25, as the column engine's: `d: 0` (BM25, not BM25+), each question
 * term's weight as `boostTerm`, and the score divided by the number of question terms matched, which
 * MiniSearch multiplies it by. One difference stays: MiniSearch counts a field's length in distinct
 * terms, the column engine in all terms, so scores differ slightly (`npm run bench` measures what
 * that costs).
 *
 * Conjunctions and membership (`withAll`, `holds`) read MiniSearch's term map directly: its public
 * search would score every paragraph holding a common word to answer a yes-or-no question. That map
 * is internal; test/unit/core/search/engines.test.ts fails if a MiniSearch release changes its shape,
 * and package.json pins the minor version.
 */
const SEP = '\u0001';
const fieldName = (i: number) => `f${i}`;

interface Internals {
	readonly _index: Iterable<[string, Map<number, Map<number, number>>]> & {
		get(term: string): Map<number, Map<number, number>> | undefined;
	};
	readonly _fieldIds: Record<string, number>;
}

type Doc = Record<string, string | number>;

class MiniSearchEngine implements SearchEngine {
	readonly name = 'minisearch' as const;
	private readonly ms: MiniSearch<Doc>;
	private readonly boosts: readonly number[];
	private readonly internals: Internals;
	private readonly textField: number;

	constructor(ms: MiniSearch<Doc>, boosts: readonly number[]) {
		this.ms = ms;
		this.boosts = boosts;
		this.internals = ms as unknown as Internals;
		this.textField = this.internals._fieldIds[fieldName(0)]!;
	}

	get documentCount(): number {
		return this.ms.documentCount;
	}

	add(fieldTerms: readonly (readonly string[])[]): number {
		const id = this.ms.documentCount;
		const doc: Doc = { id };
		this.boosts.forEach((_, f) => (doc[fieldName(f)] = (fieldTerms[f] ?? []).join(SEP)));
		this.ms.add(doc);
		return id;
	}

	search(weights: ReadonlyMap<string, number>, limit: number, params: Bm25Params, filter?: DocFilter): Hit[] {
		const terms = [...weights].filter(([, w]) => w > 0 && Number.isFinite(w)).map(([t]) => t);
		if (terms.length === 0 || limit <= 0) return [];
		const fields = this.boosts.map((_, f) => fieldName(f)).filter((_, f) => this.boosts[f]! > 0);
		const options: SearchOptions = {
			fields,
			boost: Object.fromEntries(fields.map((name, f) => [name, this.boosts[f]!])),
			boostTerm: (term) => weights.get(term) ?? 0,
			bm25: { k: params.k, b: params.b, d: 0 },
			tokenize: (s) => [s],
			processTerm: (t) => t,
			prefix: false,
			fuzzy: false,
		};
		const hits = this.ms
			.search({ queries: terms, combineWith: 'OR' }, options)
			.map((r) => ({ id: r.id as number, score: r.score / Math.max(1, r.queryTerms.length) }))
			.filter((h) => h.score > 0 && accepts(filter, h.id));
		hits.sort((x, y) => y.score - x.score || x.id - y.id);
		return hits.slice(0, limit);
	}

	withAll(terms: readonly string[], limit: number, filter?: DocFilter): number[] {
		const lists = terms.map((t) => this.internals._index.get(t)?.get(this.textField));
		if (lists.length === 0 || lists.some((l) => l === undefined)) return [];
		const [rarest, ...others] = (lists as Array<Map<number, number>>).sort((a, b) => a.size - b.size);
		const out = [...rarest!.keys()]
			.filter((id) => accepts(filter, id) && others.every((l) => l.has(id)))
			.sort((a, b) => a - b);
		return out.slice(0, limit);
	}

	holds(term: string, id: number): boolean {
		return this.internals._index.get(term)?.get(this.textField)?.has(id) ?? false;
	}

	serialize(): SerializedEngine {
		return { engine: 'minisearch', json: JSON.stringify(this.ms) };
	}

	/** Term → number of documents whose text holds it. */
	*textFrequencies(): Generator<[string, number]> {
		for (const [term, fields] of this.internals._index) {
			const n = fields.get(this.textField)?.size ?? 0;
			if (n > 0) yield [term, n];
		}
	}
}

function options(fieldCount: number): Options<Doc> {
	return {
		fields: Array.from({ length: fieldCount }, (_, f) => fieldName(f)),
		idField: 'id',
		tokenize: (s) => (s === '' ? [] : s.split(SEP)),
		processTerm: (t) => t,
	};
}

/** An empty MiniSearch engine whose fields count as `boosts` says. */
export function createMiniSearchEngine(boosts: readonly number[]): SearchEngine {
	return new MiniSearchEngine(new MiniSearch<Doc>(options(boosts.length)), boosts);
}

/** The MiniSearch engine from its cached JSON, with the vocabulary's document frequencies; or why the JSON cannot be trusted. */
export function loadMiniSearchEngine(
	json: string,
	boosts: readonly number[],
): Result<{ engine: SearchEngine; frequencies: Iterable<[string, number]> }, string> {
	let ms: MiniSearch<Doc>;
	try {
		ms = MiniSearch.loadJSON<Doc>(json, options(boosts.length));
	} catch (error) {
		return { ok: false, error: `the MiniSearch cache did not load: ${(error as Error).message}` };
	}
	const fieldIds = (ms as unknown as Internals)._fieldIds;
	if (Object.keys(fieldIds).length !== boosts.length)
		return { ok: false, error: `the cache has ${Object.keys(fieldIds).length} fields, the index ${boosts.length}` };
	const engine = new MiniSearchEngine(ms, boosts);
	return { ok: true, value: { engine, frequencies: engine.textFrequencies() } };
}
