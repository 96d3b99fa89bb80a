import MiniSearch from 'minisearch';
import { answer } from '../src/core/answer/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { mulberry32 } from './prng.js';

/** A run of 3–8 consecutive words copied from a paragraph: what people paste to ask where it comes from. */
export interface ExactWindow {
	readonly q: string;
	/** The paragraph it was copied from (its index in the corpus). */
	readonly paragraph: number;
}

/** `count` seeded windows from the paragraphs of `corpus` (those of at least 8 words), from `sources` only when given. */
export function sampleWindows(
	corpus: Corpus,
	count: number,
	seed: number,
	sources?: ReadonlySet<string>,
): ExactWindow[] {
	const random = mulberry32(seed);
	const pool = corpus.paragraphs
		.map((p, i) => ({ p, i, words: p.text.split(/\s+/).filter((w) => w.length > 0) }))
		.filter(({ p, words }) => words.length >= 8 && (sources === undefined || sources.has(p.source.id)));
	const out: ExactWindow[] = [];
	for (let n = 0; n < count && pool.length > 0; n++) {
		const { i, words } = random.pick(pool);
		const length = random.int(3, 8);
		const start = random.int(0, words.length - length);
		out.push({ q: words.slice(start, start + length).join(' '), paragraph: i });
	}
	return out;
}

export interface ExactWindowFigures {
	readonly windows: number;
	/** Share whose source paragraph (or a paragraph of identical text) is ranked first. */
	readonly first: number;
	readonly top3: number;
	/** Share answered at all (not abstained on): ours only. */
	readonly answered: number;
	/** Mean time per question, ms. */
	readonly meanMs: number;
}

/** Ours (answer(), abstention on, as `cli ask --top 3` runs) and MiniSearch with default options, on the same windows. */
export function benchExactWindows(
	corpus: Corpus,
	windows: readonly ExactWindow[],
): { ours: ExactWindowFigures; minisearch: ExactWindowFigures } {
	const same = (a: number, b: number) => a === b || corpus.paragraphs[a]!.text === corpus.paragraphs[b]!.text;
	const key = (p: { source: { id: string }; n: number }) => `${p.source.id}\u0000${p.n}`;
	const ids = new Map(corpus.paragraphs.map((p, i) => [key(p), i]));
	let first = 0,
		top3 = 0,
		answered = 0;
	let started = performance.now();
	for (const w of windows) {
		const a = answer(corpus, w.q, { top: 3, memo: false });
		if (a.answered) answered++;
		const got = a.results.map((r) => ids.get(key({ source: r.source, n: r.paragraph }))!);
		if (got[0] !== undefined && same(got[0], w.paragraph)) first++;
		if (got.some((g) => same(g, w.paragraph))) top3++;
	}
	const n = Math.max(1, windows.length);
	const ours = {
		windows: windows.length,
		first: first / n,
		top3: top3 / n,
		answered: answered / n,
		meanMs: (performance.now() - started) / n,
	};

	const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
	mini.addAll(corpus.paragraphs.map((p, id) => ({ id, text: p.text })));
	first = 0;
	top3 = 0;
	started = performance.now();
	for (const w of windows) {
		const got = mini
			.search(w.q)
			.slice(0, 3)
			.map((r) => Number(r.id));
		if (got[0] !== undefined && same(got[0], w.paragraph)) first++;
		if (got.some((g) => same(g, w.paragraph))) top3++;
	}
	const minisearch = {
		windows: windows.length,
		first: first / n,
		top3: top3 / n,
		answered: Number.NaN,
		meanMs: (performance.now() - started) / n,
	};
	return { ours, minisearch };
}
