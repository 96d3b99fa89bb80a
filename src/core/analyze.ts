import { stemmer } from 'stemmer';
import {
	ACRONYMS,
	ALIASES,
	CAPITALS,
	DEMONYMS,
	IRREGULAR_FORMS,
	PHRASES,
	QUESTION_FRAMES,
	QUESTION_WORDS,
	STOP_WORDS,
	SYNONYMS,
} from './lexicon.js';

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
 * Bump when analysis changes: cached indexes built with another version are rebuilt.
 */
export const ANALYZER_VERSION = 5;

const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
	ı: 'i',
	ə: 'e',
	ß: 'ss',
	ø: 'o',
	đ: 'd',
	ł: 'l',
	æ: 'ae',
	œ: 'oe',
	þ: 'th',
};
const SPECIAL_LETTER = /[ıəßøđłæœþ]/g;
const MARKS = /\p{M}+/gu;
const POSSESSIVE = /['’]s?$/;

/** Lowercases and strips diacritics: "Kılıç" → "kilic", "Türkiye" → "turkiye". */
export function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(MARKS, '')
		.replace(SPECIAL_LETTER, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** The index term of a single word as written ("Hurried" → "hurri"), or null for a stop word. */
export function termOfWord(word: string): string | null {
	return termOf(fold(word), word);
}

/** Memos of word → folded form and word → term: a corpus repeats its words, and folding and stemming are the costly part of analysis. */
const MEMO_SIZE = 500_000;
const foldMemo = new Map<string, string>();
const termMemo = new Map<string, string | null>();

function foldWord(raw: string): string {
	let folded = foldMemo.get(raw);
	if (folded === undefined) {
		folded = fold(raw);
		if (foldMemo.size >= MEMO_SIZE) foldMemo.clear();
		foldMemo.set(raw, folded);
	}
	return folded;
}

function termOfRaw(raw: string): string | null {
	let term = termMemo.get(raw);
	if (term === undefined) {
		term = termOf(foldWord(raw), raw);
		if (termMemo.size >= MEMO_SIZE) termMemo.clear();
		termMemo.set(raw, term);
	}
	return term;
}

/** Maps one folded word to its index term, or null for a stop word. */
function termOf(word: string, raw: string): string | null {
	const letters = raw.replace(/\./g, '');
	if (letters.length >= 2 && letters.length <= 6 && /^\p{Lu}+$/u.test(letters)) {
		const key = word.replace(/\./g, '');
		const acronym = ACRONYMS[key];
		if (acronym !== undefined) return acronym;
		// Acronyms are not stemmed: "OSCE" must meet the initials of "Organization for Security…".
		if (!STOP_WORDS.has(key)) return key;
	}
	const bare = word.replace(/\./g, '').replace(/’/g, "'");
	if (STOP_WORDS.has(bare)) return null;
	const base = bare.replace(POSSESSIVE, '');
	if (base.length === 0 || STOP_WORDS.has(base)) return null;
	const known = IRREGULAR_FORMS[base] ?? base;
	const canonical = ALIASES[known] ?? known;
	return /^\p{N}+$/u.test(canonical) ? canonical : stemmer(canonical);
}

interface Word {
	readonly folded: string;
	readonly raw: string;
	readonly start: number;
	readonly end: number;
}

function splitWords(text: string): Word[] {
	const words: Word[] = [];
	for (const m of text.matchAll(WORD)) {
		const raw = m[0];
		words.push({ folded: foldWord(raw), raw, start: m.index, end: m.index + raw.length });
	}
	return words;
}

function phraseAt(words: readonly Word[], i: number): string | undefined {
	const a = words[i];
	const b = words[i + 1];
	if (a === undefined || b === undefined) return undefined;
	for (const [first, second, term] of PHRASES) {
		if (a.folded === first && b.folded.replace(POSSESSIVE, '') === second) return term;
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
			out.push({ term: initials, start: run[0]!.start, end: run[run.length - 1]!.end, capitalized: true, initials: true });
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
 * Splits a text into analyzed tokens, stop words removed, with their offsets in `text`.
 * The same function analyzes passages at index time and questions at query time.
 */
export function analyze(text: string): Token[] {
	const words = splitWords(text);
	const tokens: Token[] = [];
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		const phrase = phraseAt(words, i);
		if (phrase !== undefined) {
			tokens.push({ term: phrase, start: word.start, end: words[i + 1]!.end, capitalized: true });
			i++;
			continue;
		}
		const term = termOfRaw(word.raw);
		if (term === null) continue;
		tokens.push({ term, start: word.start, end: word.end, capitalized: /^\p{Lu}/u.test(word.raw) });
	}
	const acronyms = acronymTokens(words);
	return acronyms.length === 0 ? tokens : [...tokens, ...acronyms].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The analyzed terms of a text, in order, repeats kept. */
export function terms(text: string): string[] {
	return analyze(text).map((t) => t.term);
}

/** One informative word of a question and the index terms that stand for it. */
export interface QueryTerm {
	/** The term as analyzed. */
	readonly term: string;
	/** Other index terms accepted for it, each with a factor ≤ 1 (a demonym's country, a typo's fix). */
	readonly alternatives: ReadonlyMap<string, number>;
	/** Written with a capital inside the sentence: likely a name. */
	readonly name: boolean;
	/** The word as written, folded: a passage with this very form matches best. */
	readonly surface: string;
}

const DEMONYM_FACTOR = 0.6;
const CAPITAL_FACTOR = 0.4;
const SYNONYM_FACTOR = 0.5;

/** Term → related terms and their factor: demonym ↔ country, capital ↔ country, both ways. */
let related: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined;
function relatedTerms(): ReadonlyMap<string, ReadonlyMap<string, number>> {
	if (related !== undefined) return related;
	const map = new Map<string, Map<string, number>>();
	const link = (a: string, b: string, factor: number) => {
		const ta = termOf(a, a);
		const tb = termOf(b, b);
		if (ta === null || tb === null || ta === tb) return;
		for (const [x, y] of [[ta, tb], [tb, ta]] as const) {
			const m = map.get(x) ?? new Map<string, number>();
			m.set(y, Math.max(m.get(y) ?? 0, factor));
			map.set(x, m);
		}
	};
	for (const [demonym, country] of Object.entries(DEMONYMS)) link(demonym, country, DEMONYM_FACTOR);
	for (const [capital, country] of Object.entries(CAPITALS)) link(capital, country, CAPITAL_FACTOR);
	for (const group of SYNONYMS) for (const a of group) for (const b of group) if (a < b) link(a, b, SYNONYM_FACTOR);
	related = map;
	return map;
}

/**
 * Analyzes a question: stop words and question framing dropped, repeats merged, demonyms expanded to
 * their country ("Turkish" also looks for Türkiye).
 */
export function analyzeQuestion(text: string): QueryTerm[] {
	// Frames are blanked with spaces of their length, so offsets stay those of the question.
	const question = QUESTION_FRAMES.reduce((q, frame) => q.replace(frame, (m) => ' '.repeat(m.length)), text);
	const words = splitWords(question);
	const byTerm = new Map<string, QueryTerm>();
	const tokens = analyze(question);
	for (const token of tokens) {
		if (token.initials === true) continue;
		const word = words.find((w) => w.start === token.start);
		const folded = word?.folded.replace(POSSESSIVE, '') ?? '';
		if (QUESTION_WORDS.has(folded)) continue;
		if (byTerm.has(token.term)) continue;
		const alternatives = new Map<string, number>(relatedTerms().get(token.term));
		const name = token.capitalized && token.start > 0 && !/^\p{N}/u.test(token.term);
		byTerm.set(token.term, { term: token.term, alternatives, name, surface: folded });
	}
	return [...byTerm.values()];
}
