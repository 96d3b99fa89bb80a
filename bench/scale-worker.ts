import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answer } from '../src/core/answer/answer.js';
import { guildLibrary, parseCatalog, readableLibraries, SHARED_LIBRARY, splitParagraphs } from '../src/core/catalog.js';
import { createCorpus, viewOf, type Corpus, type SourceText } from '../src/core/corpus.js';
import { ENGINE_NAMES, type EngineName } from '../src/core/search/engine.js';
import { serializeIndex } from '../src/core/search/search-index.js';
import { coverageOf, cacheKey, indexCacheName, loadBackground, loadDataDir } from '../src/store/data-dir.js';
import { encodeIndexCache } from '../src/store/index-cache.js';
import { readQuestions } from './generate.js';
import { GUILDS, GUILD_ID_BASE, SOURCES_PER_GUILD } from './libraries.js';
import { quantile } from './metrics.js';
import { mulberry32 } from './prng.js';

/**
 * One measurement in a fresh process (so heaps and JIT state never leak from one to the next), run by
 * scale.ts as `node --expose-gc dist/bench/scale-worker.js <mode> <dir>`; prints one JSON line.
 *   ours-build E  read the texts, build our index with engine E (minisearch or columnar), save the cache where loadDataDir looks
 *   ours-load E   loadDataDir from that cache (cold start) with engine E, then answer the questions as /ask does
 *   mini-build  MiniSearch with default options over the same paragraphs, saved with toJSON
 *   mini-load   that file loaded with MiniSearch.loadJSON, then the questions searched with defaults
 *   libraries E the same paragraphs cut into GUILDS × SOURCES_PER_GUILD sources, built twice with engine E
 *               (all shared; all in server libraries), then /ask through each one's views (libraries.ts)
 */
export type WorkerMode = 'ours-build' | 'ours-load' | 'mini-build' | 'mini-load' | 'libraries';

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

/** The /ask latencies of one corpus's views, summed up as {@link latencies} does. */
function summary(times: readonly number[], answered: number) {
	return {
		p50: quantile(times, 0.5),
		p95: quantile(times, 0.95),
		p99: quantile(times, 0.99),
		mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
		answered: answered / Math.max(1, times.length),
	};
}

/**
 * The texts re-cut into `GUILDS × SOURCES_PER_GUILD` sources of consecutive paragraphs (each keeps
 * the title of the article its first paragraph comes from), once with every source shared and once
 * with source i in server library i mod GUILDS; and, for each generated question, the library
 * holding the paragraph it was made from.
 */
function librarySplit(texts: readonly SourceText[], questions: ReadonlyArray<{ source: string; paragraph: number }>) {
	const lines: Array<{ text: string; of: SourceText }> = [];
	const firstLine = new Map<string, number>();
	for (const t of texts) {
		firstLine.set(t.source.id, lines.length);
		for (const p of splitParagraphs(t.source, t.text)) lines.push({ text: p.text, of: t });
	}
	const count = GUILDS * SOURCES_PER_GUILD;
	if (lines.length < count) throw new Error(`${lines.length} paragraphs cannot fill ${count} sources`);
	const guilds = Array.from({ length: GUILDS }, (_, g) => guildLibrary(String(GUILD_ID_BASE + BigInt(g))));
	const start = (i: number) => Math.floor((i * lines.length) / count);
	const sourceOfLine = new Uint32Array(lines.length);
	for (let i = 0; i < count; i++) sourceOfLine.fill(i, start(i), start(i + 1));
	const cut = (library: (i: number) => string): SourceText[] =>
		Array.from({ length: count }, (_, i) => {
			const id = `lib-${String(i).padStart(6, '0')}`;
			const first = lines[start(i)]!.of.source;
			return {
				source: { ...first, id, file: `${id}.txt`, url: `https://news.example/${id}`, library: library(i) },
				text: lines
					.slice(start(i), start(i + 1))
					.map((l) => l.text)
					.join('\n'),
			};
		});
	const guildOf = (i: number) => guilds[i % GUILDS]!;
	return {
		shared: cut(() => SHARED_LIBRARY),
		guilded: cut(guildOf),
		guilds,
		ownGuild: questions.map((q) => guildOf(sourceOfLine[(firstLine.get(q.source) ?? 0) + q.paragraph]!)),
	};
}

