import { readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands, OPERATOR_CALLER } from '../../commands/index.js';
import { ingest as ingestCommand } from '../../commands/ingest.js';
import { answer } from '../../src/core/answer/answer.js';
import { parseCatalog, type Source } from '../../src/core/catalog.js';
import { createCorpus, type Corpus } from '../../src/core/corpus.js';
import { runConsoleLine } from '../../src/console.js';
import { createIngester, ingestSource, parseFeedList, refreshCorpus, startFeedPoller } from '../../src/ingest/index.js';
import { withLock } from '../../src/ingest/lock.js';
import { loadBackground } from '../../src/store/data-dir.js';
import { dirStore } from '../../src/store/dir-store.js';
import { DEFAULT_DATA, FIXTURE_DATA } from '../helpers/corpus.js';
import { copyDataDir, removeDataDir, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

let site: FixtureSite;
const dirs: string[] = [];
const dataDir = (from: string) => {
	const dir = copyDataDir(from);
	dirs.push(dir);
	return dir;
};

beforeAll(async () => {
	site = await startFixtureSite();
});
afterAll(async () => {
	await site.close();
	for (const dir of dirs) removeDataDir(dir);
});

function corpusOf(dir: string): Corpus {
	const { sources } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
	return createCorpus(
		sources.map((source) => ({ source, text: readFileSync(join(dir, source.file), 'utf8') })),
		{ background: loadBackground() },
	);
}

const quietLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });

describe('refreshCorpus', () => {
	it('adds newly ingested sources to the live index in place, and only once', async () => {
		const dir = dataDir(FIXTURE_DATA);
		let corpus = corpusOf(dir);
		const before = corpus.sources.map((s) => s.id);
		expect(answer(corpus, 'How many centimetres did Lake Sevan rise?').answered).toBe(false);
		const r = await ingestSource(`${site.base}/article.html`, {
			dataDir: dir,
			allowPrivateHosts: true,
			fetch: { ports: [site.port] },
		});
		expect(r.ok && r.value.status).toBe('added');
		const engine = corpus.index.engine;
		const refreshed = await refreshCorpus(corpus, dirStore(dir));
		corpus = refreshed.corpus;
		expect(refreshed.added.map((s) => s.id)).toEqual(['caucasus-ledger-2025-10-14']);
		expect(corpus.index.engine).toBe(engine);
		expect(corpus.sources.map((s) => s.id)).toEqual([...before, 'caucasus-ledger-2025-10-14']);
		const a = answer(corpus, 'How many centimetres did Lake Sevan rise?');
		expect(a.answered).toBe(true);
		expect(a.results[0]?.source.id).toBe('caucasus-ledger-2025-10-14');
		const again = await refreshCorpus(corpus, dirStore(dir));
		expect(again.added).toEqual([]);
		expect(again.corpus).toBe(corpus);
	});
});

describe('startFeedPoller', () => {
	it('polls on demand without doubling a pass, reports what it added, and stops', async () => {
		const dir = dataDir(DEFAULT_DATA);
		const added: Source[][] = [];
		const log = quietLog();
		const poller = startFeedPoller({
			feeds: [`${site.base}/rss.xml`, `${site.base}/atom.xml`],
			intervalMinutes: 60,
			dataDir: dir,
			log,
			allowPrivateHosts: true,
			ingest: { fetch: { ports: [site.port] } },
			pollAtStart: false,
			onAdded: (sources) => void added.push([...sources]),
		});
		try {
			const [first, same] = [poller.pollNow(), poller.pollNow()];
			expect(same).toBe(first);
			const reports = await first;
			expect(reports.map((r) => r.added.length)).toEqual([2, 1]);
			expect(added.flat().map((s) => s.id)).toEqual([
				'caucasus-ledger-2025-03-03',
				'caucasus-ledger-2025-02-18',
				'caucasus-ledger-2025-03-05',
			]);
			const second = await poller.pollNow();
			expect(second.map((r) => r.added.length)).toEqual([0, 0]);
			expect(added).toHaveLength(1);
			expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ added: 0 }), 'feed polled');
		} finally {
			poller.stop();
		}
	});

	it('logs a feed that cannot be read and goes on', async () => {
		const log = quietLog();
		const poller = startFeedPoller({
			feeds: [`${site.base}/missing.xml`],
			intervalMinutes: 1,
			dataDir: dataDir(DEFAULT_DATA),
			log,
			allowPrivateHosts: true,
			ingest: { fetch: { ports: [site.port] } },
			pollAtStart: false,
		});
		expect(await poller.pollNow()).toEqual([]);
		expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'http-status' }), 'feed not read');
		poller.stop();
	});

	it('reads FEEDS as URLs separated by commas or spaces', () => {
		expect(parseFeedList(' https://a.example/rss.xml, http://b.example/atom  https://c.example/f ')).toEqual([
			'https://a.example/rss.xml',
			'http://b.example/atom',
			'https://c.example/f',
		]);
		expect(parseFeedList(undefined)).toEqual([]);
		expect(() => parseFeedList('https://a.example/rss ftp://b.example')).toThrow(
			/FEEDS: "ftp:\/\/b.example" is not an http\(s\) URL/,
		);
	});
});

