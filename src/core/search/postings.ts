import { accepts, type DocFilter } from './engine.js';
import { kthBest, topHits, type Hit } from './top-hits.js';

/**
 * The column engine's inverted index: for each term and field, the documents that hold it and how
 * often, in flat columns (typed arrays once loaded from the cache, plain arrays while documents are
 * added), and exact Okapi BM25 over them with a dense score array and a bounded heap for the top hits.
 * When it runs instead of MiniSearch, and why, is engine.ts's to say.
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

export type { Hit };

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

/** Whether document `doc`'s field `f` holds the term: a binary search of its postings. */
export function holds(p: Postings, term: string, doc: number, f = 0): boolean {
	const id = p.ids.get(term);
	if (id === undefined) return false;
	const docs = p.fields[f]!.docs[id]!;
	return docs[lowerBound(docs, doc, 0)] === doc;
}

/**
 * Documents whose field `f` holds every one of `terms`, in id order, at most `limit`: the rarest
 * term's postings, each checked against the others by binary search. None when a term is absent.
 */
export function documentsWithAll(
	p: Postings,
	terms: readonly string[],
	limit: number,
	f = 0,
	filter?: DocFilter,
): number[] {
	const lists = terms.map((t) => p.ids.get(t)).map((id) => (id === undefined ? undefined : p.fields[f]!.docs[id]!));
	if (lists.length === 0 || lists.some((l) => l === undefined)) return [];
	const sorted = (lists as Column[]).sort((a, b) => a.length - b.length);
	const [rarest, ...others] = sorted;
	const out: number[] = [];
	for (let i = 0; i < rarest!.length && out.length < limit; i++) {
		const doc = rarest![i]!;
		if (!accepts(filter, doc)) continue;
		if (others.every((docs) => docs[lowerBound(docs, doc, 0)] === doc)) out.push(doc);
	}
	return out;
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
/** 1 for the documents still in the running once the common terms are no longer read whole. */
let contender = new Uint8Array(0);

/** One term in one field, ready to score: `w` is also the most it can add to a document. */
interface List {
	readonly docs: Column;
	readonly freqs: Column;
	readonly lengths: Column;
	readonly w: number;
	/** k / average field length. */
	readonly norm: number;
}

function listsOf(p: Postings, weights: ReadonlyMap<string, number>, fieldBoosts: readonly number[], k: number): List[] {
	const lists: List[] = [];
	for (const [term, weight] of weights) {
		const id = p.ids.get(term);
		if (id === undefined || !(weight > 0)) continue;
		p.fields.forEach((field, f) => {
			const docs = field.docs[id]!;
			const w = weight * (fieldBoosts[f] ?? 0) * bm25Idf(p.docCount, docs.length) * (k + 1);
			// Every contribution must be positive and finite: a zero score marks an untouched document.
			if (docs.length === 0 || !(w >= MIN_TERM_WEIGHT && w < Infinity)) return;
			const norm = k / Math.max(1e-9, field.totalLength / Math.max(1, p.docCount));
			lists.push({ docs, freqs: field.freqs[id]!, lengths: field.lengths, w, norm });
		});
	}
	return lists;
}

/**
 * The `limit` best documents by BM25 summed over the weighted terms and the boosted fields, best
 * first (ties: lower id first). Only the postings of the question's terms are read, and of the
 * commonest only what can still matter (MaxScore): once the terms left could add less to an unseen
 * document than the `limit`-th best score so far, they are looked up for the remaining contenders
 * alone instead of read whole. The hits and their scores are exactly those of reading everything.
 */
export function searchPostings(
	p: Postings,
	weights: ReadonlyMap<string, number>,
	fieldBoosts: readonly number[],
	params: Bm25Params,
	limit: number,
	filter?: DocFilter,
): Hit[] {
	if (limit <= 0) return [];
	const libraryOf = filter?.libraryOf;
	const allowed = filter?.allowed;
	if (scores.length < p.docCount) {
		scores = new Float64Array(p.docCount);
		touched = new Uint32Array(p.docCount);
		contender = new Uint8Array(p.docCount);
	}
	const { k, b } = params;
	const kb = k * (1 - b);
	// Rare, heavily weighted terms first: they find the contenders; common ones mostly add to them.
	const lists = listsOf(p, weights, fieldBoosts, k).sort((x, y) => y.w - x.w);
	let count = 0;
	let best = 0;
	let next = 0;
	let recheckBelow = Infinity;
	/** The `limit`-th best score when the reading stopped: what a contender must still be able to reach. */
	let floor = 0;
	while (next < lists.length) {
		const { docs, freqs, lengths, w, norm } = lists[next++]!;
		for (let i = 0; i < docs.length; i++) {
			const d = docs[i]!;
			// Refused documents are never touched: they neither score nor raise the pruning floor.
			if (allowed !== undefined && allowed[libraryOf![d]!] !== 1) continue;
			const tf = freqs[i]!;
			if (scores[d] === 0) touched[count++] = d;
			const s = (scores[d]! += (w * tf) / (tf + kb + b * norm * lengths[d]!));
			if (s > best) best = s;
		}
		if (next === lists.length || count < limit) continue;
		const rest = lists.slice(next);
		const left = rest.reduce((sum, l) => sum + l.w, 0);
		// Finding the threshold reads every touched score: worth it only when the postings left are
		// many more, and done again only once what is left has fallen by a quarter since it last failed.
		if (left >= best || left >= recheckBelow || rest.reduce((n, l) => n + l.docs.length, 0) < 2 * count) continue;
		floor = kthBest(scores, touched, count, limit);
		if (left < floor) break;
		recheckBelow = 0.75 * left;
	}
	let ids = touched;
	let n = count;
	if (next < lists.length) {
		const left = lists.slice(next).reduce((sum, l) => sum + l.w, 0);
		const contenders: number[] = [];
		for (let i = 0; i < count; i++) if (scores[touched[i]!]! + left >= floor) contenders.push(touched[i]!);
		contenders.sort((x, y) => x - y);
		for (const d of contenders) contender[d] = 1;
		for (; next < lists.length; next++) {
			const { docs, freqs, lengths, w, norm } = lists[next]!;
			// A few contenders are looked up in the list; many, and the list is read with only theirs kept.
			if (contenders.length * Math.log2(docs.length + 1) < docs.length) {
				let at = 0;
				for (const d of contenders) {
					at = lowerBound(docs, d, at);
					if (at === docs.length) break;
					if (docs[at] !== d) continue;
					const tf = freqs[at]!;
					scores[d]! += (w * tf) / (tf + kb + b * norm * lengths[d]!);
				}
			} else {
				for (let i = 0; i < docs.length; i++) {
					const d = docs[i]!;
					if (contender[d] === 0) continue;
					const tf = freqs[i]!;
					scores[d]! += (w * tf) / (tf + kb + b * norm * lengths[d]!);
				}
			}
		}
		for (const d of contenders) contender[d] = 0;
		ids = Uint32Array.from(contenders);
		n = contenders.length;
	}
	const hits = topHits(scores, ids, n, limit);
	for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
	return hits;
}

/** The first position at or after `from` whose document id is at least `doc` (ids ascending). */
function lowerBound(docs: Column, doc: number, from: number): number {
	let lo = from;
	let hi = docs.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (docs[mid]! < doc) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
