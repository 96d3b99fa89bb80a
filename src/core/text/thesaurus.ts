import { THESAURUS_DATA } from './thesaurus-data.js';

/**
 * A word's related words from WordNet (see `scripts/thesaurus.ts`), to be weighed below the word
 * itself. `strong`: synonyms, sharing one of its first senses ("hurt" ~ "injure"). `weak`, to be
 * weighed below strong: a cause, an entailment or a derived form ("kill" ~ "die", "injure" ~
 * "injury"), or a synonym only in a rare sense of the word ("pass" ~ "die").
 */
export interface Related {
	readonly strong: readonly string[];
	readonly weak: readonly string[];
}

export type Thesaurus = ReadonlyMap<string, Related>;

const NONE: Related = { strong: [], weak: [] };

/**
 * The table's text form: one entry a line, `word:strong,strong|weak,weak`, the `|` part left out
 * when there is no weak word. Entries sorted by word, each list sorted, so the checked-in file only
 * changes when WordNet or the generator's rules do.
 */
export function formatThesaurus(table: Thesaurus): string {
	return [...table.keys()]
		.sort()
		.map((word) => {
			const { strong, weak } = table.get(word)!;
			const lists = [[...strong].sort().join(',')];
			if (weak.length > 0) lists.push([...weak].sort().join(','));
			return `${word}:${lists.join('|')}`;
		})
		.join('\n');
}

/** Reads the text form of `formatThesaurus` (lines that are blank or lack a `:` are skipped). */
export function parseThesaurus(data: string): Map<string, Related> {
	const table = new Map<string, Related>();
	for (const line of data.split('\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const [strong = '', weak = ''] = line.slice(colon + 1).split('|');
		table.set(line.slice(0, colon), { strong: words(strong), weak: words(weak) });
	}
	return table;
}

function words(list: string): string[] {
	return list === '' ? [] : list.split(',');
}

let table: Map<string, Related> | undefined;

/** The checked-in table, parsed on first use and kept. */
export function thesaurus(): Thesaurus {
	table ??= parseThesaurus(THESAURUS_DATA);
	return table;
}

/**
 * An -ed or -ing form read as a participle, its verb's words added to its own. Shorter ones are
 * mostly words of their own ("feed" is not a form of "fee", nor "being" of "bee").
 */
const PARTICIPLE = /^[a-z]{3,}(?:ed|ing)$/;

/**
 * The words related to a lowercase word. The table is keyed by lemmas ("injure", "die", "cheap"), so
 * a form it lacks is looked up by the base forms WordNet's rules of detachment give ("killed" →
 * "kill", "salaries" → "salary", "cheapest" → "cheap"), and a participle by its own entry and its
 * verb's ("injured" is an adjective that WordNet relates only to "offended"; "injure" brings
 * "hurt", "wound"). Irregular forms ("paid", "won") are left to the caller's own list.
 */
export function relatedWords(word: string): Related {
	const exact = thesaurus().get(word);
	if (exact !== undefined && !PARTICIPLE.test(word)) return exact;
	const found = [exact, ...baseForms(word).map((base) => thesaurus().get(base))].filter((r) => r !== undefined);
	if (found.length === 0) return NONE;
	const strong = new Set(found.flatMap((r) => r.strong).filter((w) => w !== word));
	const weak = new Set(found.flatMap((r) => r.weak).filter((w) => w !== word && !strong.has(w)));
	return { strong: [...strong].sort(), weak: [...weak].sort() };
}

/** WordNet's detachment rules (morphy) for nouns, verbs and adjectives, as suffix → replacement. */
const DETACHMENTS: ReadonlyArray<readonly [string, string]> = [
	['s', ''],
	['ses', 's'],
	['xes', 'x'],
	['zes', 'z'],
	['ches', 'ch'],
	['shes', 'sh'],
	['men', 'man'],
	['ies', 'y'],
	['es', 'e'],
	['es', ''],
	['ed', 'e'],
	['ed', ''],
	['ing', 'e'],
	['ing', ''],
	['er', ''],
	['est', ''],
	['er', 'e'],
	['est', 'e'],
];

/** The candidate base forms of an inflected word, in rule order, without repeats (not checked against the table). */
export function baseForms(word: string): string[] {
	const forms: string[] = [];
	for (const [suffix, replacement] of DETACHMENTS) {
		if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
		const base = word.slice(0, word.length - suffix.length) + replacement;
		if (!forms.includes(base)) forms.push(base);
	}
	const double = /([b-df-hj-np-tv-z])\1(?:ed|ing|er|est)$/.exec(word);
	if (double !== null) {
		const base = word.slice(0, double.index + 1);
		if (!forms.includes(base)) forms.push(base);
	}
	return forms;
}
