import type { Source } from './catalog.js';
import { fold } from './text/fold.js';

/** The key sources are listed by: when added through the bot, else when published (ISO strings sort as dates). */
const addedKey = (s: Source): string => s.addedAt ?? s.published;

/** Newest first (added, else published); ties by id, so a list pages the same way every time. */
export const newestFirst = (a: Source, b: Source): number => {
	const [ka, kb] = [addedKey(a), addedKey(b)];
	if (ka !== kb) return ka < kb ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * A source's id, title and publisher, folded, one per line: what typed words are looked for in.
 * Kept per source object (sources are immutable), so the text is folded once, not at each keystroke.
 */
const haystacks = new WeakMap<Source, string>();
function haystackOf(s: Source): string {
	let text = haystacks.get(s);
	if (text === undefined) {
		text = straighten(fold(`${s.id}\n${s.title}\n${s.publisher}`));
		haystacks.set(s, text);
	}
	return text;
}

const straighten = (text: string): string => text.replace(/[‘’]/g, "'");

/** The folded words of what was typed, punctuation at their ends dropped ("Mirzoyan," → "mirzoyan"). */
export function typedWords(typed: string): string[] {
	return straighten(fold(typed))
		.split(/\s+/)
		.map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '') || w)
		.filter((w) => w !== '');
}

/**
 * The newest `limit` sources in which every typed word occurs, each somewhere in the id, title or
 * publisher (folded: "cote" finds "Côte"; a word may be the start of one: "presid" finds "president").
 * A plain AND filter over text folded once per source, in one pass keeping the newest `limit`: about
 * a few milliseconds at 50,000 sources (bench: test/unit/core/sources.test.ts), so no index is kept.
 */
export function matchSources(sources: readonly Source[], typed: string, limit: number): Source[] {
	if (limit <= 0) return [];
	const words = typedWords(typed);
	const kept: Source[] = [];
	for (const s of sources) {
		if (kept.length === limit && newestFirst(s, kept[limit - 1]!) >= 0) continue;
		const text = haystackOf(s);
		if (!words.every((w) => text.includes(w))) continue;
		let at = kept.length;
		while (at > 0 && newestFirst(s, kept[at - 1]!) < 0) at -= 1;
		kept.splice(at, 0, s);
		if (kept.length > limit) kept.pop();
	}
	return kept;
}
