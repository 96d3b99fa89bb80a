import type { QueryTerm as QuestionTerm } from '../text/analyze.js';
import { relatedWords } from '../text/thesaurus.js';
import { specificity } from '../text/background.js';
import { idf, type SearchIndex } from '../search/search-index.js';
import { RELATION_TUNING } from '../text/term-tables.js';
import type { ResolvedTuning } from './tuning.js';
import type { Language } from '../text/languages.js';

/** A question term with its weight and the index terms that count as matching it. */
export interface WeightedTerm {
	readonly term: string;
	/** Informative weight: inverse paragraph frequency, higher for names. */
	readonly weight: number;
	/** Index term → factor in (0, 1]: 1 for the term itself, less for a demonym's country or a typo's fix. */
	readonly matches: ReadonlyMap<string, number>;
	/**
	 * Index terms of the thesaurus's related words → factor: they count for the quote's coverage
	 * but are not searched for, so a question's first pass stays as fast and as precise as its words.
	 */
	readonly related: ReadonlyMap<string, number>;
	/** The term is found nowhere in the corpus, not even by its alternatives. */
	readonly unknown: boolean;
	/** Multiplier for the term's BM25 contribution: less for everyday words, more for names. */
	readonly boost: number;
	/** The question's word as written, folded. */
	readonly surface: string;
}

/** A question analyzed against an index, ready to rank and excerpt with. */
export interface Query {
	readonly terms: readonly WeightedTerm[];
	/** Sum of the terms' weights: what a passage answering everything would cover. */
	readonly total: number;
	/** Index term → the slot of the question term it matches, and the match's factor. */
	readonly lookup: ReadonlyMap<string, { readonly slot: number; readonly factor: number }>;
	/** What kind of thing answers the question, when its wording says (see {@link answerKind}). */
	readonly asks: AnswerKind | undefined;
	/** The question as asked. */
	readonly question: string;
}

/**
 * The kinds of answer a question's wording asks for: a person (or any named thing: "which company"),
 * a date, a time of day, a number, a sum of money, a percentage, a place, a length of time or
 * distance, a reason.
 */
export type AnswerKind = 'person' | 'date' | 'time' | 'number' | 'money' | 'percent' | 'place' | 'duration' | 'reason';

const LEAD = String.raw`^\s*(?:(?:and|so|but|then|ok|okay|also|in|on|at|by|since|until|from|to|for|of)\s+)?`;
/** Words after "how much" that ask for a sum of money rather than a quantity. */
const MONEY_WORDS = String.raw`(?:money|cash|cost|costs|costing|spend|spent|paid|pay|pays|price|funding|fund|budget|worth|salary|wage|wages|raise|fee|fees|charge|charges|fine|fined|earn|earns|invest|invested|sell|sold|buy|bought|value|valued)`;
const KINDS: ReadonlyArray<readonly [RegExp, AnswerKind]> = [
	[new RegExp(`${LEAD}what\\s+time\\b|\\bat\\s+what\\s+time\\b`, 'i'), 'time'],
	[new RegExp(`${LEAD}(?:when|(?:what|which) (?:year|date|month|day|week))\\b`, 'i'), 'date'],
	[
		new RegExp(
			`${LEAD}(?:what|which)\\s+(?:%|percent|percentage|per\\s+cent|share|proportion)\\b|\\bwhat\\s+%|\\bhow\\s+many\\s+percent`,
			'i',
		),
		'percent',
	],
	[
		new RegExp(
			`${LEAD}how\\s+(?:expensive|costly)\\b|\\bwhat\\s+(?:did|does|do|will|would|is|was)\\b.*\\bcost\\b|${LEAD}how\\s+much\\b.*\\b${MONEY_WORDS}\\b|${LEAD}how\\s+much\\s+(?:did|does|do|will|would|is|was|are|were)\\b.*\\b(?:cost|pay|spend|earn|raise)`,
			'i',
		),
		'money',
	],
	[new RegExp(`${LEAD}how (?:many|much|old|big|large|high|deep|tall|fast)\\b`, 'i'), 'number'],
	// A count asked for by name: the tally, margin or score of a vote or a match ("how close was the vote").
	[new RegExp(`${LEAD}how\\s+close\\b|\\b(?:tally|margin|vote\\s+count|scoreline|final\\s+score)\\b`, 'i'), 'number'],
	[new RegExp(`${LEAD}how (?:long|far)\\b`, 'i'), 'duration'],
	[
		new RegExp(
			`${LEAD}(?:who|whom|whose)\\b|${LEAD}(?:what|which)\\s+(?:company|companies|firm|team|club|airline|party|group|organi[sz]ation|agency|country|countries|person|people|minister|official)\\b`,
			'i',
		),
		'person',
	],
	[
		new RegExp(`${LEAD}(?:where|(?:what|which) (?:city|town|place|region|province|village|island|port))\\b`, 'i'),
		'place',
	],
	[new RegExp(`${LEAD}(?:why|how\\s+come)\\b|\\bwhat\\s+(?:got|made|caused|led|drove|prompted)\\b`, 'i'), 'reason'],
];

