import { createInterface } from 'node:readline';
import { z } from 'zod';
import { MAX_QUESTION_LENGTH } from '../../commands/ask.js';
import { answer, type Answer } from '../core/answer/answer.js';
import type { Corpus } from '../core/corpus.js';
import { renderAnswer, replyToText } from '../core/render/render.js';
import { UsageError } from '../env.js';
import { parseCommandArgs, positiveInt } from './args.js';

const LineSchema = z.object({ id: z.union([z.string(), z.number()]).optional(), q: z.string() });

/** Answers and times the core's work alone (`tookMs`), in milliseconds to a microsecond. */
function timedAnswer(corpus: Corpus, question: string, top: number, abstain: boolean): Answer & { tookMs: number } {
	const started = performance.now();
	const result = answer(corpus, question, { top, abstain });
	const tookMs = Math.round((performance.now() - started) * 1000) / 1000;
	return { ...result, tookMs };
}

function checkQuestion(question: string): string {
	const q = question.trim();
	if (q.length === 0) throw new UsageError('the question is empty: ask "<question>"');
	if (q.length > MAX_QUESTION_LENGTH * 10)
		throw new UsageError(`the question is ${q.length} characters long; the limit is ${MAX_QUESTION_LENGTH * 10}`);
	return q;
}

async function askLines(corpus: Corpus, top: number, abstain: boolean, write: (s: string) => void): Promise<void> {
	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	let n = 0;
	for await (const line of lines) {
		n++;
		let id: string | number | undefined;
		try {
			const json: unknown = JSON.parse(line);
			const idOnly = z.object({ id: z.union([z.string(), z.number()]) }).safeParse(json);
			if (idOnly.success) id = idOnly.data.id;
			const parsed = LineSchema.safeParse(json);
			if (!parsed.success) throw new Error(`line ${n}: expected {"id"?: string, "q": string}`);
			const q = parsed.data.q.trim();
			if (q.length === 0) throw new Error(`line ${n}: the question is empty`);
			if (q.length > MAX_QUESTION_LENGTH * 10) throw new Error(`line ${n}: the question is too long`);
			write(JSON.stringify({ id, ...timedAnswer(corpus, q, top, abstain) }));
		} catch (error) {
			const message =
				error instanceof SyntaxError ? `line ${n}: not JSON (${error.message})` : (error as Error).message;
			write(JSON.stringify({ id: id ?? null, error: message }));
		}
	}
}

/** `ask "<question>" [--top N] [--json] [--no-abstain]` and `ask --jsonl`. */
export async function runAsk(args: string[], corpus: Corpus, write: (s: string) => void): Promise<void> {
	const { values, positionals } = parseCommandArgs(args, {
		top: { type: 'string' },
		json: { type: 'boolean' },
		jsonl: { type: 'boolean' },
		'no-abstain': { type: 'boolean' },
	});
	const top = positiveInt('top', values.top, 3);
	const abstain = values['no-abstain'] !== true;
	if (values.jsonl === true) {
		if (positionals.length > 0)
			throw new UsageError('ask --jsonl reads questions from stdin; give no question argument');
		return askLines(corpus, top, abstain, write);
	}
	if (positionals.length === 0)
		throw new UsageError('ask needs a question: ask "<question>" [--top N] [--json] [--no-abstain]');
	const question = checkQuestion(positionals.join(' '));
	const result = timedAnswer(corpus, question, top, abstain);
	write(
		values.json === true ? JSON.stringify(result, null, 2) : replyToText(renderAnswer(result, corpus.sources.length)),
	);
}
