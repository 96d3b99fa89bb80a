import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answer.js';
import { parseCatalog } from '../../src/core/catalog.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import {
	copyDataDir,
	INGEST_FIXTURES,
	removeDataDir,
	snapshot,
	startFixtureSite,
	type FixtureSite,
} from '../fixtures/ingest/server.js';

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
/** The fixture page's canonical link, on the fixture site itself (see server.ts). */
const canonical = () => `${site.base}/environment/2025/10/lake-sevan-rises-second-year`;

let site: FixtureSite;
let dir: string;
const env = (allow = true) => ({
	INDEX_DATA_DIR: dir,
	ALLOW_PRIVATE_HOSTS: String(allow),
	FETCH_PORTS: `80,443,${site.port}`,
});
const ingest = (args: string[], allow = true) => cli(['ingest', ...args], { env: env(allow) });
const catalog = () => parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));

beforeAll(async () => {
	site = await startFixtureSite();
	dir = copyDataDir(DEFAULT_DATA);
});
afterAll(async () => {
	await site.close();
	removeDataDir(dir);
});

describe('cli ingest <url>', () => {
	it('adds an article page: its paragraphs only, its canonical URL, title, date and publisher', async () => {
		const r = await ingest([`${site.base}/article.html`]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^added caucasus-ledger-2025-10-14: /);
		const added = catalog().sources.find((s) => s.id === 'caucasus-ledger-2025-10-14');
		expect(added).toEqual({
			id: 'caucasus-ledger-2025-10-14',
			file: 'caucasus-ledger-2025-10-14.txt',
			title: 'Lake Sevan rises for a second year as irrigation draws fall',
			publisher: 'Caucasus Ledger',
			url: canonical(),
			host: new URL(site.base).host,
			published: '2025-10-14',
			authors: ['Ani Petrosyan'],
			library: 'shared',
			addedBy: 'operator',
			addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
			// The page says <html lang="en">.
			language: 'en',
		});
		const text = readFileSync(join(dir, 'caucasus-ledger-2025-10-14.txt'), 'utf8');
		expect(text.endsWith('\n')).toBe(true);
		for (const line of lines(text)) expect(line).toBe(line.trim().replace(/\s+/g, ' '));
		expect(text).toContain(
			'Environmental groups welcomed the figures but warned that algal blooms on the western shore remain a concern, with cyanobacteria counts above the 2019 baseline.',
		);
		for (const chrome of [
			'Subscribe',
			'Share',
			'Politics',
			'Copy link',
			'Related articles',
			'fishermen of Gavar',
			'Post comment',
			'All rights reserved',
			'By Ani',
		]) {
			expect(text, chrome).not.toContain(chrome);
		}
	});

	it('is answered by cli ask with the canonical URL, title and date, quoting no boilerplate', async () => {
		const r = await cli(['ask', 'How many centimetres did Lake Sevan rise?', '--json'], { env: env() });
		expect(r.code).toBe(0);
		const a = JSON.parse(r.stdout) as Answer;
		expect(a.answered).toBe(true);
		const top = a.results[0];
		expect(top?.source).toMatchObject({
			id: 'caucasus-ledger-2025-10-14',
			url: canonical(),
			published: '2025-10-14',
			title: 'Lake Sevan rises for a second year as irrigation draws fall',
		});
		expect(top?.quote).toContain('14 centimetres');
		expect(top?.link.startsWith(canonical())).toBe(true);
		for (const res of a.results) expect(res.passage).not.toMatch(/subscribe|share on/i);
	});

	it('changes nothing when the same article comes again, by its URL, a redirect, or its text', async () => {
		const before = snapshot(dir);
		for (const url of [`${site.base}/article.html`, `${site.base}/moved`, `${site.base}/chain/2`]) {
			const r = await ingest([url]);
			expect(r.code, url).toBe(0);
			expect(r.stdout, url).toMatch(/^unchanged: .* is already caucasus-ledger-2025-10-14 \(same (URL|text)\)/);
		}
		const copy = await ingest([join(INGEST_FIXTURES, 'article.html'), '--url', 'https://mirror.example.com/sevan']);
		expect(copy.stdout).toMatch(/already caucasus-ledger-2025-10-14 \(same text\)/);
		expect(snapshot(dir)).toEqual(before);
	});

	it('refuses a 404, a PDF, a redirect loop, too many redirects, a page with no article and other types, one line each, the data untouched', async () => {
		const before = snapshot(dir);
		const cases: [string, RegExp][] = [
			['/missing.html', /HTTP 404/],
			['/report.pdf', /is a PDF/],
			['/pdf-in-disguise', /is a PDF/],
			['/loop-a', /redirect loop/],
			['/chain/6', /more than 5 redirects/],
			['/no-article.html', /no article found/],
			['/image.png', /image\/png/],
			['/to-file', /not an http\(s\) URL/],
			['/big', /larger than 5 MB/],
		];
		for (const [path, message] of cases) {
			const r = await ingest([`${site.base}${path}`]);
			expect(r.code, path).toBe(2);
			expect(lines(r.stderr), path).toHaveLength(1);
			expect(r.stderr, path).toMatch(message);
			expect(r.stdout, path).toBe('');
		}
		expect(snapshot(dir)).toEqual(before);
	});

	it('refuses loopback, private and metadata addresses when ALLOW_PRIVATE_HOSTS=false', async () => {
		const before = snapshot(dir);
		for (const url of [
			`${site.base}/storks.html`,
			'http://localhost/x',
			'http://[::ffff:127.0.0.1]:443/x',
			'http://169.254.169.254/latest/meta-data/',
			'http://10.1.2.3/',
		]) {
			const r = await ingest([url], false);
			expect(r.code, url).toBe(2);
			expect(lines(r.stderr), url).toHaveLength(1);
			expect(r.stderr, url).toMatch(/refused to fetch from .*(loopback|private|metadata) address/);
		}
		expect(snapshot(dir)).toEqual(before);
	});

	it('adds a page that states no date with its date unknown; --published is checked, and gives a date where flags are used', async () => {
		const bad = await ingest([`${site.base}/feed/bears.html`, '--published', '2025-02-30']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--published is not a real date/);
		const undated = await ingest([`${site.base}/feed/bears.html?edition=undated`]);
		expect(undated.code).toBe(0);
		expect(undated.stdout).toMatch(/^added caucasus-ledger-undated: .*\(Caucasus Ledger, date unknown\)/);
		const entry = catalog().sources.at(-1)!;
		expect(entry.id).toBe('caucasus-ledger-undated');
		expect(entry).not.toHaveProperty('published');
		const written = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as unknown[];
		expect(written.at(-1)).not.toHaveProperty('published');
		const shown = await cli(['source', 'caucasus-ledger-undated'], { env: env(true) });
		expect(shown.stdout).toContain('Caucasus Ledger · date unknown');
		expect((await cli(['remove', 'caucasus-ledger-undated'], { env: env(true) })).code).toBe(0);
		const ok = await ingest([
			`${site.base}/feed/bears.html`,
			'--published',
			'2025-02-18',
			'--publisher',
			'Ledger Wildlife',
			'--title',
			'Bears of Dilijan',
		]);
		expect(ok.code).toBe(0);
		expect(catalog().sources.at(-1)).toMatchObject({
			id: 'ledger-wildlife-2025-02-18',
			title: 'Bears of Dilijan',
			publisher: 'Ledger Wildlife',
			url: `${site.base}/feed/bears.html`,
		});
	});

	it('adds plain text and Markdown files, one paragraph a line, with ids made unique', async () => {
		const txt = await ingest([
			join(INGEST_FIXTURES, 'plain.txt'),
			'--url',
			'https://caspian.example.com/ferry',
			'--title',
			'Baku–Kuryk ferry resumes',
			'--published',
			'2025-04-10',
			'--publisher',
			'Ledger Wildlife',
			'--language',
			'PT',
		]);
		expect(txt.code).toBe(0);
		expect(txt.stdout).toMatch(/^added ledger-wildlife-2025-04-10: /);
		// --language says what the text is in, over detection (which reads this text as English).
		expect(catalog().sources.find((s) => s.id === 'ledger-wildlife-2025-04-10')?.language).toBe('pt');
		expect(readFileSync(join(dir, 'ledger-wildlife-2025-04-10.txt'), 'utf8')).toBe(
			'The ferry between Baku and Kuryk resumed service on Thursday after a three-week pause caused by storms on the Caspian Sea, the port authority said.\n' +
				'Cargo volumes on the route rose by 18 percent in the first quarter, driven by shipments of grain and fertiliser bound for Georgian Black Sea ports.\n',
		);
		const md = await ingest([join(INGEST_FIXTURES, 'notes.md')]);
		expect(md.code).toBe(0);
		const source = catalog().sources.at(-1)!;
		expect(source).toMatchObject({
			id: 'shirak-weekly-2025-04-02',
			title: 'Gyumri textile mill reopens',
			url: 'https://shirak.example.net/2025/04/textile-mill',
		});
		expect(readFileSync(join(dir, source.file), 'utf8')).toBe(
			'Gyumri textile mill reopens\nThe Gyumri textile mill, closed since 2009, reopened on Wednesday with 200 workers on its first shift.\nNew owners\nInvestors from Lyon bought the plant in 2023.\nThey plan to export linen to France and Italy.\n',
		);
		const again = await ingest([
			join(INGEST_FIXTURES, 'plain.txt'),
			'--url',
			'https://caspian.example.com/ferry-2',
			'--title',
			'Again',
			'--published',
			'2025-04-10',
			'--publisher',
			'Ledger Wildlife',
		]);
		expect(again.stdout).toMatch(/same text/);
		const other = await ingest([
			join(INGEST_FIXTURES, 'feed', 'glacier.html'),
			'--url',
			'https://ledger.example.org/glacier',
			'--publisher',
			'Ledger Wildlife',
			'--published',
			'2025-04-10',
		]);
		expect(other.stdout).toMatch(/^added ledger-wildlife-2025-04-10-2: /);
	});

	it('exits 2 with one line for bad usage', async () => {
		for (const args of [
			[],
			['a.txt', 'b.txt', '--title', 'x'],
			['--feed', 'ftp://x'],
			['--feed', 'http://x', 'y'],
			['nope.txt'],
			['x', '--published', 'today'],
			['x', '--language', 'French'],
		]) {
			const r = await ingest(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
		}
	});

	it('reports each input of several, in JSON when asked', async () => {
		const r = await ingest([`${site.base}/article.html`, `${site.base}/missing.html`, '--json']);
		expect(r.code).toBe(2);
		const { results } = JSON.parse(r.stdout) as { results: { status: string; error?: { code: string } }[] };
		expect(results.map((x) => x.status)).toEqual(['unchanged', 'failed']);
		expect(results[1]?.error?.code).toBe('http-status');
		expect(lines(r.stderr)).toHaveLength(1);
	});

	it('leaves a catalog that loads with no problems', () => {
		const { sources, problems } = catalog();
		expect(problems).toEqual([]);
		expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
	});
});
