/**
 * The inverted index: for each term and field, the documents that hold it and how often, in flat
 * columns (typed arrays once loaded from the cache, plain arrays while documents are added), and
 * exact Okapi BM25 over them with a dense score array and a bounded heap for the top hits.
 *
 * Why not MiniSearch's own postings and `search`: it keeps a Map per term and field, which at 100,000
 * paragraphs took 0.9 s to rebuild from its cache (`loadJS`) and most of `/ask`'s time to walk; and
 * it multiplies each score by the number of query terms matched, which cost Cranfield MAP. MiniSearch's
 * radix tree still holds the vocabulary for prefix and fuzzy lookups (search-index.ts).
 */

/** A column of document ids or term frequencies: typed when loaded, plain while growing. */
export type Column = Uint32Array | number[];

/** One field (paragraph text, or source title) of every document. */
export interface FieldPostings {
	/** By term id: the documents holding the term, ascending. */
	readonly docs: Column[];
	/** By term id, aligned with `docs`: how often the term occurs there. */
	readonly freqs: Column[];
	/** By document id: the field's length in terms. */
	lengths: Column;
	totalLength: number;
}

export interface Postings {
	/** Term → term id: a position in `terms` and in each field's columns. */
	readonly ids: Map<string, number>;
	readonly terms: string[];
	/** The fields, in the order their terms are given to {@link addDocument}. */
	readonly fields: readonly FieldPostings[];
	docCount: number;
}

export interface Bm25Params {
	readonly k: number;
	readonly b: number;
}

export interface Hit {
	readonly id: number;
	readonly score: number;
}

function emptyField(): FieldPostings {
	return { docs: [], freqs: [], lengths: [], totalLength: 0 };
}

export function createPostings(fieldCount: number): Postings {
	return { ids: new Map(), terms: [], fields: Array.from({ length: fieldCount }, emptyField), docCount: 0 };
}

function termId(p: Postings, term: string): number {
	let id = p.ids.get(term);
	if (id === undefined) {
		id = p.terms.length;
		p.ids.set(term, id);
		p.terms.push(term);
		for (const f of p.fields) {
			f.docs.push([]);
			f.freqs.push([]);
		}
	}
	return id;
}

/** A column that can take more values: a loaded typed column is copied once, on its first append. */
function growable(columns: Column[], i: number): number[] {
	const column = columns[i]!;
	if (Array.isArray(column)) return column;
	const copy = Array.from(column);
	columns[i] = copy;
	return copy;
}

/** Adds a document (its id is the count so far) given each field's analyzed terms, repeats kept. */
export function addDocument(p: Postings, fieldTerms: readonly (readonly string[])[]): number {
	const doc = p.docCount++;
	p.fields.forEach((field, f) => {
		const terms = fieldTerms[f] ?? [];
		const counts = new Map<string, number>();
		for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
		for (const [term, n] of counts) {
			const id = termId(p, term);
			growable(field.docs, id).push(doc);
			growable(field.freqs, id).push(n);
		}
		if (!Array.isArray(field.lengths)) field.lengths = Array.from(field.lengths);
		field.lengths.push(terms.length);
		field.totalLength += terms.length;
	});
	return doc;
}

/** Number of documents whose field `f` holds the term. */
export function documentFrequency(p: Postings, term: string, f = 0): number {
	const id = p.ids.get(term);
	return id === undefined ? 0 : p.fields[f]!.docs[id]!.length;
}

/** Whether document `doc`'s field `f` holds the term: a binary search of its postings. */
export function holds(p: Postings, term: string, doc: number, f = 0): boolean {
	const id = p.ids.get(term);
	if (id === undefined) return false;
	const docs = p.fields[f]!.docs[id]!;
	let lo = 0;
	let hi = docs.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const d = docs[mid]!;
		if (d === doc) return true;
		if (d < doc) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

/** BM25's inverse document frequency (Lucene's form, never negative). */
export function bm25Idf(docCount: number, df: number): number {
	return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** Below this a term's weight could vanish in the sum (and leave a document marked untouched twice). */
const MIN_TERM_WEIGHT = 1e-200;

// Scratch space reused by every search: a score per document, and the documents touched.
let scores = new Float64Array(0);
let touched = new Uint32Array(0);

/**
 * The `limit` best documents by BM25 summed over the weighted terms and the boosted fields, best
 * first (ties: lower id first). Only the postings of the question's terms are read.
 */
export function searchPostings(
	p: Postings,
	weights: ReadonlyMap<string, number>,
	fieldBoosts: readonly number[],
	params: Bm25Params,
	limit: number,
): Hit[] {
	if (scores.length < p.docCount) {
		scores = new Float64Array(p.docCount);
		touched = new Uint32Array(p.docCount);
	}
	let count = 0;
	const { k, b } = params;
	for (const [term, weight] of weights) {
		const id = p.ids.get(term);
		if (id === undefined || !(weight > 0)) continue;
		p.fields.forEach((field, f) => {
			const boost = fieldBoosts[f] ?? 0;
			const docs = field.docs[id]!;
			if (boost === 0 || docs.length === 0) return;
			const freqs = field.freqs[id]!;
			const lengths = field.lengths;
			const w = weight * boost * bm25Idf(p.docCount, docs.length) * (k + 1);
			// Every contribution must be positive and finite: a zero score marks an untouched document.
			if (!(w >= MIN_TERM_WEIGHT && w < Infinity)) return;
			const norm = k / Math.max(1e-9, field.totalLength / Math.max(1, p.docCount));
			for (let i = 0; i < docs.length; i++) {
				const d = docs[i]!;
				const tf = freqs[i]!;
				if (scores[d] === 0) touched[count++] = d;
				scores[d]! += (w * tf) / (tf + k * (1 - b) + b * norm * lengths[d]!);
			}
		});
	}
	const hits = topHits(count, limit);
	for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
	return hits;
}

/** `a` ranks below `b`: a lower score, or the same score and a higher id. */
const below = (sa: number, da: number, sb: number, db: number) => sa < sb || (sa === sb && da > db);

/** The best `limit` of the touched documents, best first: a min-heap of the best so far. */
function topHits(count: number, limit: number): Hit[] {
	const size = Math.min(limit, count);
	const heap = new Uint32Array(size);
	let n = 0;
	const sift = (i: number) => {
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < n && below(scores[heap[l]!]!, heap[l]!, scores[heap[m]!]!, heap[m]!)) m = l;
			if (r < n && below(scores[heap[r]!]!, heap[r]!, scores[heap[m]!]!, heap[m]!)) m = r;
			if (m === i) return;
			[heap[i], heap[m]] = [heap[m]!, heap[i]!];
			i = m;
		}
	};
	for (let t = 0; t < count; t++) {
		const d = touched[t]!;
		if (n < size) {
			heap[n] = d;
			for (let i = n++; i > 0; ) {
				const parent = (i - 1) >> 1;
				if (!below(scores[heap[i]!]!, heap[i]!, scores[heap[parent]!]!, heap[parent]!)) break;
				[heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
				i = parent;
			}
		} else if (size > 0 && below(scores[heap[0]!]!, heap[0]!, scores[d]!, d)) {
			heap[0] = d;
			sift(0);
		}
	}
	const hits = Array.from(heap.subarray(0, n), (id) => ({ id, score: scores[id]! }));
	return hits.sort((x, y) => y.score - x.score || x.id - y.id);
}
