import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer/answer.js';
import { parseCatalog } from '../../src/core/catalog.js';
import { isAlive } from '../../src/ingest/lock.js';
import { loadDataDir } from '../../src/store/data-dir.js';
import { decodeIndexCache } from '../../src/store/index-cache.js';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir } from '../fixtures/ingest/server.js';

let dir: string;
let inputs: string;
/** Data directories beside `dir` for the kill runs, so several run at once. */
const moreDirs: string[] = [];

beforeAll(() => {
	dir = copyDataDir(DEFAULT_DATA);
	inputs = mkdtempSync(join(tmpdir(), 'verbatim-inputs-'));
});
afterAll(() => {
	removeDataDir(dir);
	for (const d of moreDirs) removeDataDir(d);
	rmSync(inputs, { recursive: true, force: true });
});

/** A distinct article's text (each paragraph names its run, so no two are the same text). */
function article(name: string): { path: string; text: string } {
	const paragraphs = Array.from(
		{ length: 40 },
		(_, i) =>
			`Run ${name}, paragraph ${i}: the river authority measured ${i * 7} cubic metres of flow at the ${name} gauge.`,
	);
	const path = join(inputs, `${name}.txt`);
	writeFileSync(path, paragraphs.join('\n\n'));
	return { path, text: `${paragraphs.join('\n')}\n` };
}

const args = (path: string, name: string) => [
	'ingest',
	path,
	'--url',
	`https://crash.example.org/${name}`,
	'--title',
	`Gauge ${name}`,
	'--published',
	'2025-06-01',
	'--publisher',
	'Crash Test Gazette',
];

const QUESTION = 'Who leads the Turkish delegation to Armenia?';

/**
 * Runs the CLI on `data` and SIGKILLs it right after its `k`-th change to the directory `watched`
 * (a file created, written, renamed or removed: the lock, a temporary file, its flush, the rename
 * over the target). Timed by the writes themselves, the kills land inside them whatever the
 * machine's speed. Resolves with whether the process was killed (false: it finished first).
 */
function killAtChange(cliArgs: string[], data: string, watched: string, k: number): Promise<boolean> {
	const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...cliArgs], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', INDEX_DATA_DIR: data, LOG_LEVEL: 'warn' },
		stdio: 'ignore',
	});
	let changes = 0;
	const watcher = watch(watched, () => {
		if (++changes === k) child.kill('SIGKILL');
	});
	return new Promise((resolve) =>
		child.on('exit', (_code, signal) => {
			watcher.close();
			resolve(signal === 'SIGKILL');
		}),
	);
}

