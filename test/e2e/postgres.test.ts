import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { freshDatabase, startTestCluster, type Cluster } from '../helpers/postgres.js';
import { cli } from '../helpers/run.js';
import { startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

// With DATABASE_URL, against a real PostgreSQL on 127.0.0.1 (test/helpers/postgres.ts; no binaries
// fails this file): import/export byte for byte, a console in one process hearing another's
// ingest and removal within 2 s, and the database stopped 10 s under a running console.
let cluster: Cluster;
let site: FixtureSite;
let temp: string;

beforeAll(async () => {
	cluster = await startTestCluster();
	site = await startFixtureSite();
	temp = await mkdtemp(join(tmpdir(), 'verbatim-pg-e2e-'));
});
afterAll(async () => {
	await site.close();
	await cluster.destroy();
	await rm(temp, { recursive: true, force: true });
});

/** Every file under `dir` (relative paths), sorted; the index cache left out. */
async function files(dir: string): Promise<string[]> {
	const all = (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
	return all.filter((f) => !f.startsWith('.cache')).sort();
}

/** A data directory like a bot's after a while: the default corpus, a feed subscription, an audit record. */
async function richDataDir(): Promise<string> {
	const dir = join(temp, 'source-dir');
	await cp(DEFAULT_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
	await writeFile(
		join(dir, 'feeds.json'),
		'[\n  {"url":"https://news.example/feed.xml","library":"guild:111111111111111111","addedBy":"222222222222222222","addedAt":"2026-01-01T00:00:00.000Z"}\n]\n',
	);
	await writeFile(
		join(dir, 'audit.jsonl'),
		'{"at":"2026-01-01T00:00:00.000Z","action":"feed-add","library":"guild:111111111111111111","url":"https://news.example/feed.xml","by":"222222222222222222"}\n',
	);
	return dir;
}

const envFor = (url: string, cache: string) => ({
	DATABASE_URL: url,
	INDEX_DATA_DIR: cache,
	ALLOW_PRIVATE_HOSTS: 'true',
	FETCH_PORTS: String(site.port),
});

describe('cli import and export', () => {
	it('moves a data directory into PostgreSQL and back byte for byte, and refuses a second import', async () => {
		const url = await freshDatabase(cluster, 'transfer');
		const env = envFor(url, join(temp, 'cache-transfer'));
		const source = await richDataDir();
		const imported = await cli(['import', source], { env });
		expect(imported.stderr).toBe('');
		expect(imported.code).toBe(0);
		expect(imported.stdout).toMatch(/^imported \d+ catalog entries, \d+ texts, 1 feeds, 1 audit lines/);
		const out = join(temp, 'exported');
		const exported = await cli(['export', out], { env });
		expect(exported.code).toBe(0);
		const names = await files(source);
		expect(names).toEqual(expect.arrayContaining(['sources.json', 'feeds.json', 'audit.jsonl', 'lexicon.json']));
		expect(await files(out)).toEqual(names);
		for (const name of names) expect(await readFile(join(out, name))).toEqual(await readFile(join(source, name)));
		const again = await cli(['import', source], { env });
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('--replace');
		expect((await cli(['import', source, '--replace'], { env })).code).toBe(0);
		// The corpus reads the same from the database as from the directory.
		const question = ['ask', 'Who led the Turkish side?', '--json'];
		const fromDb = await cli(question, { env });
		const fromDir = await cli(question, { env: { INDEX_DATA_DIR: source } });
		expect(fromDb.code).toBe(0);
		const withoutTime = (json: string) => ({ ...(JSON.parse(json) as object), tookMs: 0 });
		expect(withoutTime(fromDb.stdout)).toEqual(withoutTime(fromDir.stdout));
	});
});

describe('two processes writing at once', () => {
	it('add a page once, and lose nothing of an ingest and a removal made beside it', async () => {
		const url = await freshDatabase(cluster, 'concurrent');
		const env = envFor(url, join(temp, 'cache-concurrent'));
		expect((await cli(['import', DEFAULT_DATA], { env })).code).toBe(0);
		const [first] = (await cli(['source', '--list'], { env })).stdout.split('\n');
		const removable = first!.split('\t')[0]!;
		const runs = await Promise.all([
			cli(['ingest', `${site.base}/article.html`], { env }),
			cli(['ingest', `${site.base}/article.html`], { env }),
			cli(['ingest', `${site.base}/changing.html`], { env }),
			cli(['remove', removable], { env }),
		]);
		expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
		expect(
			runs
				.slice(0, 2)
				.map((r) => r.stdout.split(' ')[0])
				.sort((a, b) => (a ?? '').localeCompare(b ?? '')),
		).toEqual(['added', 'unchanged:']);
		const ids = (await cli(['source', '--list'], { env })).stdout
			.split('\n')
			.filter((l) => l !== '')
			.map((l) => l.split('\t')[0]);
		expect(ids.filter((id) => id === 'caucasus-ledger-2025-10-14')).toHaveLength(1);
		expect(ids).toContain('caucasus-ledger-2025-04-02');
		expect(ids).not.toContain(removable);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

/** A running console (npm start, no token) with its output gathered. */
function startConsole(env: Record<string, string>) {
	const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
	});
	const out = { stdout: '', stderr: '' };
	child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
	child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
	const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
	return { child, out, closed };
}

async function waitFor(condition: () => boolean, ms: number): Promise<number> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms`);
		await new Promise((r) => setTimeout(r, 20));
	}
	return Date.now() - started;
}

const count = (text: string, part: string) => text.split(part).length - 1;
const SEVAN = '/ask How many centimetres did Lake Sevan rise?';
const SEVAN_LINK = '/environment/2025/10/lake-sevan-rises-second-year#:~:text=';

describe('a console on PostgreSQL', () => {
	it("answers from another process's ingest within 2 s, forgets its removal as fast, and rides out the database stopped 10 s", async () => {
		const url = await freshDatabase(cluster, 'live');
		const cache = join(temp, 'cache-live');
		const env = envFor(url, cache);
		expect((await cli(['import', DEFAULT_DATA], { env })).code).toBe(0);
		const console = startConsole(env);
		try {
			await waitFor(() => console.out.stderr.includes('corpus loaded'), 20_000);
			const changed = () => count(console.out.stderr, 'sources changed live');

			const added = await cli(['ingest', `${site.base}/article.html`], { env });
			expect(added.code).toBe(0);
			expect(await waitFor(() => changed() === 1, 2_000)).toBeLessThan(2_000);
			console.child.stdin.write(`${SEVAN}\n`);
			await waitFor(() => console.out.stdout.includes(SEVAN_LINK), 5_000);

			const id = /added (\S+):/.exec(added.stdout)?.[1];
			expect(id).toBeDefined();
			const removed = await cli(['remove', id!], { env });
			expect(removed.code).toBe(0);
			expect(await waitFor(() => changed() === 2, 2_000)).toBeLessThan(2_000);
			const before = console.out.stdout.length;
			console.child.stdin.write(`${SEVAN}\n`);
			await waitFor(() => console.out.stdout.length > before && console.out.stdout.endsWith('\n'), 5_000);
			await new Promise((r) => setTimeout(r, 200));
			expect(console.out.stdout.slice(before)).not.toContain(SEVAN_LINK);

			// The database is killed for 10 s: answers go on from memory, an ingest is refused plainly.
			await cluster.kill();
			const stoppedAt = Date.now();
			const mark = console.out.stdout.length;
			console.child.stdin.write('/ask Who led the Turkish side?\n');
			console.child.stdin.write(`/ingest url:${site.base}/changing.html\n`);
			await waitFor(() => console.out.stdout.includes('try again in a minute'), 10_000);
			const replies = console.out.stdout.slice(mark);
			expect(replies).toMatch(/\[\d\]|›|https?:\/\//);
			await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - stoppedAt))));
			await cluster.start();

			// Back: another process's ingest reaches the console.
			const after = await cli(['ingest', `${site.base}/changing.html`], { env });
			expect(after.code).toBe(0);
			await waitFor(() => changed() === 3, 10_000);
			expect(console.out.stderr).toContain('caucasus-ledger-2025-04-02');
			// No accepted write was lost to the kill: the removal before it holds, the ingest after it is there.
			const list = await cli(['source', '--list'], { env });
			expect(list.stdout).toContain('caucasus-ledger-2025-04-02');
			expect(list.stdout).not.toContain(`${id!}\t`);
		} finally {
			console.child.stdin.end();
			await console.closed;
		}
	}, 90_000);
});
