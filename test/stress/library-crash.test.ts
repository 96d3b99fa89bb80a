import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answer/answer.js';
import { parseCatalog } from '../../src/core/catalog.js';
import { textHash } from '../../src/ingest/catalog-file.js';
import { isAlive } from '../../src/ingest/lock.js';
import { loadDataDir } from '../../src/store/data-dir.js';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir } from '../fixtures/ingest/server.js';
import { libraryTag } from '../../src/ingest/slug.js';

/**
 * Its budget: a run costs about a second of CPU (an ingest more, a remove less), so the 100 kills
 * and the checks take about a minute on two cores, four data directories at a time.
 *
 * `cli remove`, `cli ingest` of a local file into a server's library, and `cli ingest` of a page
 * whose text changed (an update), each SIGKILLed at a random one of its changes to the data
 * directory, 100 times: the catalog must always be the one before or the one after, never between,
 * and every entry's file whole.
 */

const GUILD = 'guild:111111111111111111';
const LANES = 4;
const RUNS = 100;

type Entry = Record<string, unknown>;
type Op = 'add' | 'remove' | 'update';

/** A small seeded generator (mulberry32), its seed printed, so a failing run can be replayed with LIBRARY_CRASH_SEED. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The page of lane `lane` at version `v`: the paragraphs change with every version. */
const pageParagraphs = (lane: number, v: number) => [
	`Lane ${lane} bulletin ${v}: the Sevan pumping station moved ${v * 13 + lane} thousand cubic metres overnight.`,
	'Operators said the station would keep to its summer schedule until the end of September.',
	`Bulletin ${v} of lane ${lane} lists ${v + 2} maintenance crews on duty at the station.`,
];
const pageOf = (lane: number, v: number) =>
	`---\ntitle: Sevan pumping bulletin\ndate: 2025-07-01\npublisher: Sevan Pump Report\n---\n\n${pageParagraphs(lane, v).join('\n\n')}\n`;
/** The version each lane's page serves now. */
const versions = new Map<number, number>();

let server: Server;
let port = 0;
let dirs: string[] = [];
let inputs: string;

const fileUrl = (lane: number) => `https://library-crash.example.org/lane-${lane}`;
const pageUrl = (lane: number) => `http://127.0.0.1:${port}/lane-${lane}.md`;
const fileParagraphs = (lane: number) =>
	Array.from(
		{ length: 30 },
		(_, i) => `Lane ${lane}, note ${i}: the guild archive logged ${i * 5 + lane} letters from the Gavar branch.`,
	);
const fileText = (lane: number) => `${fileParagraphs(lane).join('\n')}\n`;

const addArgs = (lane: number) => [
	'ingest',
	join(inputs, `lane-${lane}.txt`),
	'--url',
	fileUrl(lane),
	'--title',
	`Guild archive ${lane}`,
	'--published',
	'2025-06-01',
	'--publisher',
	'Library Crash Gazette',
	'--library',
	GUILD,
];
const env = (data: string) => ({
	PATH: process.env.PATH ?? '',
	INDEX_DATA_DIR: data,
	LOG_LEVEL: 'warn',
	ALLOW_PRIVATE_HOSTS: 'true',
	FETCH_PORTS: `80,443,${port}`,
});

const readRaw = (data: string) => JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8')) as Entry[];

beforeAll(async () => {
	server = createServer((req, res) => {
		const lane = /^\/lane-(\d+)\.md$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
		if (lane === undefined) {
			res.writeHead(404);
			res.end();
			return;
		}
		res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
		res.end(pageOf(Number(lane), versions.get(Number(lane)) ?? 0));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
	inputs = mkdtempSync(join(tmpdir(), 'verbatim-library-crash-'));
	dirs = Array.from({ length: LANES }, (_, lane) => {
		writeFileSync(join(inputs, `lane-${lane}.txt`), fileParagraphs(lane).join('\n\n'));
		return copyDataDir(DEFAULT_DATA);
	});
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	for (const d of dirs) removeDataDir(d);
	rmSync(inputs, { recursive: true, force: true });
});

/**
 * The lock and its breakers' guard. Their changes are not counted: a kill between the lock's
 * creation and its pid's write leaves a lock the next run must wait 2 s on (the ingest-crash
 * stress test kills there), and a run breaking a dead run's lock would spend its kills on that.
 */
const isLockFile = (name: string | null) => name !== null && name.startsWith('.lock');

/**
 * Runs the CLI on `data` and SIGKILLs it right after its `k`-th change to that directory (the lock,
 * a temporary file, its flush, a rename, the move to .removed/, the audit line). Resolves with
 * whether it was killed (false: it finished first) and its exit code otherwise.
 */
function killAtChange(args: string[], data: string, k: number): Promise<{ killed: boolean; code: number | null }> {
	const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...args], {
		cwd: ROOT,
		env: env(data),
		stdio: 'ignore',
	});
	let changes = 0;
	const watcher = watch(data, (_event, name) => {
		if (!isLockFile(name) && ++changes === k) child.kill('SIGKILL');
	});
	return new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			watcher.close();
			resolve({ killed: signal === 'SIGKILL', code });
		}),
	);
}

