import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answer.js';
import { parseCatalog, type Source } from '../../src/core/catalog.js';
import { textHash } from '../../src/ingest/catalog-file.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir, snapshot } from '../fixtures/ingest/server.js';

/**
 * Libraries through the command line: what `--library` lets `ask`, `timeline` and `source` see,
 * `remove` and its refusal for another library, and re-ingesting a page whose text changed.
 */

const GUILD_A = 'guild:111111111111111111';
const GUILD_B = 'guild:222222222222222222';

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);

/** A loopback site whose one Markdown page, /changing.md, says whatever `page.version` holds. */
interface ChangingSite {
	readonly base: string;
	readonly port: number;
	close(): Promise<void>;
}
const page = { version: 1 };
/** Paragraphs of version `v` of the changing page: the first and last differ between versions. */
const changingParagraphs = (v: number) => [
	`Version ${v} of the report: the Tavush reservoir held ${v * 11} million cubic metres in early May.`,
	'The reservoir authority said the spring melt had come three weeks earlier than in most years.',
	`Engineers counted ${v * 3} leaking sluice gates on the southern dam during the version ${v} inspection.`,
];
const changingPage = (v: number) =>
	`---\ntitle: Tavush reservoir report\ndate: 2025-05-06\npublisher: Tavush Courier\n---\n\n${changingParagraphs(v).join('\n\n')}\n`;
/** The same article, always: ingested into several libraries. */
const steadyParagraphs = [
	'The Ijevan carpet school enrolled forty-two apprentices this autumn, its largest class in a decade.',
	'Its teachers said demand for hand-knotted rugs from buyers in Tbilisi had doubled since 2023.',
];
const steadyPage = (n: number) =>
	`---\ntitle: Ijevan carpet school ${n}\ndate: 2025-09-30\npublisher: Ijevan Loom\n---\n\n${steadyParagraphs.join('\n\n')}\n\nSchool number ${n}.\n`;

