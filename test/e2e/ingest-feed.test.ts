import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answer.js';
import { parseCatalog, type Source } from '../../src/core/catalog.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir, snapshot, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

let site: FixtureSite;
let dir: string;
const ingest = (args: string[]) =>
	cli(['ingest', ...args], {
		env: { INDEX_DATA_DIR: dir, ALLOW_PRIVATE_HOSTS: 'true', FETCH_PORTS: String(site.port) },
	});
const sources = () => parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'))).sources;

beforeAll(async () => {
	site = await startFixtureSite();
	dir = copyDataDir(DEFAULT_DATA);
});
afterAll(async () => {
	await site.close();
	removeDataDir(dir);
});

describe('cli ingest --feed', () => {
	it('adds the new items of an RSS feed, skipping what the catalog has without fetching it', async () => {
		const r = await ingest(['--feed', `${site.base}/rss.xml`]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout.split('\n')[0]).toBe('added 2, skipped 1, failed 0');
		const added = sources().slice(-2);
		expect(added.map((s) => s.id)).toEqual(['caucasus-ledger-2025-03-03', 'caucasus-ledger-2025-02-18']);
		// The page has no date and no canonical link: the feed's pubDate and the link, untracked, stand in.
		expect(added[1]).toMatchObject({
			url: `${site.base}/feed/bears.html`,
			published: '2025-02-18',
			title: 'Dilijan rangers count a record number of brown bears',
		});
		expect(added[0]!.url).toBe(`${site.base}/environment/2025/03/storks-return-early`);
		expect(site.requests.filter((p) => p.includes('turkiye'))).toEqual([]);
	});

	it('adds nothing on a second run, and leaves every file as it was', async () => {
		const before = snapshot(dir);
		const r = await ingest(['--feed', `${site.base}/rss.xml`]);
		expect(r.code).toBe(0);
		expect(r.stdout.trim()).toBe('added 0, skipped 3, failed 0');
		expect(snapshot(dir)).toEqual(before);
	});

	it('reads Atom too: relative links, HTML titles, an item seen in another feed skipped', async () => {
		const r = await ingest(['--feed', `${site.base}/atom.xml`, '--json']);
		expect(r.code).toBe(0);
		const report = JSON.parse(r.stdout) as { added: Source[]; skipped: number; failed: unknown[] };
		expect(report.added.map((s) => s.id)).toEqual(['caucasus-ledger-2025-03-05']);
		expect(report.added[0]?.title).toBe('The last glacier on Mount Aragats is melting faster');
		expect(report).toMatchObject({ skipped: 1, failed: [] });
		const again = await ingest(['--feed', `${site.base}/atom.xml`]);
		expect(again.stdout.trim()).toBe('added 0, skipped 2, failed 0');
	});

	it('refuses what is not a feed, and a feed that is not there, with one line', async () => {
		const before = snapshot(dir);
		for (const [path, message] of [
			['/article.html', /not an RSS, Atom or JSON feed/],
			['/report.pdf', /is a PDF/],
			['/nope.xml', /HTTP 404/],
			['/plain.txt', /not an RSS, Atom or JSON feed/],
		] as const) {
			const r = await ingest(['--feed', `${site.base}${path}`]);
			expect(r.code, path).toBe(2);
			expect(r.stderr.trim().split('\n'), path).toHaveLength(1);
			expect(r.stderr, path).toMatch(message);
		}
		expect(snapshot(dir)).toEqual(before);
	});

	it('answers questions about the new items', async () => {
		const r = await cli(['ask', 'How many occupied stork nests were counted?', '--json'], {
			env: { INDEX_DATA_DIR: dir },
		});
		const a = JSON.parse(r.stdout) as Answer;
		expect(a.results[0]?.source.id).toBe('caucasus-ledger-2025-03-03');
		expect(a.results[0]?.quote).toContain('412 occupied nests');
	});
});
