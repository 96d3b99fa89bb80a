import type { Source } from '../core/catalog.js';
import { extendCorpus, type Corpus, type SourceText } from '../core/corpus.js';
import { extendTimeline } from '../core/dates/timeline.js';
import type { Problem } from '../core/result.js';
import { readSources, readSourceText } from './catalog-file.js';

/** The corpus with the sources added to the catalog since it was loaded, and what was added. */
export interface Refreshed {
	readonly corpus: Corpus;
	readonly added: readonly Source[];
	/** New catalog entries whose file could not be read (left for the next refresh). */
	readonly problems: readonly Problem[];
}

/**
 * Reads the catalog again and adds its new sources (ids the corpus lacks) to the live index in
 * place, with `extendCorpus`: no rebuild, no restart. As with `extendCorpus`, the corpus passed in
 * shares its index with the one returned and must not be used afterwards; hold the corpus in one
 * place and swap it. The timeline, if it was computed, is carried over too (only the new sources are
 * read for dates). Sources changed or removed on disk are left as they are until a restart.
 */
export async function refreshCorpus(corpus: Corpus, dataDir: string): Promise<Refreshed> {
	const fresh = (await readSources(dataDir)).filter((s) => !corpus.byId.has(s.id));
	const texts: SourceText[] = [];
	const problems: Problem[] = [];
	for (const source of fresh) {
		const text = await readSourceText(dataDir, source);
		if (text === undefined) problems.push({ id: source.id, field: 'file', message: `cannot read ${source.file}` });
		else texts.push({ source, text });
	}
	if (texts.length === 0) return { corpus, added: [], problems };
	const added = texts.map((t) => t.source);
	const next = extendCorpus(corpus, texts);
	extendTimeline(corpus, next, added);
	return { corpus: next, added, problems };
}
