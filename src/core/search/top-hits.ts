/**
 * The best documents of a search: the few wanted out of the many touched, by bounded min-heaps, so
 * that choosing 40 out of 100,000 costs a pass, not a sort.
 */

export interface Hit {
	readonly id: number;
	readonly score: number;
}

/** The `limit`-th best score among the first `count` of `ids` (a min-heap of the best); 0 when fewer. */
export function kthBest(scores: Float64Array, ids: Uint32Array, count: number, limit: number): number {
	const heap = new Float64Array(limit);
	let n = 0;
	for (let t = 0; t < count; t++) {
		const s = scores[ids[t]!]!;
		if (n < limit) {
			let i = n++;
			heap[i] = s;
			while (i > 0 && heap[(i - 1) >> 1]! > heap[i]!) {
				const parent = (i - 1) >> 1;
				[heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
				i = parent;
			}
		} else if (s > heap[0]!) {
			heap[0] = s;
			for (let i = 0; ;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < n && heap[l]! < heap[m]!) m = l;
				if (r < n && heap[r]! < heap[m]!) m = r;
				if (m === i) break;
				[heap[i], heap[m]] = [heap[m]!, heap[i]!];
				i = m;
			}
		}
	}
	return n < limit ? 0 : heap[0]!;
}

/** `a` ranks below `b`: a lower score, or the same score and a higher id. */
const below = (sa: number, da: number, sb: number, db: number) => sa < sb || (sa === sb && da > db);

/** The best `limit` of the first `count` of `ids` by `scores`, best first (ties: lower id first). */
export function topHits(scores: Float64Array, ids: Uint32Array, count: number, limit: number): Hit[] {
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
		const d = ids[t]!;
		if (n < size) {
			heap[n] = d;
			for (let i = n++; i > 0;) {
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
