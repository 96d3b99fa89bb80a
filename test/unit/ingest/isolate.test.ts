import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TREE_DEPTH } from '../../../src/ingest/article.js';
import { readContentIsolated, readFeedIsolated } from '../../../src/ingest/isolate.js';
import { IngestStop } from '../../../src/ingest/problem.js';
import { INGEST_FIXTURES } from '../../fixtures/ingest/server.js';

const ARTICLE = `<!doctype html><html><head><title>Storks return</title></head><body><article>
<h1>Storks return</h1>
<p>The first white storks of the year arrived on the Ararat plain on Monday, a week earlier than usual, rangers said.</p>
<p>Ornithologists counted forty nests in the villages along the Araks river, most of them on electricity poles.</p>
</article></body></html>`;

/** The refusal an isolated read stopped with, or undefined when it read. */
async function refusal(read: Promise<unknown>): Promise<string | undefined> {
	try {
		await read;
		return undefined;
	} catch (error) {
		if (error instanceof IngestStop) return error.code;
		throw error;
	}
}

describe('reading in the parse worker', () => {
	it('reads an article as the thread itself would', async () => {
		const read = await readContentIsolated(
			ARTICLE,
			'html',
			'https://birds.example/storks',
			'https://birds.example/storks',
		);
		expect(read.paragraphs).toHaveLength(2);
		expect(read.paragraphs[0]).toMatch(/^The first white storks/);
		expect(read.metadata.title).toBe('Storks return');
	});

	it('carries the page’s language across the thread', async () => {
		const french = ARTICLE.replace('<html>', '<html lang="fr-CA">');
		const read = await readContentIsolated(french, 'html', 'https://birds.example/s', 'https://birds.example/s');
		expect(read.metadata.language).toBe('fr');
	});

	it('refuses 4,000 nested <div>s at once, by their depth', async () => {
		const html = `<html><body>${'<div>'.repeat(4_000)}${'Words of an article. '.repeat(40)}${'</div>'.repeat(4_000)}</body></html>`;
		const started = performance.now();
		expect(await refusal(readContentIsolated(html, 'html', 'https://x.example/', 'https://x.example/'))).toBe(
			'too-complex',
		);
		expect(performance.now() - started).toBeLessThan(15_000);
	});

	it('refuses half a megabyte of unclosed <b> (every one nested in the last)', async () => {
		const html = `<html><body><p>${'<b>x '.repeat(100_000)}</p></body></html>`;
		expect(await refusal(readContentIsolated(html, 'html', 'https://x.example/', 'https://x.example/'))).toBe(
			'too-complex',
		);
	});

	it('reads a page just inside the depth limit', async () => {
		const depth = MAX_TREE_DEPTH - 10;
		const html = `<html><body>${'<div>'.repeat(depth)}<p>${'Words of an article, one after another. '.repeat(10)}</p>${'</div>'.repeat(depth)}</body></html>`;
		const read = await readContentIsolated(html, 'html', 'https://x.example/a', 'https://x.example/a');
		expect(read.paragraphs.join(' ')).toContain('Words of an article');
	});

	it('kills a reading that passes its deadline, while this thread goes on turning, and reads the next page', async () => {
		// marked takes seconds on emphasis it cannot close (8.7 s for 30k characters of `_a*`).
		const markdown = `# Title\n\n${'_a*'.repeat(10_000)}`;
		const limits = { deadlineMs: 500, maxHeapMb: 256 };
		let ticks = 0;
		const timer = setInterval(() => ticks++, 10);
		const started = performance.now();
		const code = await refusal(readContentIsolated(markdown, 'markdown', 'notes.md', undefined, limits));
		clearInterval(timer);
		expect(code).toBe('too-complex');
		expect(performance.now() - started).toBeLessThan(5_000);
		// Had the reading run on this thread, the interval could not have fired while it ran.
		expect(ticks).toBeGreaterThan(10);
		const next = await readContentIsolated(ARTICLE, 'html', 'https://birds.example/s', 'https://birds.example/s');
		expect(next.paragraphs).toHaveLength(2);
	});

	it("refuses Markdown that overflows the parser's stack, as too complex rather than as a failure", async () => {
		expect(await refusal(readContentIsolated(`${'> '.repeat(30_000)}word`, 'markdown', 'x.md', undefined))).toBe(
			'too-complex',
		);
	});

	it('reads a page with no <html> whose first element is a script', async () => {
		const html = `<script>var a = "<div>";</script>${ARTICLE.replace(/^<!doctype html><html>/, '')}`;
		const read = await readContentIsolated(html, 'html', 'https://b.example/s', 'https://b.example/s');
		expect(read.paragraphs).toHaveLength(2);
	});

	it('reads one task at a time, in the order given', async () => {
		const pages = ['one', 'two', 'three'].map((w) => ARTICLE.replace('Storks return</title>', `Storks ${w}</title>`));
		const reads = await Promise.all(
			pages.map((p, i) => readContentIsolated(p, 'html', `https://b.example/${i}`, `https://b.example/${i}`)),
		);
		expect(reads.map((r) => r.metadata.title)).toEqual(['Storks one', 'Storks two', 'Storks three']);
	});

	it('reads a feed, its hostile items set aside', async () => {
		const text = readFileSync(join(INGEST_FIXTURES, 'rss.xml'), 'utf8').replaceAll('{{BASE}}', 'http://feeds.example');
		const read = await readFeedIsolated(text, 'http://feeds.example/rss.xml');
		expect(read.ok && read.value.items.map((i) => i.url)).toContain('http://feeds.example/feed/storks.html');
		const notFeed = await readFeedIsolated('<html>no feed</html>', 'http://feeds.example/x');
		expect(notFeed.ok).toBe(false);
	});
});
