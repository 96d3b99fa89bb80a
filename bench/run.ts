import { benchExactWindowSets, exactWindowsSection } from './exact-windows-bench.js';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/app.js';
import { loadBackground, loadDataDir } from '../src/store/data-dir.js';
import { benchAnswerQuality } from './answer-quality.js';
import { diagnoseCranfield } from './cranfield-diagnose.js';
import { benchDiscord, discordSection } from './discord.js';
import { benchCranfield, cranfieldCorpus, loadCranfield } from './cranfield.js';
import { benchLibraries } from './libraries.js';
import {
	cranfieldSection,
	diagnosticsSection,
	enginesSection,
	librariesSection,
	qualitySection,
	scaleSection,
} from './sections.js';
import { benchScale, DEFAULT_SIZES, FULL_SIZE } from './scale.js';
import { benchStores, storesSection } from './stores.js';
import { formatSection, ratioOf, type Section } from './table.js';

/**
 * `npm run bench [-- --quick | --full] [--json] [--seed N] [--questions N] [--sizes 10000,50000] [--only a,b]`
 *   default  Cranfield + diagnostics, answer quality, scale at 10k and 100k paragraphs, server libraries
 *            (1,000 × 50 sources against the same paragraphs shared), and the Discord round trip: 300
 *            /ask interactions (after 20 warm-up) through the fake Discord to the real bot
 *   --quick  Cranfield and 10k only (a fast check); the Discord round trip with 100 interactions, not 300
 *   --full   also 1M paragraphs (minutes, several GB of heap)
 *   --json   one JSON object on stdout instead of tables; progress always goes to stderr
 *   --only   just these sections: cranfield (with diagnostics), quality, scale (with engines and exact
 *            windows), libraries, discord, stores; --only libraries runs it under --quick too
 *   stores   the PostgreSQL store beside the data directory (cold start, ingest rate, change to every
 *            process), on a throwaway cluster; in the default run, and with --only stores
 */
const USAGE =
	'usage: npm run bench -- [--quick | --full] [--json] [--seed N] [--questions N] [--sizes N,N,…] [--only cranfield,quality,scale,libraries,discord,stores]';

const SECTION_NAMES = ['cranfield', 'quality', 'scale', 'libraries', 'discord', 'stores'] as const;
type SectionName = (typeof SECTION_NAMES)[number];

const { values } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		full: { type: 'boolean', default: false },
		json: { type: 'boolean', default: false },
		seed: { type: 'string', default: '42' },
		questions: { type: 'string', default: '300' },
		sizes: { type: 'string' },
		only: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});

const log = (s: string) => process.stderr.write(`${s}\n`);

function sizesWanted(): number[] {
	if (values.sizes !== undefined) return values.sizes.split(',').map(Number);
	if (values.quick) return [10_000];
	return values.full ? [...DEFAULT_SIZES, FULL_SIZE] : [...DEFAULT_SIZES];
}

/** The commit measured, and whether src/ or commands/ had changes not yet committed. */
function revision(root: string): string {
	try {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
		const dirty = git('status', '--porcelain', '--', 'src', 'commands').length > 0;
		return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in src/ or commands/' : ''}`;
	} catch {
		return 'commit unknown';
	}
}

async function main(): Promise<void> {
	if (values.help) return void process.stdout.write(`${USAGE}\n`);
	const root = projectRoot();
	const seed = Number(values.seed);
	const questions = Number(values.questions);
	const sizes = sizesWanted();
	if (![seed, questions, ...sizes].every((n) => Number.isInteger(n) && n >= 0)) throw new Error(USAGE);
	const only = values.only?.split(',');
	if (only?.some((name) => !(SECTION_NAMES as readonly string[]).includes(name))) throw new Error(USAGE);
	const wanted = (name: SectionName) => only === undefined || only.includes(name);
	const sections: Section[] = [];
	const report: Record<string, unknown> = {
		command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
		node: process.version,
		machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30) },
		seed,
		revision: revision(root),
	};

	const cranDir = resolve(root, '..', 'shared', 'bench', 'cranfield');
	const data = wanted('cranfield') ? loadCranfield(cranDir) : undefined;
	if (wanted('cranfield') && data === undefined) {
		log(`Cranfield: skipped, no collection in ${cranDir}`);
		sections.push({
			title: 'Ranking quality: Cranfield',
			baseline: 'BM25 ref',
			rows: [],
			notes: [`skipped: ${cranDir} not found`],
		});
	} else if (data !== undefined) {
		log('Cranfield: ranking 225 queries with ours, BM25 and MiniSearch');
		const background = loadBackground();
		const corpus = cranfieldCorpus(data, background);
		const cranfield = benchCranfield(data, corpus, cranfieldCorpus(data, background, 'title', 'columnar'));
		report.cranfield = cranfield;
		sections.push(cranfieldSection(cranfield));
		if (!values.quick) {
			log('Cranfield: diagnostics');
			const diagnostics = diagnoseCranfield(data, corpus, cranfieldCorpus(data, background, 'none'));
			report.cranfieldDiagnostics = diagnostics;
			sections.push(diagnosticsSection(diagnostics, cranfield.bm25));
		}
	}

	if (!values.quick && wanted('quality')) {
		log('Answer quality: dev and held-out questions');
		const { corpus } = await loadDataDir(join(root, 'index-data'));
		const files = [
			resolve(root, '..', 'shared', 'eval', 'dev.jsonl'),
			...['a', 'b'].map((x) => join(root, 'test', 'fixtures', `eval-heldout-${x}.jsonl`)),
		];
		const quality = benchAnswerQuality(corpus, files);
		report.answerQuality = quality;
		sections.push(qualitySection(quality));
	}

	if (wanted('scale')) {
		log(`Scale: ${sizes.join(', ')} paragraphs`);
		const scale = await benchScale(join(root, 'bench', 'out'), sizes, seed, questions, log);
		report.scale = scale;
		sections.push(...scale.map(scaleSection), enginesSection(scale));

		log('Exact windows: 200 pasted 3–8-word windows per corpus, ours and MiniSearch defaults');
		const exact = await benchExactWindowSets(scale.map((r) => r.dir).slice(-1), seed);
		report.exactWindows = exact;
		sections.push(exactWindowsSection(exact));
	}

	if (wanted('libraries') && (!values.quick || only !== undefined)) {
		log('Server libraries: /ask through 1,000 server libraries against the same paragraphs shared');
		const libraries = await benchLibraries(join(root, 'bench', 'out'), seed, questions, log);
		if (libraries.error !== undefined) process.exitCode = 1;
		report.libraries = libraries;
		sections.push(librariesSection(libraries));
	}

	if (wanted('discord')) {
		const interactions = values.quick ? 100 : 300;
		log(`Discord: ${interactions} /ask interactions through the fake Discord to the bot`);
		const discord = await benchDiscord({ interactions, warmup: 20, dataDir: join(root, 'index-data'), log });
		if ('error' in discord) process.exitCode = 1;
		report.discord = discord;
		sections.push(discordSection(discord));
	}

	if (wanted('stores') && (!values.quick || only !== undefined)) {
		const stores = await benchStores(seed, log);
		if (stores.error !== undefined) process.exitCode = 1;
		report.stores = stores;
		sections.push(storesSection(stores));
	}

	if (values.json) {
		report.tables = sections.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, ratio: ratioOf(r) })) }));
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	const header = `Verbatim benchmarks: ${String(report.command)}\n(${String(report.revision)}; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GB; seed ${seed})`;
	process.stdout.write(`${[header, ...sections.map(formatSection)].join('\n\n')}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
