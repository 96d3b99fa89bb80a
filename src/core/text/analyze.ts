import { stemmer } from 'stemmer';
import { EMPTY_LEXICON, type CorpusLexicon } from './corpus-lexicon.js';
import { fold, POSSESSIVE, WORD } from './fold.js';
import { foreignTermOf, isEnglish, type Language } from './languages.js';
import { QUESTION_FRAMES, QUESTION_WORDS, STOP_WORDS } from './lexicon.js';
import {
	buildRelations,
	buildTermTables,
	RELATION_TUNING,
	relationFactor,
	type Relations,
	type RelationTuning,
	type TermTables,
} from './term-tables.js';

export { fold } from './fold.js';

/** A word of a text with the term it is indexed under and where it stands (UTF-16 offsets). */
export interface Token {
	/** The analyzed term: folded, aliased, stemmed. */
	readonly term: string;
	readonly start: number;
	readonly end: number;
	/** The word began with a capital letter where it stands (a hint that it is a name). */
	readonly capitalized: boolean;
	/** The initials of a capitalized name, added beside its words (passages only). */
	readonly initials?: true;
}

/**
 * Bump when analysis changes: cached indexes built with another version are rebuilt. (The generated
 * tables carry their own version, LEXICON_DATA_VERSION, and a corpus's lexicon is hashed into the key.)
 */
export const ANALYZER_VERSION = 7;

interface Word {
	/** Folded, apostrophes straight: what tables and phrases compare. */
	readonly folded: string;
	readonly raw: string;
	readonly start: number;
	readonly end: number;
}

/** Memo sizes of word → folded form and word → term: a corpus repeats its words, and folding and stemming are the costly part of analysis. */
const MEMO_SIZE = 500_000;
const foldMemo = new Map<string, string>();

function foldWord(raw: string): string {
	let folded = foldMemo.get(raw);
	if (folded === undefined) {
		folded = fold(raw).replace(/’/g, "'");
		if (foldMemo.size >= MEMO_SIZE) foldMemo.clear();
		foldMemo.set(raw, folded);
	}
	return folded;
}

function splitWords(text: string): Word[] {
	const words: Word[] = [];
	for (const m of text.matchAll(WORD)) {
		const raw = m[0];
		words.push({ folded: foldWord(raw), raw, start: m.index, end: m.index + raw.length });
	}
	return words;
}

/** Maps one folded word to its index term, or null for a stop word. */
function termOf(tables: TermTables, word: string, raw: string): string | null {
	const letters = raw.replace(/\./g, '');
	if (letters.length >= 2 && letters.length <= 6 && /^\p{Lu}+$/u.test(letters)) {
		const key = word.replace(/\./g, '');
		const acronym = tables.acronyms.get(key);
		if (acronym !== undefined) return acronym;
		// Acronyms are not stemmed: "OSCE" must meet the initials of "Organization for Security…".
		if (!STOP_WORDS.has(key)) return key;
	}
	const bare = word.replace(/\./g, '').replace(/’/g, "'");
	if (STOP_WORDS.has(bare)) return null;
	const base = bare.replace(POSSESSIVE, '');
	if (base.length === 0 || STOP_WORDS.has(base)) return null;
	const known = tables.words.get(base) ?? base;
	const name = tables.names.get(known);
	if (name !== undefined) return name;
	return /^\p{N}+$/u.test(known) ? known : stemmer(known);
}

/** The term and the index of the last word of a name of several words that starts at word `i`, if one does. */
function phraseAt(tables: TermTables, words: readonly Word[], i: number): { term: string; last: number } | undefined {
	const candidates = tables.phrases.get(words[i]!.folded);
	if (candidates === undefined) return undefined;
	for (const { rest, term } of candidates) {
		const last = i + rest.length;
		if (last >= words.length) continue;
		const fits = rest.every((expected, j) => {
			const key = words[i + 1 + j]!.folded;
			return key === expected || (i + 1 + j === last && key.replace(POSSESSIVE, '') === expected);
		});
		if (fits) return { term, last };
	}
	return undefined;
}

/** Lowercase words allowed inside a capitalized name: "Trump Route for International Peace and Prosperity". */
const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'de']);
/** Capitalized words a name needs before its initials are indexed as an acronym. */
const MIN_ACRONYM_WORDS = 3;

const isCapitalized = (w: Word) => /^\p{Lu}\p{Ll}/u.test(w.raw);

/**
 * Initials of runs of capitalized words, as extra tokens: news writes "the Collective Security Treaty
 * Organization" and readers ask about "the CSTO".
 */
