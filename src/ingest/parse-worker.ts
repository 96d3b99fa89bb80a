import { parentPort } from 'node:worker_threads';
import { readFeedItems } from './feed.js';
import { readContent } from './load.js';
import { IngestStop } from './problem.js';
import type { ParseReply, ParseTask } from './isolate.js';

/**
 * The thread pages, feeds and Markdown are read in (see isolate.ts): it runs one task a message and
 * answers with its value, the refusal it stopped with, or what it threw, as plain data.
 */
function run(task: ParseTask): ParseReply {
	try {
		if (task.kind === 'feed') return { ok: true, value: readFeedItems(task.text, task.feedUrl) };
		return { ok: true, value: readContent(task.content, task.contentKind, task.origin, task.url) };
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, problem: error.problem };
		const e = error instanceof Error ? error : new Error(String(error));
		return { ok: false, error: { name: e.name, message: e.message } };
	}
}

parentPort?.on('message', (task: ParseTask) => {
	parentPort?.postMessage(run(task));
});
