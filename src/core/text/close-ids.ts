/** Edit distance between two strings (Levenshtein), for suggesting what was meant. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
		}
		previous = current;
	}
	return previous[b.length]!;
}

/**
 * {@link editDistance} when it is at most `limit`, else `limit + 1`: only the cells within `limit`
 * of the diagonal are computed, and a row whose every cell is past `limit` ends it. That is
 * O(length × limit) rather than O(length²), and nothing at all when the lengths alone differ by more.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
	const over = limit + 1;
	if (Math.abs(a.length - b.length) > limit) return over;
	let previous = new Int32Array(b.length + 1);
	let current = new Int32Array(b.length + 1);
	for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : over;
	for (let i = 1; i <= a.length; i++) {
		const from = Math.max(1, i - limit);
		const to = Math.min(b.length, i + limit);
		current[0] = i <= limit ? i : over;
		// The cells just outside the band are read by this row and the next: they count as out of reach.
		current[from - 1] = from === 1 ? current[0] : over;
		if (to < b.length) current[to + 1] = over;
		let best = current[from - 1]!;
		for (let j = from; j <= to; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, over);
			current[j] = d;
			if (d < best) best = d;
		}
		if (best > limit) return over;
		[previous, current] = [current, previous];
	}
	return Math.min(previous[b.length]!, over);
}

/**
 * The ids most like `wanted`, best first: those containing it or contained in it (or sharing its
 * first part), then those within a third of its length in edits (at least 3). Bounded for large
 * catalogs: an id whose length alone puts it out of reach costs nothing, the edit distance is
 * banded and stops past the worst of the best `max` kept so far, and only those `max` are ordered.
 * The answer is the same as ranking every id by its full distance.
 */
export function closeIds(ids: readonly string[], wanted: string, max = 3): string[] {
	if (max <= 0) return [];
	const w = wanted.toLowerCase();
	const wFirst = w.split('-')[0]!;
	const reach = Math.max(3, Math.floor(w.length / 3));
	const best: { id: string; distance: number }[] = [];
	const before = (a: { id: string; distance: number }, b: { id: string; distance: number }) =>
		a.distance - b.distance || a.id.localeCompare(b.id);
	for (const id of ids) {
		const contains = id.includes(w) || (w.length > 0 && w.includes(id)) || id === wFirst || id.startsWith(`${wFirst}-`);
		// Once `max` are kept, an id further than the worst of them cannot enter (a tie still can, by name).
		const limit = best.length < max ? reach : Math.min(reach, best[best.length - 1]!.distance);
		const distance = contains ? 0 : boundedEditDistance(id, w, limit);
		if (distance > limit) continue;
		const candidate = { id, distance };
		if (best.length === max && before(candidate, best[best.length - 1]!) >= 0) continue;
		let at = best.length;
		while (at > 0 && before(candidate, best[at - 1]!) < 0) at--;
		best.splice(at, 0, candidate);
		if (best.length > max) best.pop();
	}
	return best.map((c) => c.id);
}
