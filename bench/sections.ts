import { CANDIDATE_TUNING } from '../src/core/answer/answer.js';
import type { AnswerQualityReport } from './answer-quality.js';
import type { Diagnostic } from './cranfield-diagnose.js';
import type { CranfieldReport } from './cranfield.js';
import type { RankingMetrics } from './metrics.js';
import { AUTO_COLUMNAR_AT, ENGINE_NAMES, type EngineName } from '../src/core/search/engine.js';
import type { ScaleReport } from './scale.js';
import { GUILDS, LIBRARIES_GOAL, SOURCES_PER_GUILD, type LibrariesReport } from './libraries.js';
import type { Row, Section } from './table.js';

const MB = 1024 * 1024;

function rankingRows(prefix: string, m: RankingMetrics, ref: RankingMetrics): Row[] {
	return [
		{ figure: `${prefix}MAP`, ours: m.map, baseline: ref.map, digits: 4 },
		{ figure: `${prefix}nDCG@10`, ours: m.ndcg10, baseline: ref.ndcg10, digits: 4 },
		{ figure: `${prefix}R@100`, ours: m.recall100, baseline: ref.recall100, digits: 4 },
		{ figure: `${prefix}P@10`, ours: m.p10, baseline: ref.p10, digits: 4 },
		{ figure: `${prefix}MRR`, ours: m.mrr, baseline: ref.mrr, digits: 4 },
		{ figure: `${prefix}results returned per query`, ours: m.meanReturned, baseline: ref.meanReturned, digits: 1 },
	];
}

export function cranfieldSection(r: CranfieldReport): Section {
	return {
		title: `Ranking quality: Cranfield (${r.docs} abstracts, ${r.queries} queries, graded qrels, gain 5 − grade)`,
		baseline: 'BM25 ref',
		rows: [
			...rankingRows('', r.ours, r.bm25),
			{ figure: 'MiniSearch defaults: MAP', ours: r.minisearch.map, baseline: r.bm25.map, digits: 4 },
			{ figure: 'MiniSearch defaults: nDCG@10', ours: r.minisearch.ndcg10, baseline: r.bm25.ndcg10, digits: 4 },
			{ figure: 'MiniSearch defaults: R@100', ours: r.minisearch.recall100, baseline: r.bm25.recall100, digits: 4 },
			...(r.other === undefined
				? []
				: rankingRows(`ours with the ${r.other.engine} engine: `, r.other.metrics, r.bm25).slice(0, 2)),
		],
		notes: [
			'ours: answer(corpus, q, { top: 100, abstain: false }), a source per abstract, its title as the source title; first pass through MiniSearch (what SEARCH_ENGINE=auto picks at this size)',
			'BM25 ref: bench/bm25.ts, k1 1.2, b 0.75, Lucene idf, NLTK stop list, Porter, title + text (PROVENANCE.md: MAP 0.3114, nDCG@10 0.3732)',
			'MiniSearch defaults: new MiniSearch({ fields: ["text"] }) over title + text, search(q) with default options',
			`our ${r.queries} answers took ${Math.round(r.oursMs)} ms`,
		],
	};
}

export function diagnosticsSection(diagnostics: readonly Diagnostic[], ref: RankingMetrics): Section {
	return {
		title: 'Ranking diagnostics: where Cranfield MAP goes (one change at a time)',
		baseline: 'BM25 ref',
		rows: diagnostics.map((d) => ({ figure: `MAP, ${d.name}`, ours: d.metrics.map, baseline: ref.map, digits: 4 })),
		notes: [
			`stage 1 = answer()'s firstPass (BM25 over our postings, then RM3 feedback); answer() re-ranks its first ${CANDIDATE_TUNING.candidates} (candidates.candidates) by excerpt`,
			'nDCG@10 and the rest in --json',
		],
	};
}

export function qualitySection(reports: readonly AnswerQualityReport[]): Section {
	return {
		title: 'Answer quality: evaluate() on the default corpus (index-data), default options',
		baseline: 'BM25 ref',
		rows: reports.flatMap((r) => [
			{ figure: `${r.file} (${r.questions}, ${r.metrics.unanswerable} to abstain): quote@1`, ours: r.metrics.quoteAt1 },
			{ figure: `${r.file}: quote@3`, ours: r.metrics.quoteAt3 },
			{ figure: `${r.file}: passage@1`, ours: r.metrics.passageAt1, baseline: r.bm25PassageAt1 },
			{ figure: `${r.file}: abstain`, ours: r.metrics.abstain },
			{ figure: `${r.file}: false abstain`, ours: r.metrics.falseAbstain },
			{ figure: `${r.file}: integrity`, ours: r.metrics.integrity },
			{ figure: `${r.file}: mean ms per question`, ours: r.meanMs, digits: 2 },
		]),
		notes: [
			'BM25 ref passage@1: the reference BM25 first paragraph (title + text) holds a gold string; it never abstains',
		],
	};
}

