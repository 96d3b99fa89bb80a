import { loadDataDir } from '../src/store/data-dir.js';
import { loadEvalSets } from './eval-sets.js';
import { benchExactWindows, sampleWindows, type ExactWindowFigures } from './exact-windows.js';
import type { Section } from './table.js';

/** One corpus's exact-window figures, ours and MiniSearch defaults'. */
export interface ExactWindowReport {
	readonly corpus: string;
	readonly ours: ExactWindowFigures;
	readonly minisearch: ExactWindowFigures;
}

/**
 * 200 seeded windows from the default corpus, from fresh-dev's articles (in the corpus a user who
 * added them would have), and from each generated corpus in `generated`: real text and scale alike.
 */
export async function benchExactWindowSets(generated: readonly string[], seed: number): Promise<ExactWindowReport[]> {
	const out: ExactWindowReport[] = [];
	const seen = new Set<string>();
	for (const set of await loadEvalSets()) {
		if (seen.has(set.corpusName)) continue;
		seen.add(set.corpusName);
		const name = set.corpusName === 'fresh' ? 'fresh-dev articles' : 'default corpus';
		out.push({ corpus: name, ...benchExactWindows(set.corpus, sampleWindows(set.corpus, 200, seed, set.own)) });
	}
	for (const dir of generated) {
		const { corpus } = await loadDataDir(dir);
		out.push({
			corpus: `generated, ${corpus.paragraphs.length.toLocaleString('en-US')} paragraphs`,
			...benchExactWindows(corpus, sampleWindows(corpus, 200, seed)),
		});
	}
	return out;
}

export function exactWindowsSection(reports: readonly ExactWindowReport[]): Section {
	return {
		title: 'Exact windows: a pasted run of 3–8 words finds its paragraph',
		baseline: 'MiniSearch',
		rows: reports.flatMap((r) => [
			{ figure: `${r.corpus}: first`, ours: r.ours.first, baseline: r.minisearch.first },
			{ figure: `${r.corpus}: top 3`, ours: r.ours.top3, baseline: r.minisearch.top3 },
			{ figure: `${r.corpus}: answered (not abstained)`, ours: r.ours.answered },
			{ figure: `${r.corpus}: ms per question`, ours: r.ours.meanMs, baseline: r.minisearch.meanMs, digits: 2 },
		]),
		notes: [
			'ours: answer(corpus, window, { top: 3 }) with abstention, as /ask; MiniSearch: defaults over the same paragraphs, search(window)',
			'a hit is the source paragraph or one of identical text; windows seeded, from paragraphs of 8 words or more',
		],
	};
}
