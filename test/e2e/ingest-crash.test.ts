import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog.js';
import { isAlive } from '../../src/ingest/lock.js';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir } from '../fixtures/ingest/server.js';

let dir: string;
let inputs: string;

beforeAll(() => {
	dir = copyDataDir(DEFAULT_DATA);
	inputs = mkdtempSync(join(tmpdir(), 'verbatim-inputs-'));
});
afterAll(() => {
	removeDataDir(dir);
	rmSync(inputs, { recursive: true, force: true });
});

/** A distinct article's text (each paragraph names its run, so no two are the same text). */
function article(name: string): { path: string; text: string } {
	const paragraphs = Array.from({ length: 40 }, (_, i) => `Run ${name}, paragraph ${i}: the river authority measured ${i * 7} cubic metres of flow at the ${name} gauge.`);
	const path = join(inputs, `${name}.txt`);
	writeFileSync(path, paragraphs.join('\n\n'));
	return { path, text: `${paragraphs.join('\n')}\n` };
}

const args = (path: string, name: string) => ['ingest', path, '--url', `https://crash.example.org/${name}`, '--title', `Gauge ${name}`, '--published', '2025-06-01', '--publisher', 'Crash Test Gazette'];

function spawnIngest(path: string, name: string) {
	return spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...args(path, name)], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', INDEX_DATA_DIR: dir, LOG_LEVEL: 'warn' },
		stdio: 'ignore',
	});
}

/** The catalog parses, loads without problems, has unique ids, and every file it names is whole. */
function expectConsistent(expected: ReadonlyMap<string, string>): Set<string> {
	const { sources, problems } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
	expect(problems).toEqual([]);
	expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
	const urls = new Set<string>();
	for (const s of sources) {
		expect(existsSync(join(dir, s.file)), s.file).toBe(true);
		const want = expected.get(s.url);
		if (want !== undefined) expect(readFileSync(join(dir, s.file), 'utf8'), s.id).toBe(want);
		urls.add(s.url);
	}
	const lock = join(dir, '.lock');
	if (existsSync(lock)) expect(isAlive(Number(readFileSync(lock, 'utf8')))).toBe(false);
	return urls;
}

describe('ingest under crashes and contention', () => {
	it('keeps the catalog whole when an ingest is killed at any moment (20 runs)', async () => {
		const expected = new Map<string, string>();
		let killed = 0;
		for (let run = 0; run < 20; run++) {
			const name = `kill-${run}`;
			const { path, text } = article(name);
			expected.set(`https://crash.example.org/${name}`, text);
			const child = spawnIngest(path, name);
			// Node starts in ~0.3 s and the ingest is done by ~0.5 s: the delays cover start-up, reading, and writing.
			const timer = setTimeout(() => child.kill('SIGKILL'), 150 + Math.random() * 500);
			const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
			clearTimeout(timer);
			if (signal === 'SIGKILL') killed++;
			expectConsistent(expected);
		}
		expect(killed).toBeGreaterThan(0);
		// Whatever was left (a stale lock, a text file with no entry), the next ingest goes through.
		const last = article('after');
		expected.set('https://crash.example.org/after', last.text);
		const r = await cli(args(last.path, 'after'), { env: { INDEX_DATA_DIR: dir } });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(expectConsistent(expected).has('https://crash.example.org/after')).toBe(true);
		// Temporary files of killed writes are swept up under the lock by the next ingest.
		expect(readdirSync(dir).filter((f) => /\.tmp-|\.stale-/.test(f))).toEqual([]);
	}, 120_000);

	it('lets concurrent ingests take turns: all added, unique ids, nothing lost', async () => {
		const names = Array.from({ length: 6 }, (_, i) => `together-${i}`);
		const runs = await Promise.all(names.map((name) => cli(args(article(name).path, name), { env: { INDEX_DATA_DIR: dir } })));
		for (const r of runs) expect(r.code, r.stderr).toBe(0);
		const { sources } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
		const ours = sources.filter((s) => s.url.includes('/together-'));
		expect(ours).toHaveLength(6);
		expect(new Set(ours.map((s) => s.id)).size).toBe(6);
	}, 60_000);

	it('adds the same article once when it is ingested several times at once', async () => {
		const { path } = article('same');
		const runs = await Promise.all(Array.from({ length: 4 }, () => cli(args(path, 'same'), { env: { INDEX_DATA_DIR: dir } })));
		expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
		expect(runs.filter((r) => r.stdout.startsWith('added'))).toHaveLength(1);
		expect(runs.filter((r) => r.stdout.startsWith('unchanged'))).toHaveLength(3);
	}, 60_000);

	it('removes a lock left by a dead process and goes on', async () => {
		const dead = spawn(process.execPath, ['-e', '']);
		await new Promise((resolve) => dead.on('exit', resolve));
		writeFileSync(join(dir, '.lock'), `${dead.pid}\n`);
		const { path } = article('after-stale-lock');
		const r = await cli(args(path, 'after-stale-lock'), { env: { INDEX_DATA_DIR: dir } });
		expect(r.code, r.stderr).toBe(0);
		expect(existsSync(join(dir, '.lock'))).toBe(false);
	});
});
