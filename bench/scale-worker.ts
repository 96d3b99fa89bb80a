import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answer } from '../src/core/answer/answer.js';
import { parseCatalog, splitParagraphs } from '../src/core/catalog.js';
import { createCorpus, type SourceText } from '../src/core/corpus.js';
import { ENGINE_NAMES, type EngineName } from '../src/core/search/engine.js';
import { serializeIndex } from '../src/core/search/search-index.js';
import { coverageOf, cacheKey, indexCacheName, loadBackground, loadDataDir } from '../src/store/data-dir.js';
import { encodeIndexCache } from '../src/store/index-cache.js';
import { readQuestions } from './generate.js';
import { quantile } from './metrics.js';

/**
 * One measurement in a fresh process (so heaps and JIT state never leak from one to the next), run by
 * scale.ts as `node --expose-gc dist/bench/scale-worker.js <mode> <dir>`; prints one JSON line.
 *   ours-build E  read the texts, build our index with engine E (minisearch or columnar), save the cache where loadDataDir looks
 *   ours-load E   loadDataDir from that cache (cold start) with engine E, then answer the questions as /ask does
 *   mini-build  MiniSearch with default options over the same paragraphs, saved with toJSON
 *   mini-load   that file loaded with MiniSearch.loadJSON, then the questions searched with defaults
 */
export type WorkerMode = 'ours-build' | 'ours-load' | 'mini-build' | 'mini-load';

/** Questions run once before timing, so that the JIT has warmed up. */
const WARMUP = 20;
const MINI_FILE = '.bench-minisearch.json';

/** Heap in use after a full collection (when node runs with --expose-gc) plus ArrayBuffers outside it, bytes. */
function heapUsed(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const { heapUsed: heap, arrayBuffers } = process.memoryUsage();
	return heap + arrayBuffers;
}

/** Files read at once: all 50,000 of a million paragraphs at once would run out of file handles. */
const READ_BATCH = 64;

async function readTexts(dir: string): Promise<SourceText[]> {
	const { sources } = parseCatalog(JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')));
	const texts: SourceText[] = [];
	for (let i = 0; i < sources.length; i += READ_BATCH) {
		const batch = sources.slice(i, i + READ_BATCH);
		texts.push(
			...(await Promise.all(
				batch.map(async (source) => ({ source, text: await readFile(join(dir, source.file), 'utf8') })),
			)),
		);
	}
	return texts;
}

/** Latency quantiles of `run` over the questions (after a warm-up), ms, and the share it answered. */
function latencies(questions: readonly string[], run: (q: string) => boolean) {
	for (const q of questions.slice(0, WARMUP)) run(q);
	let answered = 0;
	const times = questions.map((q) => {
		const started = performance.now();
		if (run(q)) answered++;
		return performance.now() - started;
	});
	const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
	return {
		p50: quantile(times, 0.5),
		p95: quantile(times, 0.95),
		p99: quantile(times, 0.99),
		mean,
		answered: answered / Math.max(1, times.length),
	};
}

/** Writes what `make` returns to `path`, or says why it could not (JSON.stringify fails past V8's string limit). */
async function save(
	path: string,
	make: () => string | Uint8Array,
): Promise<{ ms: number; bytes?: number; error?: string }> {
	const started = performance.now();
	try {
		await writeFile(path, make());
		return { ms: performance.now() - started, bytes: (await stat(path)).size };
	} catch (error) {
		return { ms: performance.now() - started, error: (error as Error).message };
	}
}

async function oursBuild(dir: string, engine: EngineName) {
	await rm(join(dir, '.cache'), { recursive: true, force: true });
	const t0 = performance.now();
	const texts = await readTexts(dir);
	const background = loadBackground();
	const t1 = performance.now();
	const corpus = createCorpus(texts, { background, engine });
	const t2 = performance.now();
	const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
	const heap = heapUsed();
	await mkdir(join(dir, '.cache'), { recursive: true });
	// The very file loadDataDir looks for; ours-load checks that it hits.
	const saved = await save(join(dir, '.cache', indexCacheName(cacheKey(texts, undefined, engine))), () =>
		encodeIndexCache(serializeIndex(corpus.index), coverageOf(texts, undefined, engine)),
	);
	return { paragraphs: corpus.paragraphs.length, textBytes, readMs: t1 - t0, buildMs: t2 - t1, heap, save: saved };
}

async function oursLoad(dir: string, engine: EngineName) {
	const { corpus, report } = await loadDataDir(dir, undefined, { engine });
	const readyMs = performance.now();
	const heap = heapUsed();
	const questions = (await readQuestions(dir)).map((q) => q.q);
	const ask = latencies(questions, (q) => answer(corpus, q, { memo: false }).answered);
	return { cache: report.cache, loadMs: report.ms, processReadyMs: readyMs, heap, ask };
}

async function miniBuild(dir: string) {
	const t0 = performance.now();
	const texts = await readTexts(dir);
	const paragraphs = texts.flatMap(({ source, text }) => splitParagraphs(source, text).map((p) => p.text));
	const t1 = performance.now();
	const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
	mini.addAll(paragraphs.map((text, id) => ({ id, text })));
	const t2 = performance.now();
	const heap = heapUsed();
	const saved = await save(join(dir, MINI_FILE), () => JSON.stringify(mini));
	return { paragraphs: paragraphs.length, readMs: t1 - t0, buildMs: t2 - t1, heap, save: saved };
}

async function miniLoad(dir: string) {
	const t0 = performance.now();
	// A bot needs the texts to quote from, so the baseline reads them too.
	const texts = await readTexts(dir);
	const mini = MiniSearch.loadJSON<{ id: number; text: string }>(await readFile(join(dir, MINI_FILE), 'utf8'), {
		fields: ['text'],
	});
	const loadMs = performance.now() - t0;
	const readyMs = performance.now();
	const heap = heapUsed();
	const questions = (await readQuestions(dir)).map((q) => q.q);
	const ask = latencies(questions, (q) => mini.search(q).length > 0);
	return { cache: texts.length > 0 ? 'hit' : 'empty', loadMs, processReadyMs: readyMs, heap, ask };
}

const MODES = {
	'ours-build': oursBuild,
	'ours-load': oursLoad,
	'mini-build': miniBuild,
	'mini-load': miniLoad,
} as const;

const [mode, dir, engine = 'columnar'] = process.argv.slice(2);
if (
	mode === undefined ||
	dir === undefined ||
	!(mode in MODES) ||
	!(ENGINE_NAMES as readonly string[]).includes(engine)
) {
	process.stderr.write(
		`usage: scale-worker <${Object.keys(MODES).join('|')}> <data-dir> [${ENGINE_NAMES.join('|')}]\n`,
	);
	process.exitCode = 2;
} else {
	const result = await MODES[mode as WorkerMode](dir, engine as EngineName);
	process.stdout.write(
		`${JSON.stringify({ ...result, heapLimit: (await import('node:v8')).getHeapStatistics().heap_size_limit })}\n`,
	);
}
