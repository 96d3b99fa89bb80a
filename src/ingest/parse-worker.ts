import { parentPort } from 'node:worker_threads';
import { readFeedItems } from './feed.js';
import { readContent } from './load.js';
import { IngestStop, problem } from './problem.js';
import type { ParseReply, ParseTask } from './isolate.js';

/**
 * The thread pages, feeds and Markdown are read in (see isolate.ts): it runs one task a message and
 * answers with its value or the refusal it stopped with, as plain data.
 */
function run(task: ParseTask): ParseReply {
	try {
		if (task.kind === 'feed') return { ok: true, value: readFeedItems(task.text, task.feedUrl) };
		return { ok: true, value: readContent(task.content, task.contentKind, task.origin, task.url) };
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, problem: error.problem };
		// A parser that overflows its stack or trips over a tree it built is refusing the input, not
		// failing the bot: the member hears that nothing could be read, the operator's log says why.
		const what = task.kind === 'feed' ? task.feedUrl : task.origin;
		const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		const deep = error instanceof RangeError && /call stack/i.test(error.message);
		return {
			ok: false,
			problem: deep
				? problem('too-complex', `${what} nests too deep to read (${reason.slice(0, 200)}); not ingested`)
				: problem(task.kind === 'feed' ? 'bad-feed' : 'no-article', `could not read ${what} (${reason.slice(0, 200)})`),
		};
	}
}

parentPort?.on('message', (task: ParseTask) => {
	parentPort?.postMessage(run(task));
});
