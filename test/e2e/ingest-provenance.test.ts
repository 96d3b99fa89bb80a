import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog.js';
import { ingestFeed } from '../../src/ingest/feed.js';
import { ingestSource, type IngestOptions } from '../../src/ingest/ingest.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { copyDataDir, removeDataDir, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

let site: FixtureSite;
let dir: string;
/** `localhost` is the fixture site under a second host name: the "real" site a fake page names. */
let other: string;
const options = (): IngestOptions => ({
	dataDir: dir,
	allowPrivateHosts: true,
	// Both names reach the one fixture server, without asking the system resolver about localhost.
	fetch: { ports: [site.port], lookup: (host) => Promise.resolve(host === 'localhost' ? ['127.0.0.1'] : [host]) },
});
const sources = () => parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'))).sources;

beforeAll(async () => {
	site = await startFixtureSite();
	other = site.base.replace('127.0.0.1', 'localhost');
	dir = copyDataDir(DEFAULT_DATA);
});
afterAll(async () => {
	await site.close();
	removeDataDir(dir);
});

describe('provenance of an ingested page', () => {
	it("stores a page that claims another site's URL and name under its own host and URL", async () => {
		const r = await ingestSource(`${site.base}/provenance/fake.html`, options());
		expect(r.ok && r.value.status).toBe('added');
		const stored = sources().at(-1)!;
		expect(stored).toMatchObject({
			url: `${site.base}/provenance/fake.html`,
			host: new URL(site.base).host,
			publisher: '127.0.0.1',
			// U+202E, U+202C, U+2066, U+2069 and U+200B in the page: none reaches the catalog.
			title: 'Harbour crane installed early',
			authors: ['Jane Doe'],
		});
	});

	it("stores a copy of another site's article under its own host", async () => {
		const r = await ingestSource(`${site.base}/provenance/copy.html`, options());
		expect(r.ok && r.value.status).toBe('added');
		expect(sources().at(-1)).toMatchObject({ url: `${site.base}/provenance/copy.html`, publisher: '127.0.0.1' });
		// The same text at another address of the same site is that site's duplicate.
		const mirrored = await ingestSource(`${site.base}/mirror/provenance/copy.html`, options());
		expect(mirrored.ok && mirrored.value).toMatchObject({ status: 'unchanged', reason: 'text' });
	});

	it('still adds the real article at the URL the fake page claimed, though a copy of its text came first', async () => {
		const r = await ingestSource(`${other}/provenance/real.html`, options());
		expect(r.ok && r.value.status).toBe('added');
		expect(sources().at(-1)).toMatchObject({
			url: `${other}/provenance/real.html`,
			host: new URL(other).host,
			publisher: 'Ledger Wire',
		});
		const again = await ingestSource(`${other}/provenance/real.html`, options());
		expect(again.ok && again.value.status).toBe('unchanged');
	});
});

describe('a feed with a hostile item', () => {
	it('records the item that throws and adds the good items after it', async () => {
		const report = await ingestFeed(`${site.base}/rss.xml`, {
			...options(),
			// The first item (storks) stands for an item that sets off a bug deep in a parser.
			ingestItem: (url, o) =>
				url.includes('storks') ? Promise.reject(new RangeError('Invalid time value')) : ingestSource(url, o),
		});
		expect(report.ok).toBe(true);
		if (!report.ok) return;
		expect(report.value.failed).toEqual([
			{
				url: `${site.base}/feed/storks.html`,
				problem: { code: 'bad-item', message: 'RangeError: Invalid time value' },
			},
		]);
		expect(report.value.added.map((s) => s.url)).toEqual([`${site.base}/feed/bears.html`]);
	});
});