/** The kind of answer a question asks for, from the wh-words it opens with ("Who …" → a person), if it says. */
export function answerKind(question: string): AnswerKind | undefined {
	return KINDS.find(([re]) => re.test(question))?.[1];
}

/**
 * The question stage's tuning: how its words are weighed and what else they match. Set by hand as
 * the rules came in (most in b9cb2da and a9280da, the thesaurus's in 3281adc), never swept:
 * `npm run sweep -- query.nameWeight=1,1.5,2` measures them, `answer(…, { tuning: { query } })`
 * overrides them.
 */
export const QUERY_TUNING = Object.freeze({
	/** Weight multiplier for a capitalized word inside the question: names are what a question is about. */
	nameWeight: 1.5,
	/**
	 * A name the corpus has never seen (not even misspelt) weighs more still: a question about someone or
	 * something the sources never mention is one they cannot answer.
	 */
	unknownNameWeight: 3,
	/** So does a rare English word the corpus lacks ("genocide", "volcano"): the topic is not covered. */
	unknownRareWeight: 2,
	/** How specific (background.ts, in [0, 1]) an unknown word must be to count as rare. */
	rareSpecificity: 0.8,
	/** Weight left to the commonest English words ("get", "city"), as a share of their corpus weight. */
	commonFloor: 0.3,
	/** Everyday-English rank at or above which a word carries almost no topic (specificity 0; see background.ts). */
	commonRank: 500,
	/** Factor of a spelling the index knows within a small edit distance of an unknown question word. */
	fuzzyFactor: 0.7,
	/** Unknown words shorter than this get no close spellings (and spellings one shorter are not offered). */
	fuzzyMinLength: 5,
	/** Edits allowed to a close spelling of an unknown word… */
	fuzzyDistance: 1,
	/** …and to one of a word at least {@link QUERY_TUNING.fuzzyLongLength} long. */
	fuzzyLongDistance: 2,
	fuzzyLongLength: 8,
	/** Stems at least this long also match longer index terms they begin ("agre" → "agreement"). */
	prefixMinLength: 4,
	/** Letters a longer index term may add to the stem. */
	prefixMaxExtra: 5,
	/** Letters the other way: "victori" (victories) also finds "victor", a stem this many letters shorter at most. */
	prefixMaxCut: 2,
	/** Factor of a longer or shorter stem. */
	prefixFactor: 0.5,
	/** Factor of WordNet's synonyms ("injured" → hurt), counted for the quote's coverage only. */
	synonymFactor: 0.5,
	/** Factor of WordNet's weaker relations (cause, derivation: "killed" → died). */
	relatedFactor: 0.35,
});
export type QueryTuning = { readonly [K in keyof typeof QUERY_TUNING]: number };

/** Index terms that extend `term` by a derivational ending the stemmer left ("agre" → "agreement"). */
function prefixMatches(index: SearchIndex, term: string, tuning: QueryTuning): Map<string, number> {
	const found = new Map<string, number>();
	if (term.length < tuning.prefixMinLength || /^\p{N}/u.test(term)) return found;
	for (const [candidate] of index.vocabulary.atPrefix(term)) {
		if (candidate !== term && candidate.length - term.length <= tuning.prefixMaxExtra)
			found.set(candidate, tuning.prefixFactor);
	}
	// And the other way: "victori" (victories) also finds "victor".
	for (
		let cut = term.length - 1;
		cut >= Math.max(tuning.prefixMinLength + 1, term.length - tuning.prefixMaxCut);
		cut--
	) {
		const shorter = term.slice(0, cut);
		if (index.vocabulary.has(shorter)) found.set(shorter, tuning.prefixFactor);
	}
	return found;
}

function fuzzyMatches(index: SearchIndex, term: string, tuning: QueryTuning): Map<string, number> {
	const found = new Map<string, number>();
	if (term.length < tuning.fuzzyMinLength || /^\p{N}+$/u.test(term)) return found;
	const maxDistance = term.length >= tuning.fuzzyLongLength ? tuning.fuzzyLongDistance : tuning.fuzzyDistance;
	for (const [candidate, [, distance]] of index.vocabulary.fuzzyGet(term, maxDistance)) {
		if (candidate.length >= tuning.fuzzyMinLength - 1)
			found.set(candidate, tuning.fuzzyFactor * (1 - distance / (term.length + 1)));
	}
	return found;
}