function acronymTokens(words: readonly Word[]): Token[] {
	const out: Token[] = [];
	let run: Word[] = [];
	const flush = () => {
		while (run.length > 0 && !isCapitalized(run[run.length - 1]!)) run.pop();
		const caps = run.filter(isCapitalized);
		if (caps.length >= MIN_ACRONYM_WORDS) {
			const initials = caps.map((w) => w.folded[0]).join('');
			out.push({
				term: initials,
				start: run[0]!.start,
				end: run[run.length - 1]!.end,
				capitalized: true,
				initials: true,
			});
		}
		run = [];
	};
	for (const w of words) {
		if (isCapitalized(w) && !STOP_WORDS.has(w.folded)) run.push(w);
		else if (run.length > 0 && NAME_CONNECTORS.has(w.raw)) run.push(w);
		else flush();
	}
	flush();
	return out;
}

/**
 * Analysis with one set of word tables: the general ones, and a corpus's lexicon if it has one. Text
 * of a `language` other than English (a source's, languages.ts) is read with that language's stemmer
 * and stop words instead; undefined or "en" is the English pipeline, tables and all.
 */
export interface Analyzer {
	/** Splits a text into analyzed tokens, stop words removed, with their offsets in `text`; passages and questions alike. */
	analyze(text: string, language?: Language): Token[];
	/** The analyzed terms of a text, in order, repeats kept. */
	terms(text: string, language?: Language): string[];
	/** The index term of a single word as written ("Hurried" → "hurri"), or null for a stop word. */
	termOfWord(word: string, language?: Language): string | null;
	/**
	 * Analyzes a question: stop words and question framing dropped, repeats merged, relatives attached,
	 * each at its relation's factor in `relations` (default {@link RELATION_TUNING}). The question is
	 * read as English; for each of `languages` (a corpus's others) a word's term in that language is
	 * accepted beside it at full factor, so a question in French finds French passages.
	 */
	analyzeQuestion(text: string, relations?: RelationTuning, languages?: readonly Language[]): QueryTerm[];
}

/** An analyzer with the general tables and `lexicon`'s entries (a corpus's lexicon.json). */
export function createAnalyzer(lexicon: CorpusLexicon = EMPTY_LEXICON): Analyzer {
	const tables = buildTermTables(lexicon);
	const termMemo = new Map<string, string | null>();
	const termOfRaw = (raw: string): string | null => {
		let term = termMemo.get(raw);
		if (term === undefined) {
			term = termOf(tables, foldWord(raw), raw);
			if (termMemo.size >= MEMO_SIZE) termMemo.clear();
			termMemo.set(raw, term);
		}
		return term;
	};
	const foreignMemos = new Map<Language, Map<string, string | null>>();
	const foreignTerm = (language: Language, raw: string): string | null => {
		let memo = foreignMemos.get(language);
		if (memo === undefined) foreignMemos.set(language, (memo = new Map<string, string | null>()));
		let term = memo.get(raw);
		if (term === undefined) {
			term = foreignTermOf(language, raw);
			if (memo.size >= MEMO_SIZE) memo.clear();
			memo.set(raw, term);
		}
		return term;
	};
	/** Another language's text: each word on its own (the name tables and initials are English). */
	const analyzeForeign = (text: string, language: Language): Token[] => {
		const tokens: Token[] = [];
		for (const m of text.matchAll(WORD)) {
			const term = foreignTerm(language, m[0]);
			if (term !== null)
				tokens.push({ term, start: m.index, end: m.index + m[0].length, capitalized: /^\p{Lu}/u.test(m[0]) });
		}
		return tokens;
	};
	const analyze = (text: string, language?: Language): Token[] => {
		if (language !== undefined && !isEnglish(language)) return analyzeForeign(text, language);
		const words = splitWords(text);
		const tokens: Token[] = [];
		for (let i = 0; i < words.length; i++) {
			const word = words[i]!;
			const phrase = phraseAt(tables, words, i);
			if (phrase !== undefined) {
				tokens.push({ term: phrase.term, start: word.start, end: words[phrase.last]!.end, capitalized: true });
				i = phrase.last;
				continue;
			}
			const term = termOfRaw(word.raw);
			if (term === null) continue;
			tokens.push({ term, start: word.start, end: word.end, capitalized: /^\p{Lu}/u.test(word.raw) });
		}
		const acronyms = acronymTokens(words);
		return acronyms.length === 0 ? tokens : [...tokens, ...acronyms].sort((a, b) => a.start - b.start || a.end - b.end);
	};
	let relations: Relations | undefined;
	const related = (): Relations => {
		relations ??= buildRelations(lexicon, (text) => {
			const found = analyze(text);
			return found.length === 1 ? found[0]!.term : undefined;
		});
		return relations;
	};
	return {
		analyze,
		terms: (text, language) => analyze(text, language).map((t) => t.term),
		termOfWord: (word, language) =>
			language === undefined || isEnglish(language) ? termOf(tables, fold(word), word) : foreignTerm(language, word),
		analyzeQuestion: (text, factors = RELATION_TUNING, languages = []) =>
			questionTerms(
				text,
				analyze,
				related(),
				factors,
				languages.filter((l) => !isEnglish(l)),
				foreignTerm,
			),
	};
}

