import { join } from 'node:path';
import { ensureDataDir } from './generate.js';
import { runWorker, type Latency } from './scale.js';

/**
 * /ask with many server libraries in one index: the same paragraphs cut into GUILDS × SOURCES_PER_GUILD
 * sources, all shared (the baseline) or each in a server's library, asked through the view a
 * server's reader gets (viewOf(corpus, readableLibraries(library)), a filter over the whole index).
 * Measured by scale-worker.ts's `libraries` mode in a fresh process.
 */
export const GUILDS = 1_000;
export const SOURCES_PER_GUILD = 50;
/** Server ids are GUILD_ID_BASE, GUILD_ID_BASE + 1, …: 18 digits, like Discord's snowflakes. */
export const GUILD_ID_BASE = 100_000_000_000_000_001n;
/** The paragraphs cut up: the scale section's 100k corpus and its questions (2 paragraphs a source). */
export const LIBRARIES_PARAGRAPHS = 100_000;
/** The goal: a server's /ask p95 within this factor of the same paragraphs in the shared library alone. */
export const LIBRARIES_GOAL = 1.2;

export interface LibrariesFigures {
	readonly sources: number;
	readonly guilds: number;
	readonly paragraphs: number;
	/** Paragraphs of the all-shared corpus: the same texts, so equal to `paragraphs`. */
	readonly sharedParagraphs: number;
	readonly questions: number;
	readonly buildSharedMs: number;
	readonly buildGuildsMs: number;
	/** Mean ms to make one view (what a server's first question after a while pays once). */
	readonly viewMs: number;
	readonly heap: number;
	readonly heapLimit: number;
	/** Every source shared, asked through viewOf(corpus, ['shared']). */
	readonly shared: Latency;
	/** Every source in a server library, each question asked through a random server's view. */
	readonly randomGuild: Latency;
	/** The same, asked through the view of the server holding the paragraph the question was made from. */
	readonly ownGuild: Latency;
	/** Results (of either server pass, timed or the untimed top-10 guard) from a library the view does not read. */
	readonly violations: number;
	readonly checked: number;
}

export interface LibrariesReport {
	readonly dir: string;
	readonly engine: 'columnar';
	readonly figures?: LibrariesFigures;
	readonly error?: string;
}

export async function benchLibraries(
	outDir: string,
	seed: number,
	questions: number,
	log: (s: string) => void,
): Promise<LibrariesReport> {
	const dir = join(outDir, `news-${seed}-${LIBRARIES_PARAGRAPHS}`);
	log(`  corpus in ${dir}`);
	await ensureDataDir(dir, seed, LIBRARIES_PARAGRAPHS, questions);
	log(`  ${GUILDS} libraries × ${SOURCES_PER_GUILD} sources: two column-engine builds, then the questions`);
	const run = await runWorker('libraries', dir, LIBRARIES_PARAGRAPHS, 'columnar');
	return run.ok
		? { dir, engine: 'columnar', figures: run.value as LibrariesFigures }
		: { dir, engine: 'columnar', error: run.error };
}