/** Index terms of the thesaurus's words related to a question word, each at its relation's factor. */
function thesaurusMatches(index: SearchIndex, word: string, tuning: QueryTuning): Map<string, number> {
	const found = new Map<string, number>();
	const { strong, weak } = relatedWords(word);
	for (const [words, factor] of [
		[weak, tuning.relatedFactor],
		[strong, tuning.synonymFactor],
	] as const) {
		for (const w of words) {
			const term = index.analyzer.termOfWord(w);
			if (term !== null) found.set(term, factor);
		}
	}
	return found;
}

/** The index terms accepted for a question term: itself, its listed relatives, longer or shorter stems, close spellings. */
function matchesOf(index: SearchIndex, qt: QuestionTerm, tuning: QueryTuning): Map<string, number> {
	const matches = new Map<string, number>();
	const known = index.vocabulary.has(qt.term);
	if (known) matches.set(qt.term, 1);
	const add = (found: ReadonlyMap<string, number>) => {
		for (const [alt, factor] of found) if (!matches.has(alt) && index.vocabulary.has(alt)) matches.set(alt, factor);
	};
	add(qt.alternatives);
	add(prefixMatches(index, qt.term, tuning));
	if (!known) add(fuzzyMatches(index, qt.term, tuning));
	return matches;
}

/** A term's weight: its inverse frequency (of its best stand-in when the corpus lacks it), damped for everyday words, raised for names and for what the corpus has never seen. */
function weigh(
	index: SearchIndex,
	qt: QuestionTerm,
	matches: ReadonlyMap<string, number>,
	tuning: QueryTuning,
): { weight: number; boost: number } {
	const unknown = matches.size === 0;
	const specific = specificity(index.background, qt.term, tuning.commonRank);
	const general = tuning.commonFloor + (1 - tuning.commonFloor) * specific;
	const kind = qt.name
		? unknown
			? tuning.unknownNameWeight
			: tuning.nameWeight
		: unknown && specific >= tuning.rareSpecificity
			? tuning.unknownRareWeight
			: 1;
	const df =
		index.vocabulary.get(qt.term) ?? Math.max(0, ...[...matches.keys()].map((m) => index.vocabulary.get(m) ?? 0));
	const boost = general * kind;
	return { weight: idf(index, df) * boost, boost };
}

const QUERY_DEFAULTS = { query: QUERY_TUNING, relations: RELATION_TUNING };

/**
 * Turns a question into weighted terms. Each term weighs its inverse paragraph frequency (a word in
 * every paragraph says nothing; an unknown word says the most); names weigh more. Words the corpus
 * lacks are matched to close spellings it has ("Gamaghelian" → "gamaghelyan"). `tuning` holds the
 * weights and factors (default {@link QUERY_TUNING} and {@link RELATION_TUNING}). `languages` are the
 * corpus's other than English (corpusLanguages): each question word is also read in each of them.
 */
export function buildQuery(
	index: SearchIndex,
	question: string,
	tuning: Pick<ResolvedTuning, 'query' | 'relations'> = QUERY_DEFAULTS,
	languages: readonly Language[] = [],
): Query {
	const terms: WeightedTerm[] = [];
	const lookup = new Map<string, { slot: number; factor: number }>();
	for (const qt of index.analyzer.analyzeQuestion(question, tuning.relations, languages)) {
		// "quel", "onde": a stop word of another language of the corpus, which the index lacks, asks nothing.
		if (qt.foreignStop === true && !index.vocabulary.has(qt.term)) continue;
		const matches = matchesOf(index, qt, tuning.query);
		const { weight, boost } = weigh(index, qt, matches, tuning.query);
		const slot = terms.length;
		const related = new Map<string, number>();
		if (!qt.name)
			for (const [term, factor] of thesaurusMatches(index, qt.surface, tuning.query))
				if (!matches.has(term) && index.vocabulary.has(term)) related.set(term, factor);
		terms.push({ term: qt.term, weight, matches, related, unknown: matches.size === 0, boost, surface: qt.surface });
		for (const [match, factor] of [...matches, ...related]) {
			const previous = lookup.get(match);
			if (previous === undefined || previous.factor < factor) lookup.set(match, { slot, factor });
		}
	}
	const total = terms.reduce((sum, t) => sum + t.weight, 0);
	return { terms, total, lookup, asks: answerKind(question), question };
}
