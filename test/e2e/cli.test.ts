import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../../src/core/answer/answer.js';
import type { Source } from '../../src/core/catalog.js';
import { FIXTURE_DATA, ROOT } from '../helpers/corpus.js';
import { cli, runNode } from '../helpers/run.js';

/** What `ask --json` prints. */
type AskJson = Answer & { tookMs: number };
/** A line `ask --jsonl` prints: an answer, or an error for a bad input line. */
interface AskLine {
	id: string | number | null;
	answered?: boolean;
	results?: AnswerResult[];
	error?: string;
}

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
const paragraphOf = (id: string, n: number) =>
	lines(readFileSync(join(ROOT, 'index-data', `${id}.txt`), 'utf8')).filter((l) => l.trim().length > 0)[n];

describe('cli ask', () => {
	it('answers in JSON with verbatim passages, quotes inside them and links to the source', async () => {
		const r = await cli(['ask', 'Who leads the Turkish delegation to Armenia?', '--json']);
		expect(r.code).toBe(0);
		const a = JSON.parse(r.stdout) as AskJson;
		expect(a.answered).toBe(true);
		expect(typeof a.tookMs).toBe('number');
		expect(a.results[0]?.quote).toContain('Serdar Kilic');
		for (const res of a.results) {
			expect(res.passage).toBe(paragraphOf(res.source.id, res.paragraph));
			expect(res.passage).toContain(res.quote);
			expect(res.link.startsWith(res.source.url)).toBe(true);
		}
	});

	it('prints the rendered reply as text by default', async () => {
		const r = await cli(['ask', 'Who is Philip Gamaghelyan?']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('> Philip Gamaghelyan is an associate professor');
		expect(r.stdout).toContain('warontherocks.com');
	});

	it('reads JSON lines, answers each in order, and reports a bad line without stopping', async () => {
		const input = [
			'{"id":"a","q":"Who is Lionel Messi?"}',
			'not json',
			'{"id":"c"}',
			'{"id":"d","q":"What is minilateralism?"}',
		].join('\n');
		const r = await cli(['ask', '--jsonl', '--top', '2'], { input });
		expect(r.code).toBe(0);
		const out = lines(r.stdout).map((l) => JSON.parse(l) as AskLine);
		expect(out).toHaveLength(4);
		expect(out[0]).toMatchObject({ id: 'a', answered: false, results: [] });
		expect(out[1]?.error).toMatch(/not JSON/);
		expect(out[2]).toMatchObject({ id: 'c' });
		expect(out[2]?.error).toBeDefined();
		expect(out[3]).toMatchObject({ id: 'd', answered: true });
		expect(out[3]?.results?.length).toBeLessThanOrEqual(2);
	});

	it('always answers with --no-abstain', async () => {
		const r = await cli(['ask', 'How do volcanoes form?', '--json', '--no-abstain']);
		expect((JSON.parse(r.stdout) as AskJson).answered).toBe(true);
	});

	it('exits 2 with one line for an empty question or a bad flag', async () => {
		for (const args of [['ask', ''], ['ask', 'x', '--top', 'many'], ['ask', 'x', '--bogus'], ['nope']]) {
			const r = await cli(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
			expect(r.stdout).toBe('');
		}
	});

	it('runs the engine SEARCH_ENGINE names, with the same answers, and refuses an unknown one naming the variable', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'verbatim-engine-'));
		cpSync(FIXTURE_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
		try {
			const ask = (engine: string) =>
				cli(['ask', 'Who attended as an observer?', '--json'], {
					env: { INDEX_DATA_DIR: dir, SEARCH_ENGINE: engine, LOG_LEVEL: 'debug' },
				});
			const answers = [];
			for (const engine of ['minisearch', 'columnar', 'auto']) {
				const r = await ask(engine);
				expect(r.code).toBe(0);
				expect(r.stderr).toContain(`"engine":"${engine === 'auto' ? 'minisearch' : engine}"`);
				const { tookMs: _, ...answer } = JSON.parse(r.stdout) as AskJson;
				answers.push(answer);
			}
			expect(answers[1]).toEqual(answers[0]);
			expect(answers[2]).toEqual(answers[0]);
			const bad = await ask('fastest');
			expect(bad.code).toBe(2);
			expect(lines(bad.stderr)).toHaveLength(1);
			expect(bad.stderr).toMatch(/SEARCH_ENGINE/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('answers from INDEX_DATA_DIR when set', async () => {
		const r = await cli(['ask', 'Who attended as an observer?', '--json'], { env: { INDEX_DATA_DIR: FIXTURE_DATA } });
		expect((JSON.parse(r.stdout) as AskJson).results[0]?.quote).toContain('Dr. Jane Roe');
	});
});

describe('cli source', () => {
	it('lists the sources and shows one verbatim', async () => {
		const list = JSON.parse((await cli(['source', '--list', '--json'])).stdout) as { sources: Source[] };
		expect(list.sources.map((s) => s.id)).toContain('asbarez-2024-05-13');
		const one = JSON.parse((await cli(['source', 'asbarez-2024-05-13', '--json'])).stdout) as {
			source: Source;
			paragraphs: string[];
		};
		expect(one.source.publisher).toBe('Asbarez');
		expect(one.paragraphs[7]).toBe(paragraphOf('asbarez-2024-05-13', 7));
	});

	it('exits 2 naming close ids for an unknown id', async () => {
		const r = await cli(['source', 'asbarez-2024']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('asbarez-2024-05-13');
		const none = await cli(['source', 'no-such-id']);
		expect(none.code).toBe(2);
		expect(lines(none.stderr)).toHaveLength(1);
	});
});

describe('cli eval', () => {
	it('prints the metrics and the misses of an eval file', async () => {
		const r = await cli(['eval', join(ROOT, 'test/fixtures/eval-dev.jsonl')]);
		expect(r.code).toBe(0);
		for (const metric of ['quote@1', 'quote@3', 'passage@1', 'abstain', 'false abstain', 'integrity'])
			expect(r.stdout).toContain(metric);
		const json = JSON.parse((await cli(['eval', join(ROOT, 'test/fixtures/eval-dev.jsonl'), '--json'])).stdout) as {
			metrics: { integrity: number };
		};
		expect(json.metrics.integrity).toBe(1);
	});

	it('exits 2 on a missing or malformed file', async () => {
		expect((await cli(['eval', 'nowhere.jsonl'])).code).toBe(2);
		expect((await cli(['eval', join(ROOT, 'package.json')])).code).toBe(2);
	});
});

describe('npm start without a token (console)', () => {
	it('answers /ask and /source lines like the bot, then ends at end of input', async () => {
		const input = '/ask Who leads the Turkish delegation to Armenia?\n/source id:nope\n/ask\n';
		const r = await runNode('dist/src/main.js', [], { input });
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('Serdar Kilic');
		expect(r.stdout).toContain('https://www.turkiyetoday.com/');
		expect(r.stdout).toContain('There is no source with the id');
		expect(r.stdout).toContain('Ask a question');
	});

	it('refuses a bad environment with one line and exit 2', async () => {
		const r = await runNode('dist/src/main.js', [], { env: { LOG_LEVEL: 'loud' } });
		expect(r.code).toBe(2);
		expect(lines(r.stderr)).toHaveLength(1);
		expect(r.stderr).toContain('LOG_LEVEL');
	});
});
