import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
	GENERATOR_VERSION,
	generateCorpus,
	loadVocabulary,
	type CatalogEntry,
	type GeneratedQuestion,
} from './news.js';

/**
 * Writes the generated news corpus (news.ts) as a data directory (INTERFACE.md): sources.json, one
 * text file a source under texts/, one paragraph a line, and questions.jsonl beside them.
 *
 * Usage: node dist/bench/generate.js --paragraphs 100000 [--seed 42] [--questions 300] --out DIR
 */
/** What a finished generated directory records, so a later run can reuse it. */
interface Marker {
	readonly version: number;
	readonly seed: number;
	readonly paragraphs: number;
	readonly questions: number;
}

const MARKER = '.generated.json';
export const QUESTIONS_FILE = 'questions.jsonl';

/** Writes a data directory (sources.json, texts/…, questions.jsonl), replacing what was there. */
export async function writeDataDir(dir: string, seed: number, paragraphs: number, questions: number): Promise<void> {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	const catalog: CatalogEntry[] = [];
	const corpus = generateCorpus(seed, loadVocabulary(), paragraphs, questions);
	let step = corpus.next();
	const folders = new Set<string>();
	while (step.done !== true) {
		const { entry, paragraphs: ps } = step.value;
		const folder = join(dir, entry.file, '..');
		if (!folders.has(folder)) {
			await mkdir(folder, { recursive: true });
			folders.add(folder);
		}
		await writeFile(join(dir, entry.file), `${ps.join('\n')}\n`);
		catalog.push(entry);
		step = corpus.next();
	}
	await writeFile(join(dir, 'sources.json'), `[\n${catalog.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
	await writeFile(join(dir, QUESTIONS_FILE), step.value.map((q) => JSON.stringify(q)).join('\n') + '\n');
	const marker: Marker = { version: GENERATOR_VERSION, seed, paragraphs, questions };
	await writeFile(join(dir, MARKER), JSON.stringify(marker));
}

/** Generates the directory unless it already holds this very corpus; true when it had to. */
export async function ensureDataDir(
	dir: string,
	seed: number,
	paragraphs: number,
	questions: number,
): Promise<boolean> {
	const want: Marker = { version: GENERATOR_VERSION, seed, paragraphs, questions };
	if (existsSync(join(dir, MARKER))) {
		const have = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as Marker;
		if (JSON.stringify(have) === JSON.stringify(want)) return false;
	}
	await writeDataDir(dir, seed, paragraphs, questions);
	return true;
}

export async function readQuestions(dir: string): Promise<GeneratedQuestion[]> {
	const raw = await readFile(join(dir, QUESTIONS_FILE), 'utf8');
	return raw
		.split('\n')
		.filter((l) => l.length > 0)
		.map((l) => JSON.parse(l) as GeneratedQuestion);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			paragraphs: { type: 'string', default: '10000' },
			seed: { type: 'string', default: '42' },
			questions: { type: 'string', default: '300' },
			out: { type: 'string' },
		},
	});
	const paragraphs = Number(values.paragraphs);
	if (!Number.isInteger(paragraphs) || paragraphs < 1 || values.out === undefined) {
		process.stderr.write('usage: generate --paragraphs N [--seed S] [--questions Q] --out DIR\n');
		process.exitCode = 2;
		return;
	}
	const out = resolve(values.out);
	await writeDataDir(out, Number(values.seed), paragraphs, Number(values.questions));
	process.stdout.write(`${out}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
