import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { answer } from '../src/core/answer/answer.js';
import type { Corpus } from '../src/core/corpus.js';
import { evaluate, EvalItemSchema, type EvalItem, type EvalMetrics } from '../src/core/answer/evaluate.js';
import { buildBm25, searchBm25 } from './bm25.js';

/** The eval figures of one question file, ours beside the reference BM25's first paragraph. */
export interface AnswerQualityReport {
	readonly file: string;
	readonly questions: number;
	readonly metrics: EvalMetrics;
	/** Share of answerable questions whose reference-BM25 first paragraph holds a gold string. */
	readonly bm25PassageAt1: number;
	/** Our mean time per question, ms. */
	readonly meanMs: number;
}

export function readEvalItems(path: string): EvalItem[] {
	return readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim().length > 0)
		.map((line) => EvalItemSchema.parse(JSON.parse(line)));
}

/** The first paragraph by the reference BM25, as the paragraph's text. */
function bm25First(corpus: Corpus): (q: string) => string | undefined {
	const index = buildBm25(corpus.paragraphs.map((p, i) => ({ id: String(i), text: `${p.source.title} ${p.text}` })));
	return (q) => {
		const top = searchBm25(index, q, 1)[0];
		return top === undefined ? undefined : corpus.paragraphs[Number(top.id)]!.text;
	};
}

/** Runs `evaluate` (the `cli eval` figures) on each file that exists; missing files are skipped. */
export function benchAnswerQuality(corpus: Corpus, files: readonly string[]): AnswerQualityReport[] {
	const first = bm25First(corpus);
	return files.filter(existsSync).map((file) => {
		const items = readEvalItems(file);
		const started = performance.now();
		const answers = items.map((item) => answer(corpus, item.q));
		const meanMs = (performance.now() - started) / Math.max(1, items.length);
		const { metrics } = evaluate(corpus, items, answers);
		const answerable = items.filter((i) => i.abstain !== true);
		const hits = answerable.filter((i) => {
			const text = first(i.q);
			return text !== undefined && i.gold.some((g) => text.includes(g));
		}).length;
		return {
			file: basename(file),
			questions: items.length,
			metrics,
			bm25PassageAt1: answerable.length === 0 ? Number.NaN : hits / answerable.length,
			meanMs,
		};
	});
}