const mb = (x: number | undefined) => (x === undefined ? undefined : x / MB);

const ENGINE_LABEL: Record<EngineName, string> = { minisearch: 'MiniSearch engine', columnar: 'column engine' };

export function scaleSection(r: ScaleReport): Section {
	const m = r.minisearch;
	const row = (figure: string, ours: number | undefined, base: number | undefined, digits = 1): Row =>
		ours === undefined ? { figure, ours: 'failed', baseline: base, digits } : { figure, ours, baseline: base, digits };
	const rows = (engine: EngineName): Row[] => {
		const o = r.engines[engine];
		const at = (figure: string) => `${ENGINE_LABEL[engine]}${engine === r.auto ? ' (auto)' : ''}: ${figure}`;
		return [
			row(at('build index, ms'), o.build?.buildMs, m.build?.buildMs, 0),
			row(at('heap + buffers after build, MB'), mb(o.build?.heap), mb(m.build?.heap), 0),
			row(at('save cache, ms'), o.build?.save.ms, m.build?.save.ms, 0),
			row(at('cache on disk, MB'), mb(o.build?.save.bytes), mb(m.build?.save.bytes), 1),
			row(at('cold start: load from cache, ms'), o.load?.loadMs, m.load?.loadMs, 0),
			row(at('cold start: process start to ready, ms'), o.load?.processReadyMs, m.load?.processReadyMs, 0),
			row(at('heap + buffers after cold start, MB'), mb(o.load?.heap), mb(m.load?.heap), 0),
			row(at('/ask p50, ms'), o.load?.ask.p50, m.load?.ask.p50, 2),
			row(at('/ask p95, ms'), o.load?.ask.p95, m.load?.ask.p95, 2),
			row(at('/ask p99, ms'), o.load?.ask.p99, m.load?.ask.p99, 2),
			row(at('questions answered (MiniSearch: any hit)'), o.load?.ask.answered, m.load?.ask.answered, 3),
		];
	};
	const first = r.engines.columnar.build ?? r.engines.minisearch.build;
	return {
		title: `Speed and memory: generated news, ${r.paragraphs.toLocaleString('en-US')} paragraphs, ${r.questions} questions`,
		baseline: 'MiniSearch',
		rows: [row('read texts, ms', first?.readMs, m.build?.readMs, 0), ...ENGINE_NAMES.flatMap(rows)],
		notes: [
			`corpus: ${r.dir}${r.generateMs > 0 ? ` (generated in ${Math.round(r.generateMs)} ms)` : ' (reused)'}; texts ${mb(first?.textBytes)?.toFixed(1) ?? '?'} MB`,
			`ours: the whole pipeline with each engine (createCorpus + cache in .cache/, loadDataDir in a fresh process, answer(corpus, q) as /ask); SEARCH_ENGINE=auto picks the ${ENGINE_LABEL[r.auto]} here (MiniSearch up to ${AUTO_COLUMNAR_AT.toLocaleString('en-US')} paragraphs)`,
			`baseline: MiniSearch with its defaults, toJSON/loadJSON, search(q) on the question as typed (no ranking, no quotes)`,
			`heap + buffers: V8 heap in use after a full collection plus ArrayBuffers (the column engine's postings live there); heap limit of the workers: ${ENGINE_NAMES.map((e) => `${ENGINE_LABEL[e]} ${((r.engines[e].build?.heapLimit ?? 0) / MB).toFixed(0)} MB`).join(', ')}, baseline ${((m.build?.heapLimit ?? 0) / MB).toFixed(0)} MB`,
			...ENGINE_NAMES.flatMap((e) => r.engines[e].errors.map((x) => `${ENGINE_LABEL[e]}: ${x}`)),
			...m.errors.map((e) => `MiniSearch baseline: ${e}`),
			...ENGINE_NAMES.flatMap((e) =>
				r.engines[e].build?.save.error === undefined
					? []
					: [`${ENGINE_LABEL[e]}: the cache was not saved: ${r.engines[e].build.save.error}`],
			),
		],
	};
}

