import type { Analyzer } from './text/analyze.js';
import { splitParagraphs, type Paragraph, type Source } from './catalog.js';
import type { Background } from './text/background.js';
import { accepts, type DocFilter, type EngineName } from './search/engine.js';

export type { DocFilter } from './search/engine.js';
import { addToIndex, buildIndex, languageOf, type SearchIndex } from './search/search-index.js';
import type { Language } from './text/languages.js';

/** The library number of paragraphs taken out (their source removed or replaced); never allowed. */
export const REMOVED = 0;

/**
 * Everything the core answers from: the sources, their paragraphs, and the index over them. One
 * index holds every library; a corpus is either the whole (every library) or a view of some
 * libraries ({@link viewOf}): a view lists only their sources, and its {@link DocFilter} keeps every
 * search to their paragraphs, while the index's statistics (BM25's document frequencies) stay
 * those of the whole, so a small library's scores are not noise.
 */
export interface Corpus {
	readonly sources: readonly Source[];
	readonly byId: ReadonlyMap<string, Source>;
	/** All paragraphs of all sources; an index document id is a position here. Removed ones stay, filtered. */
	readonly paragraphs: readonly Paragraph[];
	/** Each source's paragraphs, in order. */
	readonly paragraphsOf: ReadonlyMap<string, readonly Paragraph[]>;
	readonly index: SearchIndex;
	/** Library names by number; number {@link REMOVED} is no library. */
	readonly libraryNames: readonly string[];
	/** Each paragraph's library number. */
	readonly libraryOf: Uint32Array;
	/** What searches may return; undefined: every paragraph (a whole corpus with nothing removed). */
	readonly filter?: DocFilter | undefined;
	/** The whole corpus a view was made from; undefined for the whole itself. */
	readonly base?: Corpus;
	/** The libraries a view reads; undefined for the whole. */
	readonly libraries?: readonly string[];
}

/** Whether a search may return paragraph `id`. */
export const visible = (corpus: Corpus, id: number): boolean => accepts(corpus.filter, id);

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

/** Library names and each paragraph's number, the names already known kept at their numbers. */
function numberLibraries(
	paragraphs: readonly Paragraph[],
	known: readonly string[] = [''],
	from?: Uint32Array,
): { libraryNames: string[]; libraryOf: Uint32Array } {
	const libraryNames = [...known];
	const number = new Map(libraryNames.map((name, i) => [name, i]));
	const libraryOf = new Uint32Array(paragraphs.length);
	const start = from?.length ?? 0;
	if (from !== undefined) libraryOf.set(from);
	for (let i = start; i < paragraphs.length; i++) {
		const name = paragraphs[i]!.source.library;
		let n = number.get(name);
		if (n === undefined) {
			n = libraryNames.push(name) - 1;
			number.set(name, n);
		}
		libraryOf[i] = n;
	}
	return { libraryNames, libraryOf };
}

/** The filter of a whole corpus: undefined while nothing is removed, else every library but {@link REMOVED}. */
function wholeFilter(
	libraryNames: readonly string[],
	libraryOf: Uint32Array,
	anyRemoved: boolean,
): DocFilter | undefined {
	if (!anyRemoved) return undefined;
	const allowed = new Uint8Array(libraryNames.length).fill(1);
	allowed[REMOVED] = 0;
	return { libraryOf, allowed };
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
		...numberLibraries(paragraphs),
	};
}

/**
 * A corpus with more sources: their paragraphs are appended (ids of the old ones unchanged) and added
 * to the same index in place, without rebuilding it. Sources whose id the corpus has are skipped.
 * The corpus passed in (a whole one) shares that index and must not be used afterwards.
 */
export function extendCorpus(corpus: Corpus, texts: readonly SourceText[]): Corpus {
	const fresh = texts.filter(({ source }) => !corpus.byId.has(source.id));
	if (fresh.length === 0) return corpus;
	const added = paragraphsOf(fresh);
	const grouped = new Map(corpus.paragraphsOf);
	for (const { source } of fresh) grouped.set(source.id, []);
	for (const p of added) (grouped.get(p.source.id) as Paragraph[]).push(p);
	const paragraphs = [...corpus.paragraphs, ...added];
	const libraries = numberLibraries(paragraphs, corpus.libraryNames, corpus.libraryOf);
	return {
		sources: [...corpus.sources, ...fresh.map((t) => t.source)],
		byId: new Map([...corpus.byId, ...fresh.map(({ source }) => [source.id, source] as const)]),
		paragraphs,
		paragraphsOf: grouped,
		index: addToIndex(corpus.index, added),
		...libraries,
		filter: wholeFilter(libraries.libraryNames, libraries.libraryOf, corpus.filter !== undefined),
	};
}

