import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Draft } from '../src/ingest/commit.js';
import { loadBackground, loadFromStore } from '../src/store/data-dir.js';
import { dirStore } from '../src/store/dir-store.js';
import { openPgStore } from '../src/store/postgres/pg-store.js';
import type { Store } from '../src/store/store.js';
import { quantile } from './metrics.js';
import { startCluster } from './postgres-cluster.js';
import { mulberry32, type Random } from './prng.js';
import type { Section } from './table.js';

/** Sources stored before the start is timed, and then ingested one at a time for the rate. */
export const STORE_SOURCES = 300;
/** Changes timed from commit to every watching process reading them. */
const CHANGES = 20;
/** Processes watching the store beside the writer. */
const WATCHERS = 3;

export interface StoreFigures {
	/** Load the corpus (catalog + texts) and build its index, no cache: ms. */
	readonly coldStartMs: number;
	/** The same with the index cache in place: ms (what a restart costs). */
	readonly cachedStartMs: number;
	/** Drafts committed one after another: sources per second. */
	readonly ingestPerSecond: number;
	/** From a commit's start to the last of {@link WATCHERS} processes reading it: ms, p50 and max. */
	readonly visibleP50Ms: number;
	readonly visibleMaxMs: number;
}

export interface StoresReport {
	readonly sources: number;
	readonly dir?: StoreFigures;
	readonly postgres?: StoreFigures;
	readonly postgresBin?: string;
	readonly error?: string;
}

const WORDS =
	'council minister border bridge rail talks budget election court river harbour treaty report water energy grain vote mayor port museum'.split(
		' ',
	);

function draftOf(n: number, random: Random): Draft {
	const paragraphs = Array.from({ length: 8 }, (_, p) =>
		Array.from({ length: 40 }, () => random.pick(WORDS))
			.join(' ')
			.replace(/^./, (c) => `${c.toUpperCase()}${n} ${p} `),
	);
	return {
		title: `Bench story ${n}`,
		publisher: 'Bench News',
		url: `https://bench.example/story-${n}`,
		published: '2025-01-01',
		authors: [],
		paragraphs: paragraphs.map((p) => `${p}.`),
		aliases: [],
		host: 'bench.example',
	};
}

function startWatcher(
	args: string[],
): Promise<{ child: ChildProcessByStdio<Writable, Readable, null>; seen: (n: number) => Promise<number> }> {
	const script = fileURLToPath(new URL('./store-watcher.js', import.meta.url));
	const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
	const lines: string[] = [];
	let buffer = '';
	let wake: (() => void) | undefined;
	child.stdout.on('data', (d: Buffer) => {
		buffer += d.toString();
		const parts = buffer.split('\n');
		buffer = parts.pop() ?? '';
		lines.push(...parts);
		wake?.();
	});
	const next = () => new Promise<void>((resolve) => (wake = resolve));
	/** When this watcher first read at least `n` entries (wall-clock ms). */
	const seen = async (n: number): Promise<number> => {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const hit = lines.find((l) => Number(l.split(' ')[0]) >= n);
			if (hit !== undefined) return Number(hit.split(' ')[1]);
			if (Date.now() > deadline) throw new Error(`a watcher did not see ${n} entries in 30 s`);
			await Promise.race([next(), new Promise((r) => setTimeout(r, 100))]);
		}
	};
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		const ready = () => (lines.includes('ready') ? resolve({ child, seen }) : setTimeout(ready, 20));
		ready();
	});
}

/** Times one store: cold and cached start over {@link STORE_SOURCES} sources, the ingest rate, the change delay. */
async function measure(
	open: () => Promise<Store>,
	fresh: () => Promise<void>,
	watcherArgs: string[],
	seed: number,
): Promise<StoreFigures> {
	await fresh();
	const random = mulberry32(seed);
	const writer = await open();
	try {
		const started = performance.now();
		for (let n = 0; n < STORE_SOURCES; n++) await writer.commit(draftOf(n, random));
		const ingestPerSecond = STORE_SOURCES / ((performance.now() - started) / 1_000);
		const cold = await loadFromStore(writer);
		if (cold.report.cache !== 'built') throw new Error(`expected a cold start, got ${cold.report.cache}`);
		const cached = await loadFromStore(writer);
		const watchers = await Promise.all(Array.from({ length: WATCHERS }, () => startWatcher(watcherArgs)));
		await new Promise((r) => setTimeout(r, 500));
		const delays: number[] = [];
		try {
			for (let i = 0; i < CHANGES; i++) {
				// From the commit's start: a watcher may see the change before the commit returns (the data
				// directory's catalog is renamed into place before its audit line is written).
				const committed = Date.now();
				await writer.commit(draftOf(STORE_SOURCES + i, random));
				const seen = await Promise.all(watchers.map((w) => w.seen(STORE_SOURCES + i + 1)));
				delays.push(Math.max(...seen) - committed);
			}
		} finally {
			for (const w of watchers) w.child.stdin.end();
		}
		const sorted = [...delays].sort((a, b) => a - b);
		return {
			coldStartMs: cold.report.ms,
			cachedStartMs: cached.report.ms,
			ingestPerSecond,
			visibleP50Ms: quantile(sorted, 0.5),
			visibleMaxMs: Math.max(...sorted),
		};
	} finally {
		await writer.close();
	}
}