/** The catalog parses, loads without problems, has unique ids, and every file it names is whole. */
function expectConsistent(expected: ReadonlyMap<string, string>, data = dir): Set<string> {
	const { sources, problems } = parseCatalog(JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8')));
	expect(problems).toEqual([]);
	expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
	const urls = new Set<string>();
	for (const s of sources) {
		expect(existsSync(join(data, s.file)), s.file).toBe(true);
		const want = expected.get(s.url);
		if (want !== undefined) expect(readFileSync(join(data, s.file), 'utf8'), s.id).toBe(want);
		urls.add(s.url);
	}
	const lock = join(data, '.lock');
	if (existsSync(lock)) {
		const pid = readFileSync(lock, 'utf8').split('\n')[0]?.trim() ?? '';
		// Empty when the kill came between creating the lock and writing the pid in it: the next ingest
		// takes such a lock once it is 2 s old. A pid must be a dead process's.
		if (pid !== '') expect(isAlive(Number(pid)), `lock held by ${pid}`).toBe(false);
	}
	return urls;
}

/** Every index the cache holds under its real name is whole, and the directory loads (no source skipped) and answers. */
async function expectLoadsAndAnswers(data: string): Promise<void> {
	const cache = join(data, '.cache');
	for (const name of existsSync(cache) ? readdirSync(cache) : []) {
		if (/^index-[0-9a-f]+\.bin$/.test(name))
			expect(decodeIndexCache(readFileSync(join(cache, name))).ok, name).toBe(true);
	}
	const { corpus, report } = await loadDataDir(data);
	expect(report.problems).toEqual([]);
	const reply = answer(corpus, QUESTION);
	expect(reply.answered).toBe(true);
	for (const r of reply.results) expect(r.passage).toContain(r.quote);
}

describe('ingest under crashes and contention', () => {
	it('keeps the catalog and the cache whole when an ingest or a cache write is killed at any moment (100 runs)', async () => {
		const RUNS = 100;
		const LANES = 4;
		const BATCHES = RUNS / LANES;
		moreDirs.push(...Array.from({ length: LANES - 1 }, () => copyDataDir(DEFAULT_DATA)));
		const lanes = [dir, ...moreDirs];
		const expected = new Map<string, string>();
		/** Where each kill landed, by what it left: counted to show the kills hit the writes. */
		const landed = { ingest: new Map<string, number>(), cache: new Map<string, number>() };
		const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

		/** Kills an ingest at its k-th change to the directory: the lock, the text's temporary file, its flush, its rename, the same for the catalog, the unlock. */
		const killIngest = async (data: string, run: number, k: number) => {
			const name = `kill-${run}`;
			const url = `https://crash.example.org/${name}`;
			const { path, text } = article(name);
			expected.set(url, text);
			const before = new Set(readdirSync(data));
			const killed = await killAtChange(args(path, name), data, data, k);
			const left = readdirSync(data).filter((f) => !before.has(f) && !f.startsWith('.lock'));
			const catalogued = readFileSync(join(data, 'sources.json'), 'utf8').includes(url);
			count(
				landed.ingest,
				!killed
					? 'finished first'
					: catalogued
						? 'after the catalog write'
						: left.length > 0
							? 'mid-write'
							: 'before writing',
			);
		};
		/** Kills `ask` at its k-th change to `.cache/` (emptied first, so it builds and saves the index): the temporary file, its flush, its rename out, the new name. */
		const killCacheWrite = async (data: string, k: number) => {
			const cache = join(data, '.cache');
			rmSync(cache, { recursive: true, force: true });
			mkdirSync(cache);
			const killed = await killAtChange(['ask', QUESTION], data, cache, k);
			const files = readdirSync(cache);
			const whole = files.some((f) => /^index-[0-9a-f]+\.bin$/.test(f));
			count(
				landed.cache,
				!killed
					? 'finished first'
					: whole
						? 'after the cache write'
						: files.length > 0
							? 'mid-write'
							: 'before writing',
			);
		};

		// Four data directories at a time; the checks run between the batches, so nothing in this
		// process delays a kill. Every fourth run kills `ask` while it saves the index cache, the
		// others an ingest while it holds the lock. A kill right after the lock is created leaves it
		// empty, and an empty lock is taken only once 2 s old: that moment is the last batch's, so
		// the ingests that follow the loop take those locks over rather than every batch waiting.
		for (let batch = 0; batch < BATCHES; batch++) {
			const last = batch === BATCHES - 1;
			await Promise.all(
				lanes.map((data, lane) => {
					const run = batch * LANES + lane;
					return lane === LANES - 1
						? killCacheWrite(data, 1 + (batch % 4))
						: killIngest(data, run, last ? 1 : 2 + (run % 12));
				}),
			);
			for (const data of lanes) {
				expectConsistent(expected, data);
				await expectLoadsAndAnswers(data);
			}
		}
		const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
		console.info(
			`ingests killed: ${JSON.stringify(Object.fromEntries(landed.ingest))}; cache writes killed: ${JSON.stringify(Object.fromEntries(landed.cache))}`,
		);
		expect(total(landed.ingest) + total(landed.cache)).toBe(RUNS);
		for (const m of [landed.ingest, landed.cache]) expect(m.get('finished first') ?? 0).toBeLessThan(total(m) / 2);
		// Ingests write, flush and rename two files under a lock: kills land inside those writes. The
		// cache of the default corpus is one small file whose flush may take no time (tmpfs), so a kill
		// inside it is counted, not required.
		expect(landed.ingest.get('mid-write') ?? 0).toBeGreaterThan(0);
		// Whatever was left (a stale lock, a text file with no entry), the next ingest goes through.
		await Promise.all(
			lanes.map(async (data, lane) => {
				const name = `after-${lane}`;
				const last = article(name);
				expected.set(`https://crash.example.org/${name}`, last.text);
				const r = await cli(args(last.path, name), { env: { INDEX_DATA_DIR: data } });
				expect(r.stderr).toBe('');
				expect(r.code).toBe(0);
				expect(expectConsistent(expected, data).has(`https://crash.example.org/${name}`)).toBe(true);
				// Temporary files of killed writes are swept up under the lock by the next ingest.
				expect(readdirSync(data).filter((f) => /\.tmp-|\.stale-/.test(f))).toEqual([]);
				await expectLoadsAndAnswers(data);
			}),
		);
	}, 180_000);

	it('lets concurrent ingests take turns: all added, unique ids, nothing lost', async () => {
		const names = Array.from({ length: 6 }, (_, i) => `together-${i}`);
		const runs = await Promise.all(
			names.map((name) => cli(args(article(name).path, name), { env: { INDEX_DATA_DIR: dir } })),
		);
		for (const r of runs) expect(r.code, r.stderr).toBe(0);
		const { sources } = parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')));
		const ours = sources.filter((s) => s.url.includes('/together-'));
		expect(ours).toHaveLength(6);
		expect(new Set(ours.map((s) => s.id)).size).toBe(6);
	}, 60_000);

	it('adds the same article once when it is ingested several times at once', async () => {
		const { path } = article('same');
		const runs = await Promise.all(
			Array.from({ length: 4 }, () => cli(args(path, 'same'), { env: { INDEX_DATA_DIR: dir } })),
		);
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
