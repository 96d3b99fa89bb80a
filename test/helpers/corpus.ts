import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/app.js';
import { parseCatalog } from '../../src/core/catalog.js';
import { createCorpus, type Corpus } from '../../src/core/corpus.js';
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

/** A corpus read straight from a data directory (no cache), memoized per test file. */
export function corpusFrom(dir: string): Corpus {
	let corpus = cache.get(dir);
	if (corpus === undefined) {
		const { sources } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
		const texts = sources.map((source) => ({ source, text: readFileSync(join(dir, source.file), 'utf8') }));
		corpus = createCorpus(texts, { background: loadBackground() });
		cache.set(dir, corpus);
	}
	return corpus;
}