/**
 * The PostgreSQL store beside the data directory, on the same synthetic sources: a throwaway
 * cluster on 127.0.0.1 (bench/postgres-cluster.ts) for the database, a temp dir for the files.
 */
export async function benchStores(seed: number, log: (s: string) => void): Promise<StoresReport> {
	const root = await mkdtemp(join(tmpdir(), 'verbatim-bench-stores-'));
	const dir = join(root, 'data');
	const cache = join(root, 'cache');
	let postgresBin: string | undefined;
	// The word ranks an index is built with are loaded once per process: loaded here, neither store's cold start pays it.
	loadBackground();
	try {
		log(`Stores: the data directory, ${STORE_SOURCES} sources`);
		const dirFigures = await measure(
			() => Promise.resolve(dirStore(dir)),
			async () => {
				await rm(dir, { recursive: true, force: true });
				await mkdir(dir, { recursive: true });
				await writeFile(join(dir, 'sources.json'), '[]\n');
			},
			['dir', dir],
			seed,
		);
		log('Stores: PostgreSQL (a throwaway cluster on 127.0.0.1)');
		const cluster = await startCluster({ durable: true });
		postgresBin = cluster.bin;
		try {
			const pgFigures = await measure(
				() => openPgStore({ url: cluster.url, dataDir: cache }),
				async () => {
					await rm(cache, { recursive: true, force: true });
					await mkdir(cache, { recursive: true });
				},
				['pg', cluster.url, cache],
				seed,
			);
			return { sources: STORE_SOURCES, dir: dirFigures, postgres: pgFigures, postgresBin };
		} finally {
			await cluster.destroy();
		}
	} catch (error) {
		return { sources: STORE_SOURCES, error: error instanceof Error ? error.message : String(error) };
	} finally {
		await rm(root, { recursive: true, force: true });
	}
}

export function storesSection(r: StoresReport): Section {
	const title = `Stores: PostgreSQL (DATABASE_URL) beside the data directory, ${r.sources} sources of 8 paragraphs`;
	const { dir, postgres } = r;
	if (dir === undefined || postgres === undefined)
		return { title, baseline: 'data directory', rows: [], notes: [`failed: ${r.error ?? '?'}`] };
	return {
		title,
		baseline: 'data directory',
		rows: [
			{
				figure: 'cold start, ms (catalog + texts read, index built)',
				ours: postgres.coldStartMs,
				baseline: dir.coldStartMs,
				digits: 0,
			},
			{
				figure: 'start with the index cache, ms',
				ours: postgres.cachedStartMs,
				baseline: dir.cachedStartMs,
				digits: 0,
			},
			{
				figure: 'ingest rate, sources/s (commits one after another)',
				ours: postgres.ingestPerSecond,
				baseline: dir.ingestPerSecond,
				digits: 0,
			},
			{
				figure: `a commit's start to all ${WATCHERS} other processes reading it, p50 ms`,
				ours: postgres.visibleP50Ms,
				baseline: dir.visibleP50Ms,
				digits: 0,
			},
			{
				figure: `a commit's start to all ${WATCHERS} other processes reading it, max ms`,
				ours: postgres.visibleMaxMs,
				baseline: dir.visibleMaxMs,
				digits: 0,
			},
		],
		notes: [
			`PostgreSQL from ${r.postgresBin ?? '?'} on 127.0.0.1, fsync on; the data directory in the OS temp dir; ${CHANGES} changes timed, each watched by ${WATCHERS} separate processes`,
		],
	};
}
