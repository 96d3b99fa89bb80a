import type { Analyzer } from './text/analyze.js';
import { splitParagraphs, type Paragraph, type Source } from './catalog.js';
import type { Background } from './text/background.js';
import type { EngineName } from './search/engine.js';
import { addToIndex, buildIndex, type SearchIndex } from './search/search-index.js';

/** Everything the core answers from: the sources, their paragraphs, and the index over them. */
export interface Corpus {
	readonly sources: readonly Source[];
	readonly byId: ReadonlyMap<string, Source>;
	/** All paragraphs of all sources; an index document id is a position here. */
	readonly paragraphs: readonly Paragraph[];
	/** Each source's paragraphs, in order. */
	readonly paragraphsOf: ReadonlyMap<string, readonly Paragraph[]>;
	readonly index: SearchIndex;
}

/** A source with its full text, as the store reads it. */
export interface SourceText {
	readonly source: Source;
	readonly text: string;
}

/** Splits the texts into paragraphs. */
export function paragraphsOf(texts: readonly SourceText[]): Paragraph[] {
	return texts.flatMap(({ source, text }) => splitParagraphs(source, text));
}

export interface CorpusOptions {
	/** The index of these very texts, loaded from the cache; built when absent (the slow part). */
	readonly index?: SearchIndex;
	/** Everyday-English word ranks for a new index (see background.ts). */
	readonly background?: Background;
	/** The texts' paragraphs, when the caller split them already. */
	readonly paragraphs?: readonly Paragraph[];
	/** How a new index analyzes text (the corpus's lexicon); the general tables alone by default. */
	readonly analyzer?: Analyzer;
	/** The engine of a new index: MiniSearch unless told. */
	readonly engine?: EngineName;
}

/** Assembles a corpus from its texts. */
export function createCorpus(texts: readonly SourceText[], options: CorpusOptions = {}): Corpus {
	const paragraphs = options.paragraphs ?? paragraphsOf(texts);
	const byId = new Map(texts.map(({ source }) => [source.id, source]));
	const grouped = new Map<string, Paragraph[]>(texts.map(({ source }) => [source.id, []]));
	for (const p of paragraphs) grouped.get(p.source.id)!.push(p);
	return {
		sources: texts.map((t) => t.source),
		byId,
		paragraphs,
		paragraphsOf: grouped,
		index: options.index ?? buildIndex(paragraphs, options.background, options.analyzer, options.engine),
	};
}

/**
 * A corpus with more sources: their paragraphs are appended (ids of the old ones unchanged) and added
 * to the same index in place, without rebuilding it. Sources whose id the corpus has are skipped.
 * The corpus passed in shares that index and must not be used afterwards.
 */
export function extendCorpus(corpus: Corpus, texts: readonly SourceText[]): Corpus {
	const fresh = texts.filter(({ source }) => !corpus.byId.has(source.id));
	if (fresh.length === 0) return corpus;
	const added = paragraphsOf(fresh);
	const grouped = new Map(corpus.paragraphsOf);
	for (const { source } of fresh) grouped.set(source.id, []);
	for (const p of added) (grouped.get(p.source.id) as Paragraph[]).push(p);
	return {
		sources: [...corpus.sources, ...fresh.map((t) => t.source)],
		byId: new Map([...corpus.byId, ...fresh.map(({ source }) => [source.id, source] as const)]),
		paragraphs: [...corpus.paragraphs, ...added],
		paragraphsOf: grouped,
		index: addToIndex(corpus.index, added),
	};
}
