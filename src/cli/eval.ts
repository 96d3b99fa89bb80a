import { readFile } from 'node:fs/promises';
import { answer } from '../core/answer/answer.js';
import type { Corpus } from '../core/corpus.js';
import { evaluate, EvalItemSchema, type EvalItem, type EvalMetrics } from '../core/answer/evaluate.js';
import { UsageError } from '../env.js';
import { parseCommandArgs } from './args.js';

async function readItems(path: string): Promise<EvalItem[]> {
	let raw: string;
	try {
		raw = await readFile(path, 'utf8');
	} catch {
		throw new UsageError(`cannot read ${path}`);
	}
	return raw
		.split('\n')
		.map((line, i) => ({ line: line.trim(), n: i + 1 }))
		.filter(({ line }) => line.length > 0)
		.map(({ line, n }) => {
			try {
				return EvalItemSchema.parse(JSON.parse(line));
			} catch {
				throw new UsageError(`${path}:${n}: expected {"id", "q", "gold": [...], "abstain"?: true}`);
			}
		});
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

function formatMetrics(m: EvalMetrics, questions: number, meanMs: number): string {
	return [
		`questions      ${questions} (${m.answerable} answerable, ${m.unanswerable} to abstain on)`,
		`quote@1        ${pct(m.quoteAt1)}`,
		`quote@3        ${pct(m.quoteAt3)}`,
		`passage@1      ${pct(m.passageAt1)}`,
		`abstain        ${pct(m.abstain)}`,
		`false abstain  ${pct(m.falseAbstain)}`,
		`integrity      ${pct(m.integrity)}`,
		`mean time      ${meanMs.toFixed(2)} ms per question`,
	].join('\n');
}

/** `eval <file.jsonl> [--json]`: the metrics of ../shared/eval/README.md, then the misses. */
export async function runEval(args: string[], corpus: Corpus, write: (s: string) => void): Promise<void> {
	const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
	if (positionals.length !== 1) throw new UsageError('eval needs one file: eval <file.jsonl> [--json]');
	const items = await readItems(positionals[0]!);
	const started = performance.now();
	const answers = items.map((item) => answer(corpus, item.q));
	const meanMs = items.length === 0 ? 0 : (performance.now() - started) / items.length;
	const { metrics, misses } = evaluate(corpus, items, answers);
	if (values.json === true) {
		write(JSON.stringify({ metrics, meanMs, misses }, null, 2));
		return;
	}
	write(formatMetrics(metrics, items.length, meanMs));
	write(misses.length === 0 ? '\nno misses' : `\nmisses (${misses.length}):`);
	for (const m of misses)
		write(`  ${m.id}  ${m.kind}: ${m.question}${m.shown ? `\n        shown: ${m.shown.slice(0, 160)}` : ''}`);
}