/**
 * A (whole) corpus without these sources: they are no longer listed, and their paragraphs stay in
 * the index but are filtered out of every search ({@link REMOVED}) until the next start rebuilds
 * the index without them. A source can then be added again under the same id (a new version).
 */
export function removeFromCorpus(corpus: Corpus, ids: readonly string[]): Corpus {
	const gone = new Set(ids.filter((id) => corpus.byId.has(id)));
	if (gone.size === 0) return corpus;
	const libraryOf = Uint32Array.from(corpus.libraryOf);
	for (const id of gone) {
		const first = corpus.paragraphsOf.get(id)?.[0];
		if (first === undefined) continue;
		// A source's paragraphs are consecutive in the index: found from the first one's position.
		let at = corpus.paragraphs.indexOf(first);
		for (const p of corpus.paragraphsOf.get(id)!) if (corpus.paragraphs[at] === p) libraryOf[at++] = REMOVED;
	}
	const paragraphsOf = new Map(corpus.paragraphsOf);
	for (const id of gone) paragraphsOf.delete(id);
	return {
		...corpus,
		sources: corpus.sources.filter((s) => !gone.has(s.id)),
		byId: new Map([...corpus.byId].filter(([id]) => !gone.has(id))),
		paragraphsOf,
		libraryOf,
		filter: wholeFilter(corpus.libraryNames, libraryOf, true),
	};
}

const languageMemo = new WeakMap<Corpus, readonly Language[]>();

/** The languages other than English a corpus's (or a view's) sources are written in, sorted: questions are read in each too. */
export function corpusLanguages(corpus: Corpus): readonly Language[] {
	let found = languageMemo.get(corpus);
	if (found === undefined) {
		const languages = new Set<Language>();
		for (const s of corpus.sources) {
			const language = languageOf(s);
			if (language !== undefined) languages.add(language);
		}
		found = [...languages].sort();
		languageMemo.set(corpus, found);
	}
	return found;
}

const views = new WeakMap<Corpus, Map<string, Corpus>>();
const byLibrary = new WeakMap<Corpus, Map<string, Source[]>>();

/** A whole corpus's sources by library, in catalog order: a view is then made in the time of its own sources. */
function sourcesByLibrary(whole: Corpus): Map<string, Source[]> {
	let grouped = byLibrary.get(whole);
	if (grouped !== undefined) return grouped;
	grouped = new Map();
	for (const s of whole.sources) {
		const list = grouped.get(s.library);
		if (list === undefined) grouped.set(s.library, [s]);
		else list.push(s);
	}
	byLibrary.set(whole, grouped);
	return grouped;
}
/** Views kept per whole corpus (one per server seen lately); the oldest made is dropped past this. */
const MAX_VIEWS = 512;

/**
 * The corpus as seen by a reader of `libraries` (`shared`, and a server's own): their sources
 * only, every search filtered to their paragraphs, the index and its statistics shared. Made once
 * per whole corpus and set of libraries, so answers remembered for a view are that view's alone.
 */
export function viewOf(corpus: Corpus, libraries: readonly string[]): Corpus {
	const whole = corpus.base ?? corpus;
	const names = [...new Set(libraries)].sort();
	const key = names.join('\n');
	let kept = views.get(whole);
	if (kept === undefined) views.set(whole, (kept = new Map<string, Corpus>()));
	const known = kept.get(key);
	if (known !== undefined) return known;
	const wanted = new Set(names);
	const allowed = new Uint8Array(whole.libraryNames.length);
	whole.libraryNames.forEach((name, i) => {
		if (i !== REMOVED && wanted.has(name)) allowed[i] = 1;
	});
	// A server's library first (names sort "guild:…" before "shared"), each in catalog order.
	const sources = names.flatMap((name) => sourcesByLibrary(whole).get(name) ?? []);
	const view: Corpus = {
		...whole,
		sources,
		byId: new Map(sources.map((s) => [s.id, s])),
		paragraphsOf: new Map(sources.map((s) => [s.id, whole.paragraphsOf.get(s.id) ?? []])),
		filter: { libraryOf: whole.libraryOf, allowed },
		base: whole,
		libraries: names,
	};
	if (kept.size >= MAX_VIEWS) kept.delete(kept.keys().next().value!);
	kept.set(key, view);
	return view;
}