/** Every entry valid, ids unique, every file there and matching its recorded hash; a lock left is a dead process's. */
function expectWhole(data: string): void {
	const raw = readRaw(data);
	const { sources, problems } = parseCatalog(raw);
	expect(problems).toEqual([]);
	expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
	for (const entry of raw) {
		const path = join(data, entry.file as string);
		expect(existsSync(path), `${String(entry.id)}: ${String(entry.file)}`).toBe(true);
		if (typeof entry.textHash === 'string')
			expect(textHash(readFileSync(path, 'utf8')), String(entry.id)).toBe(entry.textHash);
	}
	const lock = join(data, '.lock');
	if (existsSync(lock)) {
		const pid = readFileSync(lock, 'utf8').split('\n')[0]?.trim() ?? '';
		if (pid !== '') expect(isAlive(Number(pid)), `lock held by ${pid}`).toBe(false);
	}
}

/** What one run is expected to leave: `before`, or an `after` it checks (the new entry's time and file name are the run's own). */
interface Plan {
	readonly op: Op;
	readonly args: string[];
	readonly before: Entry[];
	/** Throws unless `now` is the catalog after the run. */
	readonly expectAfter: (now: Entry[]) => void;
}

function planFor(lane: number, data: string, op: 'file' | 'update'): Plan {
	const before = readRaw(data);
	if (op === 'update') {
		const target = before.find((e) => e.url === pageUrl(lane))!;
		const v = (versions.get(lane) ?? 0) + 1;
		versions.set(lane, v);
		const text = `${pageParagraphs(lane, v).join('\n')}\n`;
		const hash = textHash(text);
		return {
			op,
			args: ['ingest', pageUrl(lane), '--library', GUILD],
			before,
			expectAfter: (now) => {
				expect(now).toHaveLength(before.length);
				const at = before.indexOf(target);
				expect(now.filter((_, i) => i !== at)).toEqual(before.filter((_, i) => i !== at));
				const entry = now[at]!;
				expect(entry.file).toMatch(new RegExp(`^${String(target.id)}\\.${hash.slice(0, 8)}(-\\d+)?\\.txt$`));
				expect(entry).toEqual({
					...target,
					file: entry.file,
					textHash: hash,
					bytes: Buffer.byteLength(text),
					paragraphs: 3,
				});
				expect(readFileSync(join(data, entry.file as string), 'utf8')).toBe(text);
			},
		};
	}
	const present = before.find((e) => e.url === fileUrl(lane));
	if (present !== undefined)
		return {
			op: 'remove',
			args: ['remove', String(present.id), '--library', GUILD],
			before,
			expectAfter: (now) => expect(now).toEqual(before.filter((e) => e !== present)),
		};
	const text = fileText(lane);
	return {
		op: 'add',
		args: addArgs(lane),
		before,
		expectAfter: (now) => {
			expect(now).toHaveLength(before.length + 1);
			expect(now.slice(0, -1)).toEqual(before);
			const entry = now.at(-1)!;
			expect(entry.id).toMatch(new RegExp(`^library-crash-gazette-2025-06-01-${libraryTag(GUILD)}(-\\d+)?$`));
			expect(entry).toEqual({
				id: entry.id,
				file: `${String(entry.id)}.txt`,
				title: `Guild archive ${lane}`,
				publisher: 'Library Crash Gazette',
				url: fileUrl(lane),
				published: '2025-06-01',
				authors: [],
				library: GUILD,
				addedBy: 'operator',
				addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) as string,
				textHash: textHash(text),
				bytes: Buffer.byteLength(text),
				paragraphs: 30,
				// Detected from the text (franc-min on 300 characters or more): the notes are English.
				language: 'en',
			});
			expect(readFileSync(join(data, `${String(entry.id)}.txt`), 'utf8')).toBe(text);
		},
	};
}

/** Which of the two the catalog is: before or after (anything else fails). */
function judge(plan: Plan, data: string): 'before' | 'after' {
	const now = readRaw(data);
	if (isDeepStrictEqual(now, plan.before)) return 'before';
	plan.expectAfter(now);
	return 'after';
}

