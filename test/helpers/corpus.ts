import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/app.js';
import { parseCatalog } from '../../src/core/catalog.js';
import { createAnalyzer } from '../../src/core/text/analyze.js';
import { createCorpus, type Corpus } from '../../src/core/corpus.js';
import { CorpusLexiconSchema, EMPTY_LEXICON } from '../../src/core/text/corpus-lexicon.js';
import { loadBackground } from '../../src/store/data-dir.js';

/** The project's root, from the test sources and from their build in dist/test/helpers (the bench drives the fake Discord). */
export const ROOT = projectRoot();
export const DEFAULT_DATA = join(ROOT, 'index-data');
export const FIXTURE_DATA = join(ROOT, 'test', 'fixtures', 'corpus');

/** Questions the default corpus (index-data/) answers, for load tests and the Discord bench. */
export const SAMPLE_QUESTIONS = [
	'Who leads the Turkish delegation to Armenia?',
	'Who is Philip Gamaghelyan?',
	'What did the president say?',
	'When will the border open?',
	'What is minilateralism?',
	'Who is Ian Borg?',
] as const;

const cache = new Map<string, Corpus>();

/** A data directory's lexicon.json (see src/store/lexicon-file.ts), or none. */
function lexiconOf(dir: string) {
	const path = join(dir, 'lexicon.json');
	return existsSync(path) ? CorpusLexiconSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : EMPTY_LEXICON;
}

/** A corpus read straight from a data directory (no cache), with its lexicon.json, memoized per test file. */
export function corpusFrom(dir: string): Corpus {
	let corpus = cache.get(dir);
	if (corpus === undefined) {
		const { sources } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
		const texts = sources.map((source) => ({ source, text: readFileSync(join(dir, source.file), 'utf8') }));
		const analyzer = createAnalyzer(lexiconOf(dir));
		corpus = createCorpus(texts, { background: loadBackground(analyzer), analyzer });
		cache.set(dir, corpus);
	}
	return corpus;
}
