import type { Source } from './catalog.js';
import { fold } from './text/fold.js';

/**
 * The key sources are listed by: when added through the bot, else when published (ISO strings sort as
 * dates); a source with neither sorts last ("" is below every date).
 */
const addedKey = (s: Source): string => s.addedAt ?? s.published ?? '';

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

/** A source and its folded text, for matching. */
interface Entry {
	readonly source: Source;
	readonly text: string;
}

/**
 * Sources newest first, with their folded text, kept per list of sources: a corpus view keeps its
 * list (see viewOf), so each view is sorted and folded once, at its first use, not at each keystroke
 * or page.
 */
const ordered = new WeakMap<readonly Source[], readonly Entry[]>();
function entriesOf(sources: readonly Source[]): readonly Entry[] {
	let entries = ordered.get(sources);
	if (entries === undefined) {
		entries = [...sources].sort(newestFirst).map((source) => ({ source, text: haystackOf(source) }));
		ordered.set(sources, entries);
	}
	return entries;
}

/** `sources` newest first (added, else published); sorted once per list, see {@link entriesOf}. */
export const sortNewestFirst = (sources: readonly Source[]): readonly Source[] =>
	entriesOf(sources).map((e) => e.source);

/**
 * The newest `limit` sources in which every typed word occurs, each somewhere in the id, title or
 * publisher (folded: "cote" finds "Côte"; a word may be the start of one: "presid" finds "president").
 * A plain AND filter over the list kept newest first, stopping at `limit`: at 50,000 sources a few
 * milliseconds a keystroke, the first a list is searched about a second to fold and sort it (README,
 * Limits). An index (MiniSearch) would rank by relevance, not date, and add memory per view for no
 * gain at this size.
 */
export function matchSources(sources: readonly Source[], typed: string, limit: number): Source[] {
	if (limit <= 0) return [];
	const words = typedWords(typed);
	const kept: Source[] = [];
	for (const { source, text } of entriesOf(sources)) {
		if (!words.every((w) => text.includes(w))) continue;
		kept.push(source);
		if (kept.length === limit) break;
	}
	return kept;
}
