/** A seeded pseudo-random source: the same seed gives the same sequence on every machine. */
export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
}

/** mulberry32: a tiny 32-bit generator, good enough for test data and fully reproducible. */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)]!,
		chance: (p) => next() < p,
	};
}

/**
 * Draws ranks 0..n−1 with Zipf's law, P(r) ∝ 1 / (r + 1)^s, by binary search over the cumulative
 * weights (n floats of setup, O(log n) a draw).
 */
export function zipf(n: number, s = 1): (random: Random) => number {
	const cumulative = new Float64Array(n);
	let total = 0;
	for (let r = 0; r < n; r++) {
		total += 1 / (r + 1) ** s;
		cumulative[r] = total;
	}
	return (random) => {
		const x = random.next() * total;
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (cumulative[mid]! > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
}
