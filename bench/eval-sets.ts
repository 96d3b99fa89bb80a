import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../src/app.js';
import type { Corpus } from '../src/core/corpus.js';
import type { EvalItem } from '../src/core/answer/evaluate.js';
import { loadDataDir } from '../src/store/data-dir.js';
import { readEvalItems } from './answer-quality.js';

/** One question set and the corpus it is asked of. */
export interface EvalSet {
	readonly name: string;
	/** Which corpus: sets sharing one are not independent of each other. */
	readonly corpusName: string;
	readonly corpus: Corpus;
	readonly items: readonly (EvalItem & { readonly source?: string })[];
	/** The sources this set's questions are about, when its corpus holds others too (fresh-dev's own articles). */
	readonly own?: ReadonlySet<string>;
}

/** The project root, from bench/ or from its build in dist/bench/. */
export const ROOT = projectRoot();
const SHARED = resolve(ROOT, '..', 'shared');

/** The sets: the default corpus's dev and held-out files, and fresh-dev on the default corpus plus its articles. */
export const SET_FILES = {
	dev: { file: join(SHARED, 'eval', 'dev.jsonl'), corpus: 'default' },
	'heldout-a': { file: join(ROOT, 'test', 'fixtures', 'eval-heldout-a.jsonl'), corpus: 'default' },
	'heldout-b': { file: join(ROOT, 'test', 'fixtures', 'eval-heldout-b.jsonl'), corpus: 'default' },
	'heldout-c': { file: join(ROOT, 'test', 'fixtures', 'eval-heldout-c.jsonl'), corpus: 'default' },
	'fresh-dev': { file: join(SHARED, 'eval', 'fresh-dev', 'questions.jsonl'), corpus: 'fresh' },
} as const;

function readItems(file: string): EvalSet['items'] {
	const sources = readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim().length > 0)
		.map((l) => (JSON.parse(l) as { source?: string }).source);
	return readEvalItems(file).map((item, i) => (sources[i] === undefined ? item : { ...item, source: sources[i] }));
}

/**
 * A data directory holding the default corpus and fresh-dev's articles, as a user who added them
 * would have it; made once under the system's temp folder and reused (its cache too).
 */
export function freshDataDir(): string | undefined {
	const extra = join(SHARED, 'eval', 'fresh-dev', 'corpus');
	if (!existsSync(extra)) return undefined;
	const dir = join(tmpdir(), 'verbatim-fresh-dev');
	mkdirSync(dir, { recursive: true });
	const catalog: unknown[] = [];
	for (const from of [join(ROOT, 'index-data'), extra]) {
		catalog.push(...(JSON.parse(readFileSync(join(from, 'sources.json'), 'utf8')) as unknown[]));
		for (const f of readdirSync(from)) if (f.endsWith('.txt')) copyFileSync(join(from, f), join(dir, f));
	}
	const text = JSON.stringify(catalog, null, 1);
	const path = join(dir, 'sources.json');
	if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
	return dir;
}

/** Every set whose files exist, each with its corpus loaded (from the data directories' caches). */
export async function loadEvalSets(names: readonly string[] = Object.keys(SET_FILES)): Promise<EvalSet[]> {
	const corpora = new Map<string, Promise<Corpus>>();
	const corpusOf = (name: 'default' | 'fresh'): Promise<Corpus> | undefined => {
		const dir = name === 'default' ? join(ROOT, 'index-data') : freshDataDir();
		if (dir === undefined) return undefined;
		if (!corpora.has(name))
			corpora.set(
				name,
				loadDataDir(dir).then((r) => r.corpus),
			);
		return corpora.get(name);
	};
	const sets: EvalSet[] = [];
	for (const name of names) {
		const spec = Object.hasOwn(SET_FILES, name) ? SET_FILES[name as keyof typeof SET_FILES] : undefined;
		if (spec === undefined || !existsSync(spec.file)) continue;
		const corpus = corpusOf(spec.corpus);
		if (corpus === undefined) continue;
		const own =
			spec.corpus === 'fresh'
				? new Set(
						(
							JSON.parse(readFileSync(join(SHARED, 'eval', 'fresh-dev', 'corpus', 'sources.json'), 'utf8')) as Array<{
								id: string;
							}>
						).map((s) => s.id),
					)
				: undefined;
		sets.push({
			name,
			corpusName: spec.corpus,
			corpus: await corpus,
			items: readItems(spec.file),
			...(own === undefined ? {} : { own }),
		});
	}
	return sets;
}
