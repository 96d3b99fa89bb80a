import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Result } from '../core/result.js';
import type { BadItem, FeedItem } from './feed.js';
import type { ContentKind, Loaded } from './load.js';
import { stop, type IngestProblem } from './problem.js';

/**
 * Limits on reading one fetched page, feed or Markdown file. A parser's worst case is far from its
 * usual one (Readability took 71 s on 4,000 nested `<div>`s, marked 56 s on 32k characters of
 * `_a*`), so the reading runs in a worker thread, one at a time, and is killed when it runs over: the
 * bot's own thread stays free to answer everyone else.
 */
export const PARSE_LIMITS = {
	/** Wall-clock time one task may take (the worker runs alone, so this is its CPU time too). */
	deadlineMs: 8_000,
	/** The worker's heap: a page that needs more is refused, the bot's own heap untouched. */
	maxHeapMb: 512,
} as const;

export type ParseTask =
	| {
			readonly kind: 'content';
			readonly content: string;
			readonly contentKind: ContentKind;
			readonly origin: string;
			readonly url: string | undefined;
	  }
	| { readonly kind: 'feed'; readonly text: string; readonly feedUrl: string };

export type FeedRead = Result<{ items: FeedItem[]; bad: BadItem[] }, string>;

/** What the worker sends back: the value, or the refusal the reading stopped with (whatever it threw, see parse-worker.ts). */
export type ParseReply =
	| { readonly ok: true; readonly value: Omit<Loaded, 'aliases'> | FeedRead }
	| { readonly ok: false; readonly problem: IngestProblem };

/**
 * The worker: the compiled sibling script in a build. Under the test runner, which loads this module
 * from TypeScript, a short script registers tsx (a development dependency) in the new thread and
 * imports the TypeScript file through it.
 */
function newWorker(options: WorkerOptions): Worker {
	if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), options);
	const script = new URL('./parse-worker.ts', import.meta.url).href;
	const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
	return new Worker(boot, { ...options, eval: true });
}

let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

function spawn(limits: ParseLimits): Worker {
	const w = newWorker({
		resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, stackSizeMb: 8 },
		stdout: false,
		stderr: false,
	});
	// An idle worker must not keep a one-shot CLI run alive.
	w.unref();
	return w;
}

export interface ParseLimits {
	readonly deadlineMs: number;
	readonly maxHeapMb: number;
}

/** Runs one task on the worker, killing (and later replacing) it when the task passes the deadline. */
function runOnWorker(task: ParseTask, origin: string, limits: ParseLimits): Promise<ParseReply> {
	const w = (worker ??= spawn(limits));
	return new Promise<ParseReply>((resolve, reject) => {
		const done = () => {
			clearTimeout(timer);
			w.off('message', onMessage);
			w.off('error', onError);
			w.off('exit', onExit);
			w.unref();
		};
		const kill = (problem: IngestProblem) => {
			done();
			if (worker === w) worker = undefined;
			void w.terminate();
			resolve({ ok: false, problem });
		};
		const onMessage = (reply: ParseReply) => {
			done();
			resolve(reply);
		};
		const onError = (error: Error) => {
			const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
			if (outOfMemory) kill({ code: 'too-complex', message: `${origin} needs too much memory to read; not ingested` });
			else {
				done();
				if (worker === w) worker = undefined;
				reject(error);
			}
		};
		const onExit = () => kill({ code: 'too-complex', message: `the reader of ${origin} stopped; not ingested` });
		const timer = setTimeout(
			() =>
				kill({
					code: 'too-complex',
					message: `${origin} took more than ${limits.deadlineMs / 1000} s to read; not ingested`,
				}),
			limits.deadlineMs,
		);
		w.on('message', onMessage);
		w.on('error', onError);
		w.on('exit', onExit);
		w.ref();
		w.postMessage(task);
	});
}

/** Runs tasks one at a time: two pages read at once would each get half the time they are allowed. */
function enqueue(task: ParseTask, origin: string, limits: ParseLimits): Promise<ParseReply> {
	const next = queue.then(() => runOnWorker(task, origin, limits));
	queue = next.catch(() => undefined);
	return next;
}

/** The reply's value; a refusal is raised as the ingest's problem. */
function valueOf(reply: ParseReply): Omit<Loaded, 'aliases'> | FeedRead {
	if (reply.ok) return reply.value;
	return stop(reply.problem.code, reply.problem.message);
}

/** {@link readContent} in the worker, within {@link PARSE_LIMITS}. */
export async function readContentIsolated(
	content: string,
	contentKind: ContentKind,
	origin: string,
	url: string | undefined,
	limits: ParseLimits = PARSE_LIMITS,
): Promise<Omit<Loaded, 'aliases'>> {
	const reply = await enqueue({ kind: 'content', content, contentKind, origin, url }, origin, limits);
	return valueOf(reply) as Omit<Loaded, 'aliases'>;
}

/** {@link readFeedItems} in the worker, within {@link PARSE_LIMITS}. */
export async function readFeedIsolated(
	text: string,
	feedUrl: string,
	limits: ParseLimits = PARSE_LIMITS,
): Promise<FeedRead> {
	const reply = await enqueue({ kind: 'feed', text, feedUrl }, feedUrl, limits);
	return valueOf(reply) as FeedRead;
}
