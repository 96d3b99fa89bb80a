/**
 * The languages other than English a source may be written in, and how a word of each is read: its
 * Snowball stemmer (@orama/stemmers) and its stop words (@orama/stopwords), both folded like every
 * index term. English is not here: it keeps its own pipeline (analyze.ts: STOP_WORDS, the name
 * tables, Porter's stemmer), so a corpus without languages reads exactly as before.
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as armenian } from '@orama/stemmers/armenian';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as greek } from '@orama/stemmers/greek';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { stemmer as irish } from '@orama/stemmers/irish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as nepali } from '@orama/stemmers/nepali';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as tamil } from '@orama/stemmers/tamil';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import { stopwords as arabicStops } from '@orama/stopwords/arabic';
import { stopwords as armenianStops } from '@orama/stopwords/armenian';
import { stopwords as bulgarianStops } from '@orama/stopwords/bulgarian';
import { stopwords as danishStops } from '@orama/stopwords/danish';
import { stopwords as dutchStops } from '@orama/stopwords/dutch';
import { stopwords as finnishStops } from '@orama/stopwords/finnish';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as germanStops } from '@orama/stopwords/german';
import { stopwords as greekStops } from '@orama/stopwords/greek';
import { stopwords as hungarianStops } from '@orama/stopwords/hungarian';
import { stopwords as indonesianStops } from '@orama/stopwords/indonesian';
import { stopwords as irishStops } from '@orama/stopwords/irish';
import { stopwords as italianStops } from '@orama/stopwords/italian';
import { stopwords as japaneseStops } from '@orama/stopwords/japanese';
import { stopwords as lithuanianStops } from '@orama/stopwords/lithuanian';
import { stopwords as mandarinStops } from '@orama/stopwords/mandarin';
import { stopwords as nepaliStops } from '@orama/stopwords/nepali';
import { stopwords as norwegianStops } from '@orama/stopwords/norwegian';
import { stopwords as portugueseStops } from '@orama/stopwords/portuguese';
import { stopwords as romanianStops } from '@orama/stopwords/romanian';
import { stopwords as russianStops } from '@orama/stopwords/russian';
import { stopwords as serbianStops } from '@orama/stopwords/serbian';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';
import { stopwords as swedishStops } from '@orama/stopwords/swedish';
import { stopwords as tamilStops } from '@orama/stopwords/tamil';
import { stopwords as turkishStops } from '@orama/stopwords/turkish';
import { stopwords as ukrainianStops } from '@orama/stopwords/ukrainian';
import { fold } from './fold.js';

/** A source's language: a lowercase ISO 639 code ("fr", "pt"); undefined is English. */
export type Language = string;

/** Whether text in `language` reads with the English pipeline: English, or no language said. */
export const isEnglish = (language: Language | undefined): boolean => language === undefined || language === 'en';

/** Snowball stemmers by ISO 639-1 code. A language without one is folded and not stemmed. */
const STEMMERS: Readonly<Record<Language, (word: string) => string>> = {
	ar: arabic,
	hy: armenian,
	bg: bulgarian,
	da: danish,
	nl: dutch,
	fi: finnish,
	fr: french,
	de: german,
	el: greek,
	hu: hungarian,
	id: indonesian,
	ga: irish,
	it: italian,
	lt: lithuanian,
	ne: nepali,
	no: norwegian,
	nb: norwegian,
	nn: norwegian,
	pt: portuguese,
	ro: romanian,
	ru: russian,
	sr: serbian,
	es: spanish,
	sv: swedish,
	ta: tamil,
	tr: turkish,
	uk: ukrainian,
};

/**
 * Question words of the commonest languages that their stop lists lack ("quand", "onde"): a question
 * in that language is framed by them, and a passage answering it rarely writes them.
 */
