import type { Bm25Params, DocFilter, SearchEngine, SerializedEngine } from './engine.js';
import { decodePostings, encodePostings, type Layout } from './postings-codec.js';
import { addDocument, createPostings, documentsWithAll, holds, searchPostings, type Postings } from './postings.js';
import type { Result } from '../result.js';

/** The column engine (postings.ts): flat typed columns, exact BM25 with MaxScore, a binary cache. */
class ColumnarEngine implements SearchEngine {
	readonly name = 'columnar' as const;
	readonly postings: Postings;
	private readonly boosts: readonly number[];
	constructor(postings: Postings, boosts: readonly number[]) {
		this.postings = postings;
		this.boosts = boosts;
	}
	get documentCount(): number {
		return this.postings.docCount;
	}
	add(fieldTerms: readonly (readonly string[])[]): number {
		return addDocument(this.postings, fieldTerms);
	}
	search(weights: ReadonlyMap<string, number>, limit: number, params: Bm25Params, filter?: DocFilter) {
		return searchPostings(this.postings, weights, this.boosts, params, limit, filter);
	}
	withAll(terms: readonly string[], limit: number, filter?: DocFilter): number[] {
		return documentsWithAll(this.postings, terms, limit, 0, filter);
	}
	holds(term: string, id: number): boolean {
		return holds(this.postings, term, id);
	}
	serialize(): SerializedEngine {
		return { engine: 'columnar', ...encodePostings(this.postings) };
	}
	/** Term → number of documents whose text holds it. */
	*textFrequencies(): Generator<[string, number]> {
		const text = this.postings.fields[0]!;
		for (const [i, term] of this.postings.terms.entries())
			if (text.docs[i]!.length > 0) yield [term, text.docs[i]!.length];
	}
}

/** An empty column engine whose fields count as `boosts` says. */
export function createColumnarEngine(boosts: readonly number[]): SearchEngine {
	return new ColumnarEngine(createPostings(boosts.length), boosts);
}

/** The column engine from its cached form, with the vocabulary's document frequencies; or why the form cannot be trusted. */
export function loadColumnarEngine(
	layout: Layout,
	data: Uint32Array,
	boosts: readonly number[],
): Result<{ engine: SearchEngine; frequencies: Iterable<[string, number]> }, string> {
	if (layout.fields.length !== boosts.length)
		return { ok: false, error: `the cache has ${layout.fields.length} fields, the index ${boosts.length}` };
	const postings = decodePostings(layout, data);
	if (!postings.ok) return postings;
	const engine = new ColumnarEngine(postings.value, boosts);
	return { ok: true, value: { engine, frequencies: engine.textFrequencies() } };
}