/** /ask on the same paragraphs shared alone and spread over server libraries, each asked through a view. */
async function libraries(dir: string, engine: EngineName) {
	const texts = await readTexts(dir);
	const generated = await readQuestions(dir);
	const questions = generated.map((q) => q.q);
	const split = librarySplit(texts, generated);
	const background = loadBackground();
	const t0 = performance.now();
	const shared = createCorpus(split.shared, { background, engine });
	const t1 = performance.now();
	const guilded = createCorpus(split.guilded, { background, engine });
	const t2 = performance.now();
	const random = mulberry32(0x11b2a7);
	const randomGuild = questions.map(() => random.pick(split.guilds));
	// Views are made (and timed) outside the answers: the bot keeps the latest MAX_VIEWS of them.
	const v0 = performance.now();
	const sharedView = viewOf(shared, readableLibraries(SHARED_LIBRARY));
	const randomViews = randomGuild.map((g) => viewOf(guilded, readableLibraries(g)));
	const ownViews = split.ownGuild.map((g) => viewOf(guilded, readableLibraries(g)));
	const viewMs = (performance.now() - v0) / (1 + randomViews.length + ownViews.length);
	let violations = 0;
	let checked = 0;
	// Every source of the server corpus is in some server's library: each result must be the asked one's.
	const check = (library: string, results: ReadonlyArray<{ source: { library: string } }>) => {
		for (const r of results) {
			checked++;
			if (r.source.library !== library) violations++;
		}
	};
	const ask = (view: Corpus, q: string, library?: string) => {
		const started = performance.now();
		const a = answer(view, q, { memo: false });
		const ms = performance.now() - started;
		if (library !== undefined) check(library, a.results);
		return { ms, answered: a.answered };
	};
	for (const [i, q] of questions.slice(0, WARMUP).entries()) {
		ask(sharedView, q);
		ask(randomViews[i]!, q, randomGuild[i]);
		ask(ownViews[i]!, q, split.ownGuild[i]);
	}
	// Interleaved, the order turning per question, so drift and warm caches fall on all three alike.
	const times = { shared: [] as number[], random: [] as number[], own: [] as number[] };
	const answered = { shared: 0, random: 0, own: 0 };
	questions.forEach((q, i) => {
		const runs = [
			['shared', sharedView, undefined],
			['random', randomViews[i]!, randomGuild[i]],
			['own', ownViews[i]!, split.ownGuild[i]],
		] as const;
		for (let k = 0; k < runs.length; k++) {
			const [name, view, library] = runs[(k + i) % runs.length]!;
			const { ms, answered: yes } = ask(view, q, library);
			times[name].push(ms);
			if (yes) answered[name]++;
		}
	});
	// The guard, untimed: ten results a question, never abstaining, so that there is something to check.
	questions.forEach((q, i) => {
		check(randomGuild[i]!, answer(randomViews[i]!, q, { memo: false, top: 10, abstain: false }).results);
		check(split.ownGuild[i]!, answer(ownViews[i]!, q, { memo: false, top: 10, abstain: false }).results);
	});
	return {
		sources: split.guilded.length,
		guilds: split.guilds.length,
		paragraphs: guilded.paragraphs.length,
		sharedParagraphs: shared.paragraphs.length,
		questions: questions.length,
		buildSharedMs: t1 - t0,
		buildGuildsMs: t2 - t1,
		viewMs,
		heap: heapUsed(),
		shared: summary(times.shared, answered.shared),
		randomGuild: summary(times.random, answered.random),
		ownGuild: summary(times.own, answered.own),
		violations,
		checked,
	};
}

const MODES = {
	'ours-build': oursBuild,
	'ours-load': oursLoad,
	'mini-build': miniBuild,
	'mini-load': miniLoad,
	libraries,
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