async function startChangingSite(): Promise<ChangingSite> {
	const server: Server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const steady = /^\/steady-(\d+)\.md$/.exec(path);
		if (path === '/changing.md' || steady !== null) {
			res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
			res.end(steady === null ? changingPage(page.version) : steadyPage(Number(steady[1])));
			return;
		}
		res.writeHead(404);
		res.end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		base: `http://127.0.0.1:${port}`,
		port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

let site: ChangingSite;
let dir: string;
let inputs: string;
const env = () => ({ INDEX_DATA_DIR: dir, ALLOW_PRIVATE_HOSTS: 'true', FETCH_PORTS: `80,443,${site.port}` });
const run = (args: string[]) => cli(args, { env: env() });
const rawCatalog = () => JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Record<string, unknown>[];
const catalog = () => parseCatalog(rawCatalog());
const removedFiles = () => (existsSync(join(dir, '.removed')) ? readdirSync(join(dir, '.removed')) : []);
const auditLines = () =>
	existsSync(join(dir, 'audit.jsonl'))
		? lines(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).map(
				(l) => JSON.parse(l) as { action: string; library: string; id?: string; by: string; at: string },
			)
		: [];

/** A guild's own article, with dated sentences so the timeline has events from it. */
const GUILD_TEXT = [
	'On 14 March 2025 the Zvartnots quokka sanctuary opened its gates to visitors, its director Lilit Harutyunyan said.',
	'The Zvartnots quokka sanctuary expects forty thousand visitors by 2 June 2025, according to Lilit Harutyunyan.',
];
const QUESTION = 'When did the Zvartnots quokka sanctuary open?';
const ingestGuildFile = (library: string, extra: string[] = []) =>
	run([
		'ingest',
		join(inputs, 'quokka.txt'),
		'--url',
		'https://quokka.example.net/2025/03/sanctuary',
		'--title',
		'Quokka sanctuary opens',
		'--published',
		'2025-03-15',
		'--publisher',
		'Zvartnots Herald',
		'--library',
		library,
		...extra,
	]);

const ask = async (library?: string): Promise<Answer> => {
	const r = await run(['ask', QUESTION, '--json', ...(library === undefined ? [] : ['--library', library])]);
	expect(r.stderr).toBe('');
	expect(r.code).toBe(0);
	return JSON.parse(r.stdout) as Answer;
};
const listed = async (library?: string): Promise<Source[]> => {
	const r = await run(['source', '--list', '--json', ...(library === undefined ? [] : ['--library', library])]);
	expect(r.code).toBe(0);
	return (JSON.parse(r.stdout) as { sources: Source[] }).sources;
};
const timelineSources = async (library?: string): Promise<Set<string>> => {
	const r = await run(['timeline', '--json', ...(library === undefined ? [] : ['--library', library])]);
	expect(r.code).toBe(0);
	const { events } = JSON.parse(r.stdout) as { events: { source: { id: string }; text: string }[] };
	return new Set(events.map((e) => e.source.id));
};

beforeAll(async () => {
	site = await startChangingSite();
	dir = copyDataDir(DEFAULT_DATA);
	inputs = mkdtempSync(join(tmpdir(), 'verbatim-library-'));
	writeFileSync(join(inputs, 'quokka.txt'), GUILD_TEXT.join('\n\n'));
});
afterAll(async () => {
	await site.close();
	removeDataDir(dir);
	rmSync(inputs, { recursive: true, force: true });
});

describe('cli --library: a server library is read only by that server', { timeout: 120_000 }, () => {
	let id: string;
	let file: string;

	it('ingests a local file into a guild library, recording who, when, and its text', async () => {
		const r = await ingestGuildFile(GUILD_A, ['--json']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const { results } = JSON.parse(r.stdout) as { results: { status: string; source: Source }[] };
		expect(results).toHaveLength(1);
		expect(results[0]?.status).toBe('added');
		expect(results[0]?.source.library).toBe(GUILD_A);
		id = results[0]!.source.id;
		const raw = rawCatalog().find((e) => e.id === id)!;
		file = raw.file as string;
		const text = readFileSync(join(dir, file), 'utf8');
		expect(text).toBe(`${GUILD_TEXT.join('\n')}\n`);
		expect(raw).toMatchObject({
			library: GUILD_A,
			addedBy: 'operator',
			textHash: textHash(text),
			bytes: Buffer.byteLength(text),
			paragraphs: 2,
		});
		expect(raw.addedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(auditLines().at(-1)).toMatchObject({ action: 'add', library: GUILD_A, id, by: 'operator' });
	});

	it('is quoted by ask --library of its guild, and there cited with that library', async () => {
		const a = await ask(GUILD_A);
		expect(a.answered).toBe(true);
		const top = a.results[0]!;
		expect(top.source).toMatchObject({ id, library: GUILD_A });
		expect(GUILD_TEXT).toContain(top.passage);
		// The shared library is still read alongside the guild's.
		const shared = await run(['ask', 'Who leads the Turkish delegation to Armenia?', '--json', '--library', GUILD_A]);
		const sharedAnswer = JSON.parse(shared.stdout) as Answer;
		expect(sharedAnswer.answered).toBe(true);
		expect(sharedAnswer.results.every((x) => x.source.library === 'shared')).toBe(true);
	});

	it('is not seen by ask without --library, nor by another guild', async () => {
		const libraries = [undefined, 'shared', GUILD_B];
		const answers = await Promise.all(libraries.map((library) => ask(library)));
		for (const [i, a] of answers.entries()) {
			const library = libraries[i];
			expect(
				a.results.map((x) => x.source.id),
				String(library),
			).not.toContain(id);
			for (const x of a.results) expect(x.source.library, String(library)).toBe('shared');
		}
	});

	it('is in its guild’s timeline and source list, and in no other', async () => {
		const libraries = [GUILD_A, undefined, GUILD_B];
		const [timelines, lists] = await Promise.all([
			Promise.all(libraries.map((library) => timelineSources(library))),
			Promise.all(libraries.map((library) => listed(library))),
		]);
		expect(timelines[0]!.has(id)).toBe(true);
		expect(lists[0]!.map((s) => s.id)).toContain(id);
		for (const i of [1, 2]) {
			const library = libraries[i];
			expect(timelines[i]!.has(id), String(library)).toBe(false);
			const sources = lists[i]!;
			expect(sources.length, String(library)).toBeGreaterThan(0);
			expect(
				sources.map((s) => s.id),
				String(library),
			).not.toContain(id);
			for (const s of sources) expect(s.library).toBe('shared');
		}
	});

	it('source <id> shows it in its guild and exits 2 from another library', async () => {
		const own = await run(['source', id, '--json', '--library', GUILD_A]);
		expect(own.code).toBe(0);
		expect(JSON.parse(own.stdout)).toMatchObject({ source: { id, library: GUILD_A }, paragraphs: GUILD_TEXT });
		for (const library of [undefined, GUILD_B]) {
			const r = await run(['source', id, ...(library === undefined ? [] : ['--library', library])]);
			expect(r.code, String(library)).toBe(2);
			expect(lines(r.stderr), String(library)).toHaveLength(1);
			expect(r.stderr).toMatch(/no source/);
			expect(r.stdout).toBe('');
		}
	});

	it('remove from another library exits 2 and changes nothing', async () => {
		const before = snapshot(dir);
		for (const library of [GUILD_B, 'shared']) {
			const r = await run(['remove', id, '--library', library]);
			expect(r.code, library).toBe(2);
			expect(lines(r.stderr), library).toHaveLength(1);
			expect(r.stderr, library).toMatch(new RegExp(`no source "${id}" in the ${library} library`));
			expect(r.stdout, library).toBe('');
		}
		const missing = await run(['remove', 'no-such-source-2025-01-01', '--library', GUILD_A]);
		expect(missing.code).toBe(2);
		expect(snapshot(dir)).toEqual(before);
		expect(existsSync(join(dir, '.lock'))).toBe(false);
	});

	it('remove from its own library exits 0: the catalog drops it, its file goes to .removed/, the audit says so', async () => {
		const others = rawCatalog().filter((e) => e.id !== id);
		const r = await run(['remove', id, '--library', GUILD_A, '--json']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ removed: { id, library: GUILD_A } });
		expect(rawCatalog()).toEqual(others);
		expect(catalog().problems).toEqual([]);
		expect(existsSync(join(dir, file))).toBe(false);
		const aside = removedFiles().filter((f) => f.endsWith(`-${file}`));
		expect(aside).toHaveLength(1);
		expect(readFileSync(join(dir, '.removed', aside[0]!), 'utf8')).toBe(`${GUILD_TEXT.join('\n')}\n`);
		const ours = auditLines().filter((l) => l.id === id);
		expect(ours.map((l) => l.action)).toEqual(['add', 'remove']);
		expect(ours[1]).toMatchObject({ library: GUILD_A, by: 'operator' });
		expect(existsSync(join(dir, '.lock'))).toBe(false);
	});

	it('once removed, it is quoted, listed and dated nowhere, and a second remove exits 2', async () => {
		const [a, list, dated, source] = await Promise.all([
			ask(GUILD_A),
			listed(GUILD_A),
			timelineSources(GUILD_A),
			run(['source', id, '--library', GUILD_A]),
		]);
		expect(a.results.map((x) => x.source.id)).not.toContain(id);
		expect(list.map((s) => s.id)).not.toContain(id);
		expect(dated.has(id)).toBe(false);
		expect(source.code).toBe(2);
		const again = await run(['remove', id, '--library', GUILD_A]);
		expect(again.code).toBe(2);
		expect(lines(again.stderr)).toHaveLength(1);
	});

	it('a bad --library is exit 2 with one line, for every command', async () => {
		const before = snapshot(dir);
		const cases = [
			['ask', QUESTION, '--library', 'x'],
			['ask', QUESTION, '--library=guild:abc'],
			['source', '--list', '--library', 'guild:'],
			['timeline', '--library', 'Shared'],
			['remove', 'x', '--library', 'guild:1'],
			['ingest', join(inputs, 'quokka.txt'), '--library', 'guild:12345678901234567890123456'],
			['ask', QUESTION, '--library'],
		];
		const runs = await Promise.all(cases.map((args) => run(args)));
		for (const [i, r] of runs.entries()) {
			const args = cases[i]!;
			expect(r.code, args.join(' ')).toBe(2);
			expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
			expect(r.stderr, args.join(' ')).toMatch(/^error: --library /);
			expect(r.stdout, args.join(' ')).toBe('');
		}
		expect(snapshot(dir)).toEqual(before);
	});
});

describe('cli ingest of a page whose text changed', { timeout: 120_000 }, () => {
	const url = () => `${site.base}/changing.md`;
	let id: string;

	it('replaces the old version: updated, same id, the new paragraphs, the old file set aside', async () => {
		page.version = 1;
		const first = await run(['ingest', url(), '--library', GUILD_A]);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^added /);
		const entry = catalog().sources.find((s) => s.url === url())!;
		id = entry.id;
		expect(entry.library).toBe(GUILD_A);
		const oldFile = entry.file;
		const oldRaw = rawCatalog().find((e) => e.id === id)!;

		page.version = 2;
		const second = await run(['ingest', url(), '--library', GUILD_A]);
		expect(second.stderr).toBe('');
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(new RegExp(`^updated ${id}: `));
		const ours = catalog().sources.filter((s) => s.url === url());
		expect(ours).toHaveLength(1);
		const updated = ours[0]!;
		expect(updated.id).toBe(id);
		expect(updated.file).not.toBe(oldFile);
		const newRaw = rawCatalog().find((e) => e.id === id)!;
		const text = readFileSync(join(dir, updated.file), 'utf8');
		expect(updated.file).toBe(`${id}.${textHash(text).slice(0, 8)}.txt`);
		expect(newRaw).toMatchObject({
			library: GUILD_A,
			textHash: textHash(text),
			bytes: Buffer.byteLength(text),
			paragraphs: 3,
			addedAt: oldRaw.addedAt,
			addedBy: oldRaw.addedBy,
		});
		expect(existsSync(join(dir, oldFile))).toBe(false);
		const aside = removedFiles().filter((f) => f.endsWith(`-${oldFile}`));
		expect(aside).toHaveLength(1);
		expect(readFileSync(join(dir, '.removed', aside[0]!), 'utf8')).toBe(`${changingParagraphs(1).join('\n')}\n`);
		expect(
			auditLines()
				.filter((l) => l.id === id)
				.map((l) => l.action),
		).toEqual(['add', 'update']);

		const shown = await run(['source', id, '--json', '--library', GUILD_A]);
		expect(shown.code).toBe(0);
		expect(JSON.parse(shown.stdout)).toMatchObject({
			source: { id, library: GUILD_A },
			paragraphs: changingParagraphs(2),
		});
		const a = await run(['ask', 'How many leaking sluice gates did engineers count?', '--json', '--library', GUILD_A]);
		const answer = JSON.parse(a.stdout) as Answer;
		expect(answer.answered).toBe(true);
		expect(answer.results[0]?.source.id).toBe(id);
		expect(answer.results[0]?.passage).toBe(changingParagraphs(2)[2]);
		for (const r of answer.results) expect(changingParagraphs(1)).not.toContain(r.passage);
	});

	it('a third ingest of the same text is unchanged and writes nothing', async () => {
		const before = snapshot(dir);
		const third = await run(['ingest', url(), '--library', GUILD_A]);
		expect(third.code).toBe(0);
		expect(third.stdout).toMatch(new RegExp(`^unchanged: .* is already ${id} \\(same URL\\)`));
		expect(snapshot(dir)).toEqual(before);
	});

	it('the same URL in two guild libraries is two sources, each its library’s own', async () => {
		const u = `${site.base}/steady-1.md`;
		const a = await run(['ingest', u, '--library', GUILD_A, '--json']);
		const b = await run(['ingest', u, '--library', GUILD_B, '--json']);
		for (const r of [a, b]) {
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
		}
		const [ra, rb] = [a, b].map(
			(r) => (JSON.parse(r.stdout) as { results: { status: string; source: Source }[] }).results[0]!,
		);
		expect(ra?.status).toBe('added');
		expect(rb?.status).toBe('added');
		expect(ra?.source.library).toBe(GUILD_A);
		expect(rb?.source.library).toBe(GUILD_B);
		expect(ra?.source.id).not.toBe(rb?.source.id);
		const ours = catalog().sources.filter((s) => s.url === u);
		expect(ours.map((s) => s.library).sort()).toEqual([GUILD_A, GUILD_B]);
		// Each guild sees its own, not the other's.
		expect((await listed(GUILD_A)).filter((s) => s.url === u).map((s) => s.id)).toEqual([ra?.source.id]);
		expect((await listed(GUILD_B)).filter((s) => s.url === u).map((s) => s.id)).toEqual([rb?.source.id]);
		expect((await listed()).filter((s) => s.url === u)).toEqual([]);
		// Again into either: unchanged, that library's own.
		const again = await run(['ingest', u, '--library', GUILD_B]);
		expect(again.stdout).toMatch(new RegExp(`^unchanged: .* is already ${rb?.source.id} \\(same URL\\)`));
	});

	it('a URL already in the shared library is unchanged when ingested into a guild (the shared one)', async () => {
		const u = `${site.base}/steady-2.md`;
		const shared = await run(['ingest', u, '--json']);
		expect(shared.code).toBe(0);
		const added = (JSON.parse(shared.stdout) as { results: { status: string; source: Source }[] }).results[0]!;
		expect(added).toMatchObject({ status: 'added', source: { library: 'shared' } });
		const before = snapshot(dir);
		const guild = await run(['ingest', u, '--library', GUILD_A, '--json']);
		expect(guild.code).toBe(0);
		const result = (JSON.parse(guild.stdout) as { results: { status: string; source: Source }[] }).results[0]!;
		expect(result).toMatchObject({ status: 'unchanged', source: { id: added.source.id, library: 'shared' } });
		expect(snapshot(dir)).toEqual(before);
		expect(catalog().sources.filter((s) => s.url === u)).toHaveLength(1);
	});

	it('leaves a catalog that loads with no problems, every file whole', () => {
		const { sources, problems } = catalog();
		expect(problems).toEqual([]);
		expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
		for (const e of rawCatalog()) {
			const text = readFileSync(join(dir, e.file as string), 'utf8');
			if (typeof e.textHash === 'string') expect(textHash(text), String(e.id)).toBe(e.textHash);
		}
	});
});