/** One informative word of a question and the index terms that stand for it. */
export interface QueryTerm {
	/** The term as analyzed. */
	readonly term: string;
	/** Other index terms accepted for it, each with a factor ≤ 1 (a demonym's country, a typo's fix). */
	readonly alternatives: ReadonlyMap<string, number>;
	/** Written with a capital inside the sentence: likely a name. */
	readonly name: boolean;
	/** The word (or name of several words) as written, folded: a passage with this very form matches best. */
	readonly surface: string;
	/**
	 * A stop word of one of the corpus's other languages ("quel", "onde"): a question in that language
	 * asks nothing with it, so it is dropped when the corpus lacks it (query.ts).
	 */
	readonly foreignStop?: true;
}

function questionTerms(
	text: string,
	analyze: (text: string) => Token[],
	relations: Relations,
	factors: RelationTuning,
	languages: readonly Language[],
	foreignTerm: (language: Language, raw: string) => string | null,
): QueryTerm[] {
	// Frames are blanked with spaces of their length, so offsets stay those of the question.
	const question = QUESTION_FRAMES.reduce((q, frame) => q.replace(frame, (m) => ' '.repeat(m.length)), text);
	const byTerm = new Map<string, QueryTerm>();
	for (const token of analyze(question)) {
		if (token.initials === true) continue;
		const surface = fold(question.slice(token.start, token.end)).replace(POSSESSIVE, '');
		if (QUESTION_WORDS.has(surface) || byTerm.has(token.term)) continue;
		const alternatives = new Map<string, number>();
		for (const [term, kinds] of relations.get(token.term) ?? []) alternatives.set(term, relationFactor(kinds, factors));
		const name = token.capitalized && token.start > 0 && !/^\p{N}/u.test(token.term);
		let foreignStop = false;
		const raw = question.slice(token.start, token.end);
		// One word (not a name of several): its term in each other language, at the word's own factor.
		if (languages.length > 0 && /^\S+$/u.test(raw)) {
			for (const language of languages) {
				const term = foreignTerm(language, raw);
				if (term === null) foreignStop = true;
				else if (term !== token.term) alternatives.set(term, 1);
			}
		}
		byTerm.set(token.term, {
			term: token.term,
			alternatives,
			name,
			surface,
			...(foreignStop ? { foreignStop: true as const } : {}),
		});
	}
	return [...byTerm.values()];
}

/** The analyzer with the general tables alone, for text that belongs to no corpus. */
export const generalAnalyzer: Analyzer = createAnalyzer();

/** {@link Analyzer.analyze} with the general tables alone. */
export const analyze = (text: string, language?: Language): Token[] => generalAnalyzer.analyze(text, language);
/** {@link Analyzer.terms} with the general tables alone. */
export const terms = (text: string, language?: Language): string[] => generalAnalyzer.terms(text, language);
/** {@link Analyzer.termOfWord} with the general tables alone. */
export const termOfWord = (word: string, language?: Language): string | null =>
	generalAnalyzer.termOfWord(word, language);
/** {@link Analyzer.analyzeQuestion} with the general tables alone. */
export const analyzeQuestion = (
	text: string,
	relations?: RelationTuning,
	languages?: readonly Language[],
): QueryTerm[] => generalAnalyzer.analyzeQuestion(text, relations, languages);

/**
 * Why a corpus's lexicon cannot be applied, naming the entry ("capitals.kremlin: …"), or undefined when
 * every entry reads as one term: a stop word or a value of several unknown words would silently do nothing.
 */
export function lexiconProblem(lexicon: CorpusLexicon): string | undefined {
	const analyzer = createAnalyzer(lexicon);
	const oneTerm = (text: string) => analyzer.terms(text).length === 1;
	const entries: Array<[string, string]> = [
		...Object.entries(lexicon.aliases).flatMap(([k, v]): Array<[string, string]> => [
			[`aliases.${k}`, k],
			[`aliases.${k}`, v],
		]),
		...lexicon.synonyms.flatMap((group, i) => group.map((w): [string, string] => [`synonyms.${i}`, w])),
		...(['capitals', 'demonyms'] as const).flatMap((field) =>
			Object.entries(lexicon[field]).flatMap(([k, v]): Array<[string, string]> => [
				[`${field}.${k}`, k],
				[`${field}.${k}`, v],
			]),
		),
	];
	for (const [path, text] of entries) {
		if (!oneTerm(text))
			return `${path}: "${text}" is not read as one term (a stop word, or several words that are no known name)`;
	}
	return undefined;
}