describe('libraries under crashes', () => {
	it('keeps the catalog before or after when remove, a guild ingest and an update are killed at any moment (100 runs)', async () => {
		const seed = Number(process.env.LIBRARY_CRASH_SEED ?? Date.now() % 1_000_000);
		const rand = random(seed);
		console.info(`library-crash seed ${seed} (LIBRARY_CRASH_SEED to replay)`);

		// Each lane starts with its page (version 0) in the guild's library, and counts how many changes
		// to the directory each kind of run makes when not killed: the range its kills are drawn from.
		const changes: Record<Op, number> = { add: 0, remove: 0, update: 0 };
		await Promise.all(
			dirs.map(async (data, lane) => {
				versions.set(lane, 0);
				const r = await cli(['ingest', pageUrl(lane), '--library', GUILD], { env: env(data) });
				expect(r.stderr).toBe('');
				expect(r.stdout).toMatch(/^added /);
			}),
		);
		for (const op of ['file', 'file', 'update'] as const) {
			const plan = planFor(0, dirs[0]!, op);
			let n = 0;
			const watcher = watch(dirs[0]!, (_event, name) => {
				if (!isLockFile(name)) n++;
			});
			const r = await cli(plan.args, { env: env(dirs[0]!) });
			await new Promise((resolve) => setTimeout(resolve, 50));
			watcher.close();
			expect(r.code, r.stderr).toBe(0);
			expect(judge(plan, dirs[0]!)).toBe('after');
			changes[plan.op] = n;
		}
		console.info(`changes to the directory per run: ${JSON.stringify(changes)}`);
		for (const n of Object.values(changes)) expect(n).toBeGreaterThanOrEqual(4);

		const landed = new Map<string, number>();
		const count = (key: string) => landed.set(key, (landed.get(key) ?? 0) + 1);
		for (let batch = 0; batch < RUNS / LANES; batch++) {
			const plans = dirs.map((data, lane) => planFor(lane, data, (batch + lane) % 2 === 0 ? 'file' : 'update'));
			// A kill at a random one of the run's changes, or (one in n + 1) none: it finishes.
			const runs = await Promise.all(
				plans.map((plan, lane) =>
					killAtChange(plan.args, dirs[lane]!, 1 + Math.floor(rand() * (changes[plan.op] + 1))),
				),
			);
			for (const [lane, plan] of plans.entries()) {
				const data = dirs[lane]!;
				const { killed, code } = runs[lane]!;
				if (!killed) expect(code, `${plan.op} in lane ${lane}, batch ${batch}`).toBe(0);
				let state: string;
				try {
					state = judge(plan, data);
					expectWhole(data);
				} catch (error) {
					throw new Error(
						`${plan.op} in lane ${lane}, batch ${batch} (seed ${seed}, killed ${killed}): ${(error as Error).message}`,
						{ cause: error },
					);
				}
				count(`${plan.op} ${killed ? `killed, left ${state}` : 'finished first'}`);
			}
		}
		console.info(`runs: ${JSON.stringify(Object.fromEntries([...landed].sort(([a], [b]) => a.localeCompare(b))))}`);
		const total = [...landed.values()].reduce((a, b) => a + b, 0);
		expect(total).toBe(RUNS);
		const finished = [...landed].filter(([k]) => k.endsWith('finished first')).reduce((a, [, n]) => a + n, 0);
		expect(finished).toBeLessThan(RUNS / 2);
		// Every kind of run was killed, and the kills landed on both sides of the catalog's rename.
		const killed = (op: Op, side: string) => landed.get(`${op} killed, left ${side}`) ?? 0;
		for (const op of ['add', 'remove', 'update'] as const)
			expect(killed(op, 'before') + killed(op, 'after'), op).toBeGreaterThan(0);
		for (const side of ['before', 'after'])
			expect(killed('add', side) + killed('remove', side) + killed('update', side), side).toBeGreaterThan(0);

		// Whatever the kills left (a dead process's lock, a temporary file, a text file with no entry,
		// a removed entry's file not yet set aside), the next runs go through and the directory loads.
		await Promise.all(
			dirs.map(async (data, lane) => {
				for (const op of ['file', 'file', 'update'] as const) {
					const plan = planFor(lane, data, op);
					const r = await cli(plan.args, { env: env(data) });
					expect(r.stderr, `${plan.op} in lane ${lane}`).toBe('');
					expect(r.code).toBe(0);
					expect(judge(plan, data)).toBe('after');
					expectWhole(data);
				}
				const { corpus, report } = await loadDataDir(data);
				expect(report.problems).toEqual([]);
				const reply = answer(corpus, 'Who leads the Turkish delegation to Armenia?');
				expect(reply.answered).toBe(true);
			}),
		);
	}, 600_000);
});
