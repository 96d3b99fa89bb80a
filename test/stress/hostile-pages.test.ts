import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSE_LIMITS, readContentIsolated, readFeedIsolated } from '../../src/ingest/isolate.js';
import { IngestStop } from '../../src/ingest/problem.js';

// Issue 16: a page, a feed or a Markdown file of up to 1 MB, however built, is read or refused within
// the parse deadline, on a worker thread: the bot's own thread goes on turning meanwhile.
const BOUND_MS = PARSE_LIMITS.deadlineMs + 4_000;

/** Up to 1 MB of source: a few random pieces, each repeated a random number of times. */
const soup = (pieces: readonly string[]) =>
	fc
		.array(fc.tuple(fc.constantFrom(...pieces), fc.integer({ min: 1, max: 30_000 })), { minLength: 1, maxLength: 8 })
		.map((runs) => runs.map(([piece, n]) => piece.repeat(n)).join(''))
		.filter((t) => t.length <= 1_000_000);

const HTML = [
	'<div>',
	'</div>',
	'<b>',
	'<p>Words of an article, said the minister on 3 March 2024. ',
	'</p>',
	'<table><tr><td>',
	'<!--',
	'-->',
	'<script>var a = "<div>";</script>',
	'<a href="/x">link</a>',
	'&amp;',
	'<article>',
	'<span class="share">',
	'<li>',
	'x',
	'<',
];
const FEED = [
	'<rss><channel>',
	'<item><title>T</title><link>https://a.example/x</link><pubDate>Mon, 03 Mar 2024 10:00:00 GMT</pubDate></item>',
	'<item><link>',
	'</item>',
	'<![CDATA[',
	']]>',
	'&lt;',
	'<entry><link href="/a"/>',
	'<feed xmlns="http://www.w3.org/2005/Atom">',
	'x',
];
const MARKDOWN = ['_a*', '*', '_', '[', '](', '`', '# ', '> ', '- ', '\n', 'word ', '<div>', '|', '**'];

/** Runs `read` and checks it settles (read or refused, never any other error) within the bound, the thread turning meanwhile. */
async function settlesInTime(read: () => Promise<unknown>): Promise<void> {
	let ticks = 0;
	const timer = setInterval(() => ticks++, 50);
	const started = performance.now();
	try {
		await read();
	} catch (error) {
		if (!(error instanceof IngestStop)) throw error;
	} finally {
		clearInterval(timer);
	}
	const took = performance.now() - started;
	expect(took).toBeLessThan(BOUND_MS);
	// The reading ran on the worker: this thread was free at least every half second.
	if (took > 1_000) expect(ticks).toBeGreaterThan(took / 500);
}

describe('hostile input of up to 1 MB, read on the parse worker', () => {
	it('an HTML page is read or refused within the deadline', async () => {
		await fc.assert(
			fc.asyncProperty(soup(HTML), async (html) => {
				await settlesInTime(() => readContentIsolated(html, 'html', 'https://x.example/', 'https://x.example/'));
			}),
			{ numRuns: 6 },
		);
	}, 300_000);

	it('a feed is read or refused within the deadline', async () => {
		await fc.assert(
			fc.asyncProperty(soup(FEED), async (xml) => {
				await settlesInTime(() => readFeedIsolated(xml, 'https://x.example/feed'));
			}),
			{ numRuns: 6 },
		);
	}, 300_000);

	it('a Markdown file is read or refused within the deadline', async () => {
		await fc.assert(
			fc.asyncProperty(soup(MARKDOWN), async (md) => {
				await settlesInTime(() => readContentIsolated(md, 'markdown', 'x.md', undefined));
			}),
			{ numRuns: 6 },
		);
	}, 300_000);
});