/** One table of both engines over every size: what `auto` is decided on. */
export function enginesSection(reports: readonly ScaleReport[]): Section {
	const rows: Row[] = reports.flatMap((r) => {
		const mini = r.engines.minisearch.load;
		const col = r.engines.columnar.load;
		const size = r.paragraphs.toLocaleString('en-US');
		const figure = (f: number | undefined) => (f === undefined ? 'failed' : f);
		return [
			{
				figure: `${size}: /ask p50, ms (MiniSearch engine vs column engine)`,
				ours: figure(mini?.ask.p50),
				baseline: col?.ask.p50,
				digits: 2,
			},
			{ figure: `${size}: /ask p95, ms`, ours: figure(mini?.ask.p95), baseline: col?.ask.p95, digits: 2 },
			{ figure: `${size}: cold start, ms`, ours: figure(mini?.loadMs), baseline: col?.loadMs, digits: 0 },
			{
				figure: `${size}: build, ms`,
				ours: figure(r.engines.minisearch.build?.buildMs),
				baseline: r.engines.columnar.build?.buildMs,
				digits: 0,
			},
			{ figure: `${size}: answered`, ours: figure(mini?.ask.answered), baseline: col?.ask.answered, digits: 3 },
		];
	});
	return {
		title: 'Search engines side by side: MiniSearch (figure) against the column engine (baseline)',
		baseline: 'column engine',
		rows,
		notes: [
			`SEARCH_ENGINE=auto runs MiniSearch up to ${AUTO_COLUMNAR_AT.toLocaleString('en-US')} paragraphs and the column engine above: ${reports.map((r) => `${r.paragraphs.toLocaleString('en-US')} → ${r.auto}`).join(', ')}`,
		],
	};
}

/** /ask over many server libraries in one index against the same paragraphs shared alone. */
export function librariesSection(r: LibrariesReport): Section {
	const title = `Server libraries: /ask p95 with ${GUILDS.toLocaleString('en-US')} server libraries of ${SOURCES_PER_GUILD} sources each, beside the same paragraphs in the shared library alone (goal: within ${LIBRARIES_GOAL}×)`;
	const f = r.figures;
	if (f === undefined) return { title, baseline: 'shared alone', rows: [], notes: [`failed: ${r.error ?? '?'}`] };
	const ratio = f.randomGuild.p95 / f.shared.p95;
	return {
		title,
		baseline: 'shared alone',
		rows: [
			{
				figure: '/ask p95, ms (a random server per question)',
				ours: f.randomGuild.p95,
				baseline: f.shared.p95,
				digits: 2,
			},
			{
				figure: '/ask p50, ms (a random server per question)',
				ours: f.randomGuild.p50,
				baseline: f.shared.p50,
				digits: 2,
			},
			{
				figure: "/ask p95, ms (the server holding the question's paragraph)",
				ours: f.ownGuild.p95,
				baseline: f.shared.p95,
				digits: 2,
			},
			{
				figure: "/ask p50, ms (the server holding the question's paragraph)",
				ours: f.ownGuild.p50,
				baseline: f.shared.p50,
				digits: 2,
			},
			{ figure: 'answered (a random server)', ours: f.randomGuild.answered, baseline: f.shared.answered, digits: 3 },
			{
				figure: 'answered (the server holding the paragraph)',
				ours: f.ownGuild.answered,
				baseline: f.shared.answered,
				digits: 3,
			},
			{ figure: 'build index, ms', ours: f.buildGuildsMs, baseline: f.buildSharedMs, digits: 0 },
			{
				figure: `results from a library the view does not read (of ${f.checked.toLocaleString('en-US')})`,
				ours: f.violations,
				baseline: '0 expected',
				digits: 0,
			},
		],
		notes: [
			`goal: p95 within ${LIBRARIES_GOAL}× of the shared library alone: ${ratio.toFixed(2)}×, ${ratio <= LIBRARIES_GOAL ? 'met' : 'NOT met'}`,
			`corpus: the ${f.paragraphs.toLocaleString('en-US')} paragraphs of ${r.dir} cut into ${f.sources.toLocaleString('en-US')} sources of ${(f.paragraphs / f.sources).toFixed(0)} consecutive paragraphs (each keeping its first paragraph's article title), built twice with the ${r.engine} engine: every source in 'shared' (baseline), and source i in 'guild:<100000000000000001 + i mod ${GUILDS}>' (${SOURCES_PER_GUILD} sources, ${((f.paragraphs / f.sources) * SOURCES_PER_GUILD).toFixed(0)} paragraphs a server)`,
			`ours: answer(viewOf(corpus, readableLibraries('guild:<id>')), q, { memo: false }); baseline: answer(viewOf(sharedCorpus, ['shared']), q, { memo: false }); ${f.questions} questions (the scale section's), after 20 warm-up, the three runs interleaved per question in one fresh process`,
			`a random server's view holds 1/${GUILDS} of the paragraphs, so most of its questions are not about it; the server holding the question's paragraph is the case where it answers`,
			`views made outside the timing: ${f.viewMs.toFixed(2)} ms a view, mean over the ${2 * f.questions + 1} asked for (a server's first question pays it; the last 512 are kept)`,
			`guard: every result of both server passes (warm-up and timed), plus an untimed pass of top 10 without abstaining, must come from the asked server's library`,
		],
	};
}
