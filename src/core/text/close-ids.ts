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
 * The ids most like `wanted`, best first: those containing it or contained in it, then those
 * within a third of its length in edits.
 */
export function closeIds(ids: readonly string[], wanted: string, max = 3): string[] {
	const w = wanted.toLowerCase();
	return ids
		.map((id) => {
			const contains = id.includes(w) || (w.length > 0 && w.includes(id)) || id.split('-')[0] === w.split('-')[0];
			return { id, distance: contains ? 0 : editDistance(id, w) };
		})
		.filter((c) => c.distance <= Math.max(3, Math.floor(w.length / 3)))
		.sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
		.slice(0, max)
		.map((c) => c.id);
}
