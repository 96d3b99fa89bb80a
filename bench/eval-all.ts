import { answer, type AnswerOptions } from '../src/core/answer/answer.js';
import { evaluate, type EvalMetrics } from '../src/core/answer/evaluate.js';
import { benchExactWindows, sampleWindows } from './exact-windows.js';
import { loadEvalSets, type EvalSet } from './eval-sets.js';

/** One row of the table: a set's figures. */
export interface SetRow {
	readonly set: string;
	readonly questions: number;
	readonly metrics: EvalMetrics;
	readonly meanMs: number;
	readonly misses: ReturnType<typeof evaluate>['misses'];
}

/** A share as the tables print it: three decimals, a dash when there was nothing to count. */
export const formatShare = (x: number) => (Number.isNaN(x) ? '  –  ' : x.toFixed(3));
const f = formatShare;

/** The table of every set, a row each, as the closing notes and the README print it. */
export function formatRows(rows: readonly SetRow[]): string {
	const head = '| set | questions | quote@1 | quote@3 | passage@1 | abstain | false abstain | integrity | ms/q |';
	const lines = rows.map(
		(r) =>
			`| ${r.set} | ${r.questions} | ${f(r.metrics.quoteAt1)} | ${f(r.metrics.quoteAt3)} | ${f(r.metrics.passageAt1)} | ${f(r.metrics.abstain)} | ${f(r.metrics.falseAbstain)} | ${f(r.metrics.integrity)} | ${r.meanMs.toFixed(2)} |`,
	);
	return [head, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}

/** Runs every eval set through `answer` as `cli eval` does. */
export async function evalAll(names?: readonly string[]): Promise<SetRow[]> {
	return evalSets(await loadEvalSets(names));
}

/** Runs loaded eval sets through `answer` with `options` (`npm run sweep`: one tuning a run). */
export function evalSets(sets: readonly EvalSet[], options?: AnswerOptions): SetRow[] {
	const rows: SetRow[] = [];
	for (const set of sets) {
		const started = performance.now();
		const answers = set.items.map((item) => answer(set.corpus, item.q, options));
		const meanMs = (performance.now() - started) / Math.max(1, set.items.length);
		const { metrics, misses } = evaluate(set.corpus, set.items, answers);
		rows.push({ set: set.name, questions: set.items.length, metrics, meanMs, misses });
	}
	return rows;
}

/** Exact windows (3–8 words pasted from a paragraph), 200 per corpus: the paragraph first and in the top 3, ours beside MiniSearch defaults. */
export async function exactWindowRows(seed = 19): Promise<string> {
	const lines = [
		'| windows from | n | ours first | ours top 3 | ours answered | MiniSearch first | MiniSearch top 3 |',
		'| --- | --- | --- | --- | --- | --- | --- |',
	];
	const seen = new Set<string>();
	for (const set of await loadEvalSets()) {
		if (seen.has(set.corpusName)) continue;
		seen.add(set.corpusName);
		// fresh-dev: windows from its own articles only (the default corpus has its row).
		const { ours, minisearch } = benchExactWindows(set.corpus, sampleWindows(set.corpus, 200, seed, set.own));
		lines.push(
			`| ${set.corpusName === 'fresh' ? 'fresh-dev articles' : 'default corpus'} | ${ours.windows} | ${f(ours.first)} | ${f(ours.top3)} | ${f(ours.answered)} | ${f(minisearch.first)} | ${f(minisearch.top3)} |`,
		);
	}
	return lines.join('\n');
}

if (process.argv[1]?.endsWith('eval-all.js')) {
	const args = process.argv.slice(2);
	const rows = await evalAll(
		args.filter((a) => !a.startsWith('--')).length > 0 ? args.filter((a) => !a.startsWith('--')) : undefined,
	);
	if (args.includes('--json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
	else {
		process.stdout.write(`${formatRows(rows)}\n\n${await exactWindowRows()}\n`);
		if (args.includes('--misses'))
			for (const r of rows)
				for (const m of r.misses)
					process.stdout.write(
						`${r.set} ${m.id} ${m.kind}: ${m.question}\n    shown: ${(m.shown ?? '').slice(0, 150)}\n`,
					);
	}
}