const QUESTION_WORDS: Readonly<Record<Language, readonly string[]>> = {
	fr: ['quand', 'pourquoi', 'comment', 'combien', 'où', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'est-ce'],
	pt: ['quando', 'porque', 'porquê', 'como', 'quanto', 'quanta', 'quantos', 'quantas', 'qual', 'quais', 'onde'],
	es: [
		'cuándo',
		'cuando',
		'cómo',
		'cuánto',
		'cuánta',
		'cuántos',
		'cuántas',
		'cuál',
		'cuáles',
		'dónde',
		'quién',
		'quiénes',
		'qué',
	],
	it: ['quando', 'perché', 'come', 'quanto', 'quanti', 'quale', 'quali', 'dove', 'chi'],
	de: ['wann', 'warum', 'wie', 'wieviel', 'wieviele', 'welche', 'welcher', 'welches', 'wo', 'wer'],
};

const STOP_LISTS: Readonly<Record<Language, readonly string[]>> = {
	ar: arabicStops,
	hy: armenianStops,
	bg: bulgarianStops,
	da: danishStops,
	nl: dutchStops,
	fi: finnishStops,
	fr: frenchStops,
	de: germanStops,
	el: greekStops,
	hu: hungarianStops,
	id: indonesianStops,
	ga: irishStops,
	it: italianStops,
	ja: japaneseStops,
	lt: lithuanianStops,
	zh: mandarinStops,
	ne: nepaliStops,
	no: norwegianStops,
	nb: norwegianStops,
	nn: norwegianStops,
	pt: portugueseStops,
	ro: romanianStops,
	ru: russianStops,
	sr: serbianStops,
	es: spanishStops,
	sv: swedishStops,
	ta: tamilStops,
	tr: turkishStops,
	uk: ukrainianStops,
};

const stopSets = new Map<Language, ReadonlySet<string>>();
/** A language's stop words, folded (with its question words); empty for a language without a list. */
export function stopWordsOf(language: Language): ReadonlySet<string> {
	let set = stopSets.get(language);
	if (set === undefined) {
		const words = [...(STOP_LISTS[language] ?? []), ...(QUESTION_WORDS[language] ?? [])];
		set = new Set(words.map((w) => fold(w).replace(/’/g, "'")));
		stopSets.set(language, set);
	}
	return set;
}

/** Whether `language` has a stemmer here (else its words are folded, not stemmed). */
export const hasStemmer = (language: Language): boolean => STEMMERS[language] !== undefined;

/** Elided articles and pronouns written onto the next word: "l'armée", "d'Ivoire", "dell'Unione". */
const ELISION: Readonly<Record<Language, RegExp>> = {
	fr: /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\p{L})/u,
	it: /^(?:l|d|un|dell|all|dall|nell|sull|coll|quell|quest|tutt)['’](?=\p{L})/u,
	ca: /^(?:l|d|s|m|t|n)['’](?=\p{L})/u,
	ga: /^(?:d|b|m)['’](?=\p{L})/u,
};

/**
 * The index term of a word (as written) of a text in `language`, not English, or null for a stop
 * word: an all-capitals acronym as it stands, a number as it stands, else the word lowercased, its
 * elided article dropped, stemmed with the language's Snowball stemmer (accents matter to it), then
 * folded as every term is.
 */
export function foreignTermOf(language: Language, raw: string): string | null {
	const stops = stopWordsOf(language);
	const letters = raw.replace(/\./g, '');
	if (letters.length >= 2 && letters.length <= 6 && /^\p{Lu}+$/u.test(letters)) {
		const key = fold(letters);
		if (!stops.has(key)) return key;
	}
	let lower = raw.toLowerCase().replace(/’/g, "'").replace(/\./g, '');
	if (stops.has(fold(lower))) return null;
	const elided = ELISION[language];
	if (elided !== undefined) lower = lower.replace(elided, '');
	const folded = fold(lower);
	if (folded.length === 0 || stops.has(folded)) return null;
	if (/^\p{N}+$/u.test(folded)) return folded;
	const stem = STEMMERS[language];
	return stem === undefined ? folded : fold(stem(lower));
}
