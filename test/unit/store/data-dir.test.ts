import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/answer/answer.js';
import { DataDirError, loadDataDir } from '../../../src/store/data-dir.js';
import { FIXTURE_DATA, ROOT } from '../../helpers/corpus.js';

let dir: string;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'verbatim-data-'));
	await cp(FIXTURE_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const cacheFiles = async () => (await readdir(join(dir, '.cache'))).filter((f) => f.startsWith('index-'));

describe('loadDataDir', () => {
	it('builds the index once, then loads it from the cache with the same answers', async () => {
		const first = await loadDataDir(dir);
		expect(first.report.cache).toBe('built');
		const second = await loadDataDir(dir);
		expect(second.report.cache).toBe('hit');
		const q = 'Who led the Turkish side?';
		expect(answer(second.corpus, q)).toEqual(answer(first.corpus, q));
	});

	it('rebuilds by itself when a source file changes, keeping one cache file', async () => {
		await loadDataDir(dir);
		await appendFile(join(dir, 'beta.txt'), 'A ferry to Trabzon starts in spring.\n');
		const again = await loadDataDir(dir);
		expect(again.report.cache).toBe('built');
		expect(answer(again.corpus, 'When does the ferry to Trabzon start?').results[0]?.quote).toContain(
			'ferry to Trabzon',
		);
		expect(await cacheFiles()).toHaveLength(1);
	});

	it('after sources are added, indexes only the new ones on the saved index of the rest, with the answers of a full build', async () => {
		await loadDataDir(dir);
		const catalog = JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')) as object[];
		const gamma = {
			id: 'gamma-2025-06-01',
			file: 'gamma.txt',
			title: 'Ferry Line to Trabzon',
			publisher: 'Gamma Daily',
			url: 'https://gamma.example/ferry',
			published: '2025-06-01',
		};
		await writeFile(join(dir, 'gamma.txt'), 'A ferry to Trabzon starts in spring, the port authority said.\n');
		await writeFile(join(dir, 'sources.json'), JSON.stringify([...catalog, gamma]));
		const extended = await loadDataDir(dir);
		expect(extended.report.cache).toBe('extended');
		expect(await cacheFiles()).toHaveLength(1);
		const q = 'When does the ferry to Trabzon start?';
		expect(answer(extended.corpus, q).results[0]?.source.id).toBe('gamma-2025-06-01');
		expect((await loadDataDir(dir)).report.cache).toBe('hit');
		await rm(join(dir, '.cache'), { recursive: true });
		const built = await loadDataDir(dir);
		expect(built.report.cache).toBe('built');
		expect(built.report.key).toBe(extended.report.key);
		expect(answer(extended.corpus, q)).toEqual(answer(built.corpus, q));
		const byTerm = ([a]: [string, number], [b]: [string, number]) => (a < b ? -1 : a > b ? 1 : 0);
		expect([...extended.corpus.index.vocabulary.entries()].sort(byTerm)).toEqual(
			[...built.corpus.index.vocabulary.entries()].sort(byTerm),
		);
	});

	it('builds afresh when a source other than the last ones changed, or the engine changed', async () => {
		await loadDataDir(dir);
		const catalog = JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')) as object[];
		await writeFile(join(dir, 'sources.json'), JSON.stringify([...catalog].reverse()));
		expect((await loadDataDir(dir)).report.cache).toBe('built');
		const columnar = await loadDataDir(dir, undefined, { engine: 'columnar' });
		expect(columnar.report.cache).toBe('built');
		expect(columnar.corpus.index.engine.name).toBe('columnar');
		expect((await loadDataDir(dir, undefined, { engine: 'columnar' })).report.cache).toBe('hit');
	});

	it('clears stale indexes and the temporary files of killed writes when it saves a new index', async () => {
		await loadDataDir(dir);
		const [name] = await cacheFiles();
		await writeFile(join(dir, '.cache', `${name}.tmp-999-abcd`), '{"half');
		await writeFile(join(dir, '.cache', 'index-0000.json'), '{}');
		await writeFile(join(dir, '.cache', 'index-0001.bin'), 'VERBIDX3');
		await appendFile(join(dir, 'beta.txt'), 'Another line.\n');
		await loadDataDir(dir);
		expect(await readdir(join(dir, '.cache'))).toHaveLength(1);
	});

	it("leaves a temporary file alone while its writer runs: another process's cache being saved", async () => {
		await loadDataDir(dir);
		const [name] = await cacheFiles();
		const dead = spawn(process.execPath, ['-e', '']);
		await new Promise((resolve) => dead.on('exit', resolve));
		const live = `${name}.tmp-${process.pid}-0123abcd`;
		await writeFile(join(dir, '.cache', live), '{"half');
		await writeFile(join(dir, '.cache', `${name}.tmp-${dead.pid}-0123abcd`), '{"half');
		await appendFile(join(dir, 'beta.txt'), 'Another line.\n');
		await loadDataDir(dir);
		const left = await readdir(join(dir, '.cache'));
		expect(left).toHaveLength(2);
		expect(left).toContain(live);
	});

	it('rebuilds a corrupt or truncated cache rather than trusting it', async () => {
		await loadDataDir(dir);
		const [name] = await cacheFiles();
		const path = join(dir, '.cache', name!);
		const whole = await readFile(path);
		await writeFile(path, whole.subarray(0, whole.length / 2));
		expect((await loadDataDir(dir)).report.cache).toBe('built');
		await writeFile(path, JSON.stringify({ mini: {}, vocabulary: [], paragraphCount: 7, background: [] }));
		const r = await loadDataDir(dir);
		expect(r.report.cache).toBe('built');
		expect(answer(r.corpus, 'Who led the Turkish side?').answered).toBe(true);
	});

	it('reports bad catalog entries and unreadable files by id, and loads the rest', async () => {
		const broken = join(ROOT, 'test/fixtures/broken-catalog');
		const target = join(dir, 'broken');
		await cp(broken, target, { recursive: true });
		const { corpus, report } = await loadDataDir(target);
		expect(corpus.sources.map((s) => s.id)).toEqual(['good-one']);
		const byId = Object.fromEntries(report.problems.map((p) => [String(p.id), p.field] as const));
		expect(byId).toMatchObject({ 'bad-date': 'published', 'bad-url': 'url', 'no-file': 'file', escape: 'file' });
	});

	it("applies the directory's lexicon.json, and rebuilds the index when it changes", async () => {
		const before = await loadDataDir(dir);
		const spellings = (c: typeof before.corpus) => [
			c.index.analyzer.terms('Turkiya'),
			c.index.analyzer.terms('Türkiye'),
		];
		expect(spellings(before.corpus)[0]).not.toEqual(spellings(before.corpus)[1]);
		await writeFile(join(dir, 'lexicon.json'), JSON.stringify({ aliases: { turkiya: 'turkey' } }));
		const after = await loadDataDir(dir);
		expect(after.report.cache).toBe('built');
		expect(after.report.key).not.toBe(before.report.key);
		expect(spellings(after.corpus)[0]).toEqual(spellings(after.corpus)[1]);
		const again = await loadDataDir(dir);
		expect(again.report.cache).toBe('hit');
		expect(spellings(again.corpus)[0]).toEqual(spellings(again.corpus)[1]);
	});

	it('fails with one clear error naming the field of a bad lexicon.json', async () => {
		await writeFile(join(dir, 'lexicon.json'), JSON.stringify({ capitals: { kremlin: 7 } }));
		await expect(loadDataDir(dir)).rejects.toThrow(DataDirError);
		await expect(loadDataDir(dir)).rejects.toThrow(/lexicon\.json: capitals\.kremlin: /);
	});

	it('fails with a clear error when there is no catalog', async () => {
		await expect(loadDataDir(join(dir, 'nowhere'))).rejects.toThrow(DataDirError);
		await writeFile(join(dir, 'sources.json'), '{not json');
		await expect(loadDataDir(dir)).rejects.toThrow(/not valid JSON/);
	});
});

describe('loadDataDir with the timeline', () => {
	it('saves the timeline beside the index and reads the same events back', async () => {
		const { timelineEvents } = await import('../../../src/core/dates/timeline.js');
		const first = await loadDataDir(dir, undefined, { timeline: true });
		const events = (await readdir(join(dir, '.cache'))).filter((f) => f.startsWith('events-'));
		expect(events).toEqual([`events-${first.report.key}.json`]);
		const second = await loadDataDir(dir, undefined, { timeline: true });
		expect(timelineEvents(second.corpus)).toEqual(timelineEvents(first.corpus));
		expect(timelineEvents(second.corpus).length).toBeGreaterThan(0);
	});

	it('recomputes a timeline file that no longer quotes its sources verbatim', async () => {
		const { timelineEvents } = await import('../../../src/core/dates/timeline.js');
		const first = await loadDataDir(dir, undefined, { timeline: true });
		const path = join(dir, '.cache', `events-${first.report.key}.json`);
		const saved = JSON.parse(await readFile(path, 'utf8')) as { t: string }[];
		saved[0]!.t = 'A sentence no source holds.';
		await writeFile(path, JSON.stringify(saved));
		const again = await loadDataDir(dir, undefined, { timeline: true });
		expect(timelineEvents(again.corpus)).toEqual(timelineEvents(first.corpus));
	});
});
