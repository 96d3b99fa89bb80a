import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answer, type AnswerOptions } from '../src/core/answer/answer.js';
import type { Source } from '../src/core/catalog.js';
import type { EngineName } from '../src/core/search/engine.js';
import { createCorpus, type Corpus, type SourceText } from '../src/core/corpus.js';
import type { Background } from '../src/core/text/background.js';
import { buildBm25, searchBm25 } from './bm25.js';
import { scoreRankings, type Judgments, type RankingMetrics } from './metrics.js';

/** One abstract of `docs.jsonl`. */
export interface CranfieldDoc {
	readonly id: string;
	readonly title: string;
	readonly author: string;
	readonly text: string;
}

export interface Cranfield {
	readonly docs: readonly CranfieldDoc[];
	readonly queries: ReadonlyArray<{ readonly id: string; readonly q: string }>;
	/** Query id (its position in cran.qry) → document id → grade 1..4 (1 best). */
	readonly qrels: ReadonlyMap<string, Judgments>;
}

/** Cranfield grades run the other way from gains: 1 is "a complete answer" (see PROVENANCE.md, trap 3). */
export const cranfieldGain = (grade: number): number => 5 - grade;

/** Results asked of every system: MAP is measured at 100. */
export const CRANFIELD_DEPTH = 100;

const jsonLines = <T>(path: string): T[] =>
	readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim().length > 0)
		.map((line) => JSON.parse(line) as T);

/** Reads the converted collection, or undefined when the directory is absent. */
export function loadCranfield(dir: string): Cranfield | undefined {
	if (!existsSync(join(dir, 'docs.jsonl'))) return undefined;
	const qrels = new Map<string, Map<string, number>>();
	for (const line of readFileSync(join(dir, 'qrels.tsv'), 'utf8').split(/\r?\n/)) {
		const [query, doc, grade] = line.trim().split(/\s+/);
		if (query === undefined || doc === undefined || grade === undefined) continue;
		const judged = qrels.get(query) ?? new Map<string, number>();
		judged.set(doc, Number(grade));
		qrels.set(query, judged);
	}
	return { docs: jsonLines(join(dir, 'docs.jsonl')), queries: jsonLines(join(dir, 'queries.jsonl')), qrels };
}

/**
 * How an abstract's title reaches our index: as the source title (`title`, the natural conversion),
 * or not at all (`none`: a title of punctuation, which analyzes to no terms). Documents 471 and 995
 * have no title; the catalog needs one, so they get a placeholder either way.
 */
export type TitleMode = 'title' | 'none';

/** The collection as our sources: one per abstract, the abstract its only paragraph. */
export function cranfieldTexts(docs: readonly CranfieldDoc[], titles: TitleMode = 'title'): SourceText[] {
	return docs.map((d) => {
		const source: Source = {
			id: d.id,
			file: `${d.id}.txt`,
			title: titles === 'title' && d.title.trim().length > 0 ? d.title : '-',
			publisher: 'Cranfield II',
			url: `https://ir.dcs.gla.ac.uk/resources/test_collections/cran/#${d.id}`,
			published: '1968-01-01',
			library: 'shared',
			authors: d.author.length > 0 ? [d.author] : [],
		};
		return { source, text: d.text };
	});
}

export function cranfieldCorpus(
	data: Cranfield,
	background: Background,
	titles: TitleMode = 'title',
	engine: EngineName = 'minisearch',
): Corpus {
	return createCorpus(cranfieldTexts(data.docs, titles), { background, engine });
}

export type Rankings = Map<string, string[]>;

/** Our ranking: `answer` with 100 results and no abstention, the source id of each result. */
export function rankOurs(corpus: Corpus, data: Cranfield, options: AnswerOptions = {}): Rankings {
	return new Map(
		data.queries.map((q) => [
			q.id,
			answer(corpus, q.q, { ...options, top: CRANFIELD_DEPTH, abstain: false }).results.map((r) => r.source.id),
		]),
	);
}

/** The reference BM25 over title + " " + text as one field, as PROVENANCE.md's reference values. */
export function rankBm25(data: Cranfield): Rankings {
	const index = buildBm25(data.docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` })));
	return new Map(data.queries.map((q) => [q.id, searchBm25(index, q.q, CRANFIELD_DEPTH).map((r) => r.id)]));
}

/** MiniSearch with default options over the same title + text, default search. */
export function rankMiniSearch(data: Cranfield): Rankings {
	const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
	mini.addAll(data.docs.map((d) => ({ id: d.id, text: `${d.title} ${d.text}` })));
	return new Map(
		data.queries.map((q) => [
			q.id,
			mini
				.search(q.q)
				.slice(0, CRANFIELD_DEPTH)
				.map((r) => String(r.id)),
		]),
	);
}

export interface CranfieldReport {
	readonly docs: number;
	readonly queries: number;
	readonly ours: RankingMetrics;
	readonly bm25: RankingMetrics;
	readonly minisearch: RankingMetrics;
	/** Ours with the other engine than `corpus`'s (the column engine, when the corpus runs MiniSearch). */
	readonly other?: { readonly engine: EngineName; readonly metrics: RankingMetrics; readonly ms: number };
	/** Wall time of our 225 answers, ms. */
	readonly oursMs: number;
}

/** Runs the three systems over every query and scores them. */
export function benchCranfield(data: Cranfield, corpus: Corpus, other?: Corpus): CranfieldReport {
	const score = (r: Rankings) => scoreRankings(r, data.qrels, cranfieldGain);
	const started = performance.now();
	const ours = rankOurs(corpus, data);
	const oursMs = performance.now() - started;
	const otherStarted = performance.now();
	const second =
		other === undefined ? undefined : { engine: other.index.engine.name, metrics: score(rankOurs(other, data)), ms: 0 };
	return {
		docs: data.docs.length,
		queries: data.queries.length,
		ours: score(ours),
		bm25: score(rankBm25(data)),
		minisearch: score(rankMiniSearch(data)),
		...(second === undefined ? {} : { other: { ...second, ms: performance.now() - otherStarted } }),
		oursMs,
	};
}