describe('the lock', () => {
	it('lets one holder at a time in: no update lost among many at once', async () => {
		const dir = dataDir(FIXTURE_DATA);
		const counter = join(dir, 'counter');
		writeFileSync(counter, '0');
		await Promise.all(
			Array.from({ length: 12 }, () =>
				withLock(
					dir,
					async () => {
						const n = Number(readFileSync(counter, 'utf8'));
						await new Promise((resolve) => setTimeout(resolve, 2));
						writeFileSync(counter, String(n + 1));
					},
					{ retryMs: 2 },
				),
			),
		);
		expect(readFileSync(counter, 'utf8')).toBe('12');
	});

	it('waits for a live holder up to the timeout, then says who holds it', async () => {
		const dir = dataDir(FIXTURE_DATA);
		writeFileSync(join(dir, '.lock'), `${process.pid}\n`);
		await expect(withLock(dir, () => Promise.resolve(1), { timeoutMs: 200 })).rejects.toMatchObject({
			code: 'locked',
			message: expect.stringMatching(`pid ${process.pid}`),
		});
		expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
	});

	it('takes over an empty lock file left long ago (a holder killed before it wrote its pid)', async () => {
		const dir = dataDir(FIXTURE_DATA);
		writeFileSync(join(dir, '.lock'), '');
		utimesSync(join(dir, '.lock'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
		expect(await withLock(dir, () => Promise.resolve('in'), { timeoutMs: 1_000 })).toBe('in');
	});
});

describe('/ingest', () => {
	it('is for server managers, in servers only', () => {
		expect(ingestCommand.data.default_member_permissions).toBe('32');
		expect(ingestCommand.data.contexts).toEqual([0]);
		expect(commands.map((c) => c.data.name)).toContain('ingest');
	});

	it('replies only to who asked: added, already there, or why not; and the live corpus follows', async () => {
		const dir = dataDir(FIXTURE_DATA);
		let corpus = corpusOf(dir);
		const log = quietLog();
		const ingest = createIngester({
			dataDir: dir,
			allowPrivateHosts: true,
			fetch: { ports: [site.port] },
			log,
			onChanged: async () => void (corpus = (await refreshCorpus(corpus, dirStore(dir))).corpus),
		});
		const run = async (url: string) => {
			const parsed = ingestCommand.input.safeParse({ url });
			return parsed.success
				? ingestCommand.run(parsed.data, { corpus, ingest, caller: OPERATOR_CALLER })
				: parsed.error.issues[0]?.message;
		};
		const added = await run(`${site.base}/feed/glacier.html`);
		expect(added).toMatchObject({
			ephemeral: true,
			content: expect.stringMatching(
				/^Added `caucasus-ledger-2025-03-05`: \*\*The last glacier on Mount Aragats is melting faster\*\*/,
			),
		});
		expect(corpus.byId.has('caucasus-ledger-2025-03-05')).toBe(true);
		expect(await run(`${site.base}/feed/glacier.html`)).toMatchObject({
			ephemeral: true,
			content: expect.stringMatching(/^Already in the shared library as `caucasus-ledger-2025-03-05`/),
		});
		// A page that states no date is added all the same; the reply says what that means.
		const undated = await run(`${site.base}/feed/bears.html`);
		expect(undated).toMatchObject({
			ephemeral: true,
			content: expect.stringMatching(
				/^Added `caucasus-ledger-undated`: .*\(Caucasus Ledger, date unknown\).*\nIts page states no publication date/s,
			),
		});
		expect(corpus.byId.get('caucasus-ledger-undated')?.published).toBeUndefined();
		expect(await run(`${site.base}/report.pdf`)).toMatchObject({
			ephemeral: true,
			content: expect.stringMatching(/^Could not add <.*>: that address is not an article page: .*not PDFs/),
		});
		// A fetch problem reads the same whatever its cause: no resolved address, port or error for the member.
		for (const url of [
			`${site.base}/missing.html`,
			`${site.base}/to-private`,
			'http://127.0.0.1:1/x',
			`${site.base}/loop-a`,
		])
			expect(await run(url)).toMatchObject({
				ephemeral: true,
				content: `Could not add <${url}>: that address can’t be fetched.`,
			});
		// The operator's log keeps the detail.
		expect(log.info).toHaveBeenCalledWith(
			{
				code: 'refused-host',
				problem: 'refused to fetch from 127.0.0.1:1: port 1 is not fetched (FETCH_PORTS allows it)',
			},
			'ingest refused',
		);
		expect(await run('ftp://example.com/x')).toMatch(/http:\/\/ or https:\/\//);
	});

	it('says so where ingestion is not wired (the console, by default)', async () => {
		const corpus = corpusOf(dataDir(FIXTURE_DATA));
		const reply = await runConsoleLine(`/ingest url:${site.base}/article.html`, commands, {
			corpus,
			caller: OPERATOR_CALLER,
		});
		expect(reply).toMatchObject({ ephemeral: true, content: 'Adding sources is not enabled on this bot.' });
	});
});
