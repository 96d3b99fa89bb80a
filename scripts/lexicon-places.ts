/** Countries, territories and continents: their names, acronyms, demonyms and capitals. */
import { countries as countriesList, continents, type ICountry } from 'countries-list';
import isoCountries from 'i18n-iso-countries';
import { fold, nameWords } from '../src/core/text/fold.js';
import { STOP_WORDS } from '../src/core/text/lexicon.js';
import { COMMON_WORDS, isEveryday, sorted, worldCountries } from './lexicon-sources.js';

/** countries-list's entry for a code, if it has one (its table is typed as if it had every code). */
const listedCountry = (code: string): ICountry | undefined =>
	Object.hasOwn(countriesList, code) ? countriesList[code as keyof typeof countriesList] : undefined;

export interface Place {
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

export function collectPlaces(): Place[] {
	const iso = isoCountries.getNames('en', { select: 'all' }) as Record<string, string[]>;
	const places = worldCountries.map((c): Place => {
		const canonical = nameWords(c.name.common).join(' ');
		const place: Place = {
			kind: 'country',
			code: c.cca2,
			canonical,
			sovereign: c.independent || c.unMember,
			names: new Set(),
			current: new Set(),
			acronyms: new Set(),
		};
		for (const name of [c.name.common, ...(iso[c.cca2] ?? [])]) addName(place, name, true);
		const listed = listedCountry(c.cca2);
		for (const name of listed ? [listed.name, ...(listed.alias ?? [])] : []) addName(place, name, false);
		return place;
	});
	for (const [code, name] of Object.entries(continents)) {
		const folded = fold(name);
		places.push({
			kind: 'continent',
			code,
			canonical: folded,
			sovereign: false,
			names: new Set([folded]),
			current: new Set([folded]),
			acronyms: new Set(),
		});
	}
	return places;
}

/** Names and acronyms that two places claim ("Congo") belong to neither. */
export function claimed(places: readonly Place[], key: 'names' | 'acronyms'): Map<string, string> {
	const owners = new Map<string, Set<string>>();
	for (const p of places) for (const n of p[key]) owners.set(n, (owners.get(n) ?? new Set()).add(p.canonical));
	return new Map([...owners].filter(([, o]) => o.size === 1).map(([n, o]) => [n, [...o][0]!]));
}

/**
 * Name → canonical name. A one-word alias is dropped when it is also a word of another place's name:
 * "America" alone cannot be folded into the United States while "South America" exists.
 */
export function placeNames(places: readonly Place[]): Record<string, string> {
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
export function nameParts(
	places: readonly Place[],
	names: Record<string, string>,
	demonyms: Record<string, readonly string[]>,
): Record<string, string[]> {
	const owners = wordOwners(places);
	const parts = new Map<string, Set<string>>();
	for (const p of places) {
		if (!p.sovereign) continue;
		for (const name of p.current) {
			const words = name.split(' ');
			if (names[name] !== p.canonical || words.length < 2) continue;
			for (const w of words) {
				if (
					w.length < MIN_PART_LENGTH ||
					STOP_WORDS.has(w) ||
					isEveryday(w) ||
					isContinentAdjective(w) ||
					w in names ||
					w in demonyms
				)
					continue;
				if ((owners.get(w)?.size ?? 0) > 2) continue;
				parts.set(w, (parts.get(w) ?? new Set()).add(p.canonical));
			}
		}
	}
	return sorted(Object.fromEntries([...parts].map(([w, set]) => [w, [...set].sort()])));
}

/** "African", "European": the adjective of a continent, not of a country whose name holds the continent. */
const isContinentAdjective = (word: string) =>
	Object.values(continents).some((c) => !c.includes(' ') && word.startsWith(fold(c).slice(0, -1)));

/** Prefers sovereign countries to territories that share a word with them ("french": France, not French Polynesia). */
const preferSovereign = (owners: readonly Place[]) =>
	owners.some((p) => p.sovereign) ? owners.filter((p) => p.sovereign) : owners;

/**
 * Demonym → countries. Of "South Korean" only "korean" is kept (the analyzer reads words), and it
 * points to both Koreas; a full one-word demonym wins over such a tail ("guinean" is Guinea's, not
 * Papua New Guinea's). A tail is dropped when it is a word of the name itself ("Central African
 * Republic"), a continent's adjective ("South African"), or shared by more than two places ("islander").
 */
export function demonymTable(places: readonly Place[], names: Record<string, string>): Record<string, string[]> {
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
export function capitalTable(places: readonly Place[], names: Record<string, string>): Record<string, string> {
	const owners = new Map<string, Place[]>();
	for (const p of places) {
		if (p.kind !== 'country') continue;
		const raw = listedCountry(p.code)?.capital ?? '';
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
