import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THESAURUS_DATA } from '../../../../src/core/text/thesaurus-data.js';
import {
	baseForms,
	formatThesaurus,
	parseThesaurus,
	relatedWords,
	thesaurus,
	type Related,
} from '../../../../src/core/text/thesaurus.js';

const strongOf = (word: string) => thesaurus().get(word)?.strong ?? [];
const weakOf = (word: string) => thesaurus().get(word)?.weak ?? [];

describe('the WordNet table', () => {
	it('relates paraphrases a question uses to the words a source writes', () => {
		expect(strongOf('hurt')).toContain('injure');
		expect(strongOf('injure')).toContain('hurt');
		expect(strongOf('salary')).toEqual(expect.arrayContaining(['pay', 'wage']));
		expect(strongOf('pay')).toContain('salary');
		expect(strongOf('wage')).toContain('salary');
		expect(strongOf('cheap')).toContain('inexpensive');
		expect(strongOf('inexpensive')).toContain('cheap');
		expect(strongOf('price')).toContain('cost');
		expect(strongOf('cost')).toContain('price');
	});

	it('relates cause and effect, and derived forms, both ways and only weakly', () => {
		expect(weakOf('kill')).toContain('die');
		expect(weakOf('die')).toContain('kill');
		expect(strongOf('kill')).not.toContain('die');
		expect(strongOf('die')).not.toContain('kill');
		expect(weakOf('injure')).toContain('injury');
		expect(weakOf('die')).toContain('death');
		expect(weakOf('death')).toContain('die');
	});

	it("weighs a synonym of a word's rare sense weak: 'die' is pass's 24th sense", () => {
		expect(strongOf('die')).toContain('pass');
		expect(weakOf('pass')).toContain('die');
		expect(strongOf('pass')).not.toContain('die');
	});

	it('holds no phrase, name, stop word or everyday verb that would flood a question', () => {
		const flooding = [
			'make',
			'take',
			'give',
			'get',
			'go',
			'come',
			'say',
			'put',
			'set',
			'the',
			'have',
			'be',
			'walk_out',
		];
		expect(flooding.filter((word) => thesaurus().has(word))).toEqual([]);
		const mentions = [...thesaurus()].filter(([, { strong, weak }]) =>
			[...strong, ...weak].some((w) => flooding.includes(w)),
		);
		expect(mentions).toEqual([]);
	});

	it('has only lowercase words, never a word related to itself, each list sorted, unique and apart from the other', () => {
		expect(thesaurus().size).toBeGreaterThan(10_000);
		const wrong: string[] = [];
		for (const [word, { strong, weak }] of thesaurus()) {
			const all = [word, ...strong, ...weak];
			if (!all.every((w) => /^[a-z]+$/.test(w))) wrong.push(`${word}: not a lowercase word`);
			if (strong.length + weak.length === 0) wrong.push(`${word}: empty`);
			if (strong.includes(word) || weak.includes(word)) wrong.push(`${word}: itself`);
			for (const list of [strong, weak]) {
				if (list.join() !== [...new Set(list)].sort().join()) wrong.push(`${word}: not sorted and unique`);
			}
			if (strong.some((w) => weak.includes(w))) wrong.push(`${word}: strong and weak`);
		}
		expect(wrong).toEqual([]);
	});

	it('is symmetric: every related word has an entry that relates it back', () => {
		const oneWay: string[] = [];
		for (const [word, { strong, weak }] of thesaurus()) {
			for (const other of [...strong, ...weak]) {
				const back = thesaurus().get(other);
				if (back === undefined || !(back.strong.includes(word) || back.weak.includes(word)))
					oneWay.push(`${word} → ${other}`);
			}
		}
		expect(oneWay).toEqual([]);
	});

	it('is the sorted text form of itself, as the generator writes it', () => {
		expect(formatThesaurus(parseThesaurus(THESAURUS_DATA))).toBe(THESAURUS_DATA.trim());
	});

	it('is parsed once', () => {
		expect(thesaurus()).toBe(thesaurus());
	});
});

describe('parseThesaurus and formatThesaurus', () => {
	const data = 'cheap:inexpensive\ndie:perish|kill\nkill:|die\nperish:die';
	const table = new Map<string, Related>([
		['cheap', { strong: ['inexpensive'], weak: [] }],
		['die', { strong: ['perish'], weak: ['kill'] }],
		['kill', { strong: [], weak: ['die'] }],
		['perish', { strong: ['die'], weak: [] }],
	]);

	it('round-trips a hand-made table', () => {
		expect(parseThesaurus(data)).toEqual(table);
		expect(formatThesaurus(table)).toBe(data);
		expect(parseThesaurus(`\n${data}\n`)).toEqual(table);
	});

	it('sorts what it writes', () => {
		const unsorted = new Map<string, Related>([
			['die', { strong: ['perish', 'expire'], weak: ['kill', 'death'] }],
			['cheap', { strong: ['inexpensive'], weak: [] }],
		]);
		expect(formatThesaurus(unsorted)).toBe('cheap:inexpensive\ndie:expire,perish|death,kill');
	});

	it('reads back any table it writes', () => {
		const word = fc.stringMatching(/^[a-z]{1,8}$/);
		const list = fc.uniqueArray(word, { maxLength: 5 }).map((words) => words.sort());
		const entry = fc.record({ strong: list, weak: list }).filter(({ strong, weak }) => strong.length + weak.length > 0);
		fc.assert(
			fc.property(fc.dictionary(word, entry), (entries) => {
				const written = new Map<string, Related>(Object.entries(entries));
				const text = formatThesaurus(written);
				expect(parseThesaurus(text)).toEqual(written);
				expect(formatThesaurus(parseThesaurus(text))).toBe(text);
			}),
		);
	});
});

describe('relatedWords', () => {
	it('looks up an inflected form by its lemma', () => {
		expect(relatedWords('killed').weak).toContain('die');
		expect(relatedWords('died').weak).toContain('kill');
		expect(relatedWords('salaries').strong).toContain('pay');
		expect(relatedWords('cheapest').strong).toContain('inexpensive');
		expect(relatedWords('prices').strong).toContain('cost');
	});

	it("adds a participle's verb to its own entry: 'injured' is 'hurt' through 'injure'", () => {
		expect(thesaurus().get('injured')?.strong).not.toContain('hurt');
		expect(relatedWords('injured').strong).toContain('hurt');
		expect(relatedWords('wounded').strong).toContain('injure');
	});

	it("gives a word's own entry as it is", () => {
		expect(relatedWords('hurt')).toBe(thesaurus().get('hurt'));
		expect(relatedWords('news')).toBe(thesaurus().get('news'));
	});

	it('gives nothing for an unknown word, and never the word itself', () => {
		expect(relatedWords('xyzzy')).toEqual({ strong: [], weak: [] });
		for (const word of ['killing', 'leading', 'wounded', 'injured', 'fired', 'stopped']) {
			const { strong, weak } = relatedWords(word);
			expect([...strong, ...weak], word).not.toContain(word);
		}
	});
});

describe('baseForms', () => {
	it("follows WordNet's detachment rules, and undoes a doubled consonant", () => {
		expect(baseForms('killed')).toContain('kill');
		expect(baseForms('died')).toContain('die');
		expect(baseForms('salaries')).toContain('salary');
		expect(baseForms('churches')).toContain('church');
		expect(baseForms('women')).toContain('woman');
		expect(baseForms('stopped')).toContain('stop');
		expect(baseForms('biggest')).toContain('big');
		expect(baseForms('cat')).toEqual([]);
	});
});
