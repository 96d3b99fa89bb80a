import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDataDir } from './generate.js';
import { AUTO_COLUMNAR_AT, chooseEngine, ENGINE_NAMES, type EngineName } from '../src/core/search/engine.js';
import type { WorkerMode } from './scale-worker.js';

/** `SEARCH_ENGINE=auto` switches engines above this many paragraphs (engine.ts); the bench shows why. */
export { AUTO_COLUMNAR_AT };

/** Paragraph counts measured by default; `--full` adds a million, `--quick` keeps the first. */
export const DEFAULT_SIZES = [1_000, 10_000, 100_000] as const;
export const FULL_SIZE = 1_000_000;

/**
 * Heap limit given to MiniSearch's workers at a million paragraphs and more, MB: its JSON cache does
 * not fit Node's default (about 4 GB on this 24 GB machine). Ours run with the default, as the bot
 * does; the report prints the limit each worker ran with.
 */
export const LARGE_HEAP_MB = 12_288;
const LARGE = 1_000_000;

export interface Latency {
	readonly p50: number;
	readonly p95: number;
	readonly p99: number;
	readonly mean: number;
	/** Share of questions answered (ours) or with any hit (MiniSearch). */
	readonly answered: number;
}

export interface BuildFigures {
	readonly paragraphs: number;
	readonly textBytes?: number;
	readonly readMs: number;
	readonly buildMs: number;
	readonly heap: number;
	readonly save: { readonly ms: number; readonly bytes?: number; readonly error?: string };
	readonly heapLimit: number;
}

export interface LoadFigures {
	/** `hit` when our cold start used the cache the build wrote (anything else is a bench or cache bug). */
	readonly cache: string;
	readonly loadMs: number;
	/** From process start to ready: Node's boot, module loading and the load itself. */
	readonly processReadyMs: number;
	readonly heap: number;
	readonly ask: Latency;
	readonly heapLimit: number;
}

export interface SystemFigures {
	readonly build?: BuildFigures;
	readonly load?: LoadFigures;
	readonly errors: string[];
}

export interface ScaleReport {
	readonly paragraphs: number;
	readonly questions: number;
	readonly dir: string;
	/** Ms spent generating the corpus this run (0 when a previous run's was reused). */
	readonly generateMs: number;
	/** Our whole pipeline (index, cache, answer) with each search engine. */
	readonly engines: Record<EngineName, SystemFigures>;
	/** The engine `SEARCH_ENGINE=auto` picks at this size. */
	readonly auto: EngineName;
	/** The baseline: MiniSearch with its defaults, searching the question as typed. */
	readonly minisearch: SystemFigures;
}

/** The telling line of a worker's stderr: the error, else its last line. */
function why(stderr: string): string {
	const lines = stderr.trim().split('\n');
	return (lines.find((l) => /Error|heap out of memory|Allocation failed/i.test(l)) ?? lines.at(-1) ?? '')
		.trim()
		.slice(0, 300);
}

/** Runs scale-worker.js in a fresh process; its last stdout line is the result. */
export function runWorker(
	mode: WorkerMode,
	dir: string,
	paragraphs: number,
	engine: EngineName = 'columnar',
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
	const worker = join(import.meta.dirname, 'scale-worker.js');
	const flags = [
		'--expose-gc',
		...(paragraphs >= LARGE && (mode.startsWith('mini') || engine === 'minisearch')
			? [`--max-old-space-size=${LARGE_HEAP_MB}`]
			: []),
	];
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [...flags, worker, mode, dir, engine], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('close', (code, signal) => {
			const last = stdout.trim().split('\n').pop() ?? '';
			if (code === 0 && last.startsWith('{')) resolve({ ok: true, value: JSON.parse(last) });
			else resolve({ ok: false, error: `${mode} exited ${code ?? signal}: ${why(stderr)}` });
		});
	});
}

async function measure(
	dir: string,
	paragraphs: number,
	system: 'ours' | 'mini',
	log: (s: string) => void,
	engine: EngineName = 'columnar',
): Promise<SystemFigures> {
	const errors: string[] = [];
	const name = system === 'ours' ? `ours (${engine})` : 'MiniSearch defaults';
	log(`  ${paragraphs} paragraphs: ${name} build`);
	const build = await runWorker(`${system}-build`, dir, paragraphs, engine);
	if (!build.ok) return { errors: [build.error] };
	log(`  ${paragraphs} paragraphs: ${name} cold start and questions`);
	const load = await runWorker(`${system}-load`, dir, paragraphs, engine);
	if (!load.ok) return { build: build.value as BuildFigures, errors: [load.error] };
	const figures = load.value as LoadFigures;
	if (figures.cache !== 'hit') errors.push(`cold start did not use the cache (${figures.cache})`);
	return { build: build.value as BuildFigures, load: figures, errors };
}

/** Generates (or reuses) each size's corpus under `outDir`, then measures ours and MiniSearch on it. */
export async function benchScale(
	outDir: string,
	sizes: readonly number[],
	seed: number,
	questions: number,
	log: (s: string) => void,
): Promise<ScaleReport[]> {
	const reports: ScaleReport[] = [];
	for (const paragraphs of sizes) {
		const dir = join(outDir, `news-${seed}-${paragraphs}`);
		const started = performance.now();
		log(`  ${paragraphs} paragraphs: corpus in ${dir}`);
		const generated = await ensureDataDir(dir, seed, paragraphs, questions);
		const generateMs = generated ? performance.now() - started : 0;
		const engines = {} as Record<EngineName, SystemFigures>;
		for (const engine of ENGINE_NAMES) engines[engine] = await measure(dir, paragraphs, 'ours', log, engine);
		const minisearch = await measure(dir, paragraphs, 'mini', log);
		reports.push({
			paragraphs,
			questions,
			dir,
			generateMs,
			engines,
			auto: chooseEngine('auto', paragraphs),
			minisearch,
		});
	}
	return reports;
}
