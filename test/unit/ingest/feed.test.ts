import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../../../src/ingest/feed.js';
import { INGEST_FIXTURES } from '../../fixtures/ingest/server.js';

const BASE = 'http://feeds.example';
const fixture = (name: string) => readFileSync(join(INGEST_FIXTURES, name), 'utf8').replaceAll('{{BASE}}', BASE);

describe('readFeed', () => {
	it('reads RSS 2.0 items: links, titles, dates in their own zone', () => {
		const r = readFeed(fixture('rss.xml'), `${BASE}/rss.xml`);
		expect(r.ok && r.value).toEqual([
			{ url: `${BASE}/feed/storks.html`, title: 'Storks return early to the Ararat plain', published: '2025-03-03' },
			{
				url: `${BASE}/feed/bears.html?utm_source=rss&utm_medium=feed`,
				title: 'Dilijan park rangers count a record number of brown bears',
				published: '2025-02-18',
			},
			{
				url: 'https://www.turkiyetoday.com/nation/turkiye-and-armenia-to-hold-first-delegation-meeting-for-border-opening-next-week-3206530',
				title: 'Türkiye and Armenia to hold first delegation meeting',
				published: '2025-09-07',
			},
		]);
	});

	it('reads Atom entries: relative links made absolute, HTML titles as text', () => {
		const r = readFeed(fixture('atom.xml'), `${BASE}/atom.xml`);
		expect(r.ok && r.value).toEqual([
			{ url: `${BASE}/feed/glacier.html`, title: 'Glacier on Mount Aragats & its meltwater', published: '2025-03-05' },
			{ url: `${BASE}/feed/storks.html`, title: 'Storks return early to the Ararat plain', published: '2025-03-03' },
		]);
	});

	it('reads JSON Feed, uses a permalink guid, and lists a link once', () => {
		const json = JSON.stringify({
			version: 'https://jsonfeed.org/version/1.1',
			title: 'J',
			items: [
				{ id: '1', url: '/a', title: 'A', date_published: '2025-01-02T10:00:00Z' },
				{ id: '2', url: `${BASE}/a#x` },
			],
		});
		const r = readFeed(json, `${BASE}/feed.json`);
		expect(r.ok && r.value).toEqual([{ url: `${BASE}/a`, title: 'A', published: '2025-01-02' }]);
		const guid =
			'<rss version="2.0"><channel><title>T</title><item><guid>https://g.example/1</guid></item><item><guid isPermaLink="false">x</guid></item><item><link>javascript:alert(1)</link></item></channel></rss>';
		expect(readFeed(guid, BASE)).toEqual({ ok: true, value: [{ url: 'https://g.example/1' }] });
	});

	it('says what is wrong with something that is no feed', () => {
		expect(readFeed('<html><body>hi</body></html>', BASE).ok).toBe(false);
		expect(readFeed('{"not": "a feed"}', BASE).ok).toBe(false);
		expect(readFeed('{broken', BASE).ok).toBe(false);
	});
});
