import { stemmer } from 'stemmer';
import type { CorpusLexicon } from './corpus-lexicon.js';
import { fold, nameWords } from './fold.js';
import {
	CAPITALS,
	DEMONYMS,
	IRREGULAR_FORMS,
	MONTH_ABBREVIATIONS,
	NAME_PARTS,
	PLACE_ACRONYMS,
	PLACE_NAMES,
} from './lexicon-data.js';
import { ORGANIZATIONS, SYNONYMS } from './lexicon.js';

/** A name of several words read as one term: the words after its first, and the term. */
export interface Phrase {
	readonly rest: readonly string[];
	readonly term: string;
}

/** The lookups the analyzer applies to each word, from the general tables and a corpus's lexicon. */
export interface TermTables {
	/** Folded word → the word it is read as: irregular forms ("went" → "go"), short months, the corpus's aliases. */
	readonly words: ReadonlyMap<string, string>;
	/** Folded one-word place name → its term ("turkey" and "turkiye" → one term). */
	readonly names: ReadonlyMap<string, string>;
	/** Acronym written in capitals (folded, without dots) → term ("uae", "us"). */
	readonly acronyms: ReadonlyMap<string, string>;
	/** First word → the names of several words that begin with it, longest first. */
	readonly phrases: ReadonlyMap<string, readonly Phrase[]>;
}

/**
 * How a question word's relatives count beside the word itself (1): the question analysis's tuning, a
 * factor per kind of relation. Set by hand when the relations came in (a9280da, 6622a1b), never swept;
 * `npm run sweep -- relations.capital=0.3,0.5` measures them, `answer(…, { tuning: { relations } })`
 * overrides them.
 */
export const RELATION_TUNING = Object.freeze({
	/** "Turkish" → Türkiye. */
	demonym: 0.6,
	/** "Ankara" → Türkiye. */
	capital: 0.4,
	/** A group of `SYNONYMS` (lexicon.ts) or of a corpus's lexicon: "TV" → television. */
	synonym: 0.5,
	/** "Korea" → South Korea, a word of a longer name. */
	part: 0.5,
});
export type RelationTuning = { readonly [K in keyof typeof RELATION_TUNING]: number };
export type RelationKind = keyof RelationTuning;

/** A word as a lookup key: folded, apostrophes straight. */
export const wordKey = (word: string) => fold(word).replace(/’/g, "'");

/** The term of a place's canonical name: a one-word name is stemmed as any word, a longer one runs its words together ("unitedstates"). */
export function placeTerm(canonical: string): string {
	const words = nameWords(canonical);
	return words.length === 1 ? stemmer(words[0]!) : words.join('').replace(/[^\p{L}\p{N}]/gu, '');
}

/** Builds the lookups for a corpus: the general tables, then its lexicon's aliases over them. */
export function buildTermTables(lexicon: CorpusLexicon): TermTables {
	const words = new Map([...Object.entries(IRREGULAR_FORMS), ...Object.entries(MONTH_ABBREVIATIONS)]);
	for (const [from, to] of Object.entries(lexicon.aliases)) words.set(wordKey(from), wordKey(to));
	const names = new Map<string, string>();
	const phrases = new Map<string, Phrase[]>();
	const addName = (name: string, term: string) => {
		const [first, ...rest] = nameWords(name);
		if (first === undefined) return;
		if (rest.length === 0) names.set(first, term);
		else phrases.set(first, [...(phrases.get(first) ?? []), { rest, term }]);
	};
	for (const [name, canonical] of Object.entries(PLACE_NAMES)) addName(name, placeTerm(canonical));
	for (const capital of Object.keys(CAPITALS)) if (capital.includes(' ')) addName(capital, placeTerm(capital));
	for (const { name } of ORGANIZATIONS) addName(name, placeTerm(name));
	for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
	const acronyms = new Map(
		Object.entries(PLACE_ACRONYMS).map(([acronym, canonical]) => [acronym, placeTerm(canonical)]),
	);
	for (const { name, acronym } of ORGANIZATIONS) acronyms.set(acronym, placeTerm(name));
	return { words, names, acronyms, phrases };
}

/**
 * Term → related terms and the kinds of relation between them, both ways. Kinds, not factors: what is
 * related is data built once per analyzer, how much it counts is tuning applied per question.
 */
export type Relations = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<RelationKind>>>;

/** The factor a relative counts for: its strongest relation's, by `tuning`. */
export function relationFactor(kinds: ReadonlySet<RelationKind>, tuning: RelationTuning = RELATION_TUNING): number {
	let factor = 0;
	for (const kind of kinds) factor = Math.max(factor, tuning[kind]);
	return factor;
}

/**
 * Relates terms a question may use for one another: demonym and country, capital and country, a word
 * of a longer name and the name, synonyms. `termOf` gives the one term of a text, or undefined.
 */
export function buildRelations(lexicon: CorpusLexicon, termOf: (text: string) => string | undefined): Relations {
	const map = new Map<string, Map<string, Set<RelationKind>>>();
	const link = (a: string | undefined, b: string | undefined, kind: RelationKind) => {
		if (a === undefined || b === undefined || a === b) return;
		for (const [x, y] of [
			[a, b],
			[b, a],
		] as const) {
			const m = map.get(x) ?? new Map<string, Set<RelationKind>>();
			m.set(y, (m.get(y) ?? new Set()).add(kind));
			map.set(x, m);
		}
	};
	for (const [word, places] of Object.entries(DEMONYMS))
		for (const p of places) link(termOf(word), placeTerm(p), 'demonym');
	for (const [city, place] of Object.entries(CAPITALS)) link(termOf(city), placeTerm(place), 'capital');
	for (const [word, places] of Object.entries(NAME_PARTS))
		for (const p of places) link(termOf(word), placeTerm(p), 'part');
	for (const [word, place] of Object.entries(lexicon.demonyms)) link(termOf(word), termOf(place), 'demonym');
	for (const [city, place] of Object.entries(lexicon.capitals)) link(termOf(city), termOf(place), 'capital');
	for (const group of [...SYNONYMS, ...lexicon.synonyms]) {
		for (const a of group) for (const b of group) if (a < b) link(termOf(a), termOf(b), 'synonym');
	}
	return map;
}
