import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
const paragraphOf = (file: string, n: number) =>
	readFileSync(join(ROOT, 'index-data', file), 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim().length > 0)[n];

interface JsonEvent {
	date: string;
	precision: 'day' | 'month' | 'year';
	text: string;
	source: { id: string; title: string; publisher: string; url: string; published: string };
	paragraph: number;
}

// `npm test` builds first (the `pretest` script); a lone `vitest run` of this file may find dist older
// than the timeline sources, so it rebuilds then rather than test stale code.
beforeAll(() => {
	const built = join(ROOT, 'dist/src/cli/timeline.js');
	const dateRules = readdirSync(join(ROOT, 'src/core/dates')).map((f) => `src/core/dates/${f}`);
	const sources = ['src/cli/timeline.ts', 'src/cli/main.ts', ...dateRules].map((f) => join(ROOT, f));
	const stale = !existsSync(built) || sources.some((f) => statSync(f).mtimeMs > statSync(built).mtimeMs);
	if (stale)
		spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
			cwd: ROOT,
		});
	expect(existsSync(built)).toBe(true);
}, 120_000);

describe('cli timeline', () => {
	it('lists every event as JSON, newest first, each quoted verbatim from its paragraph', async () => {
		const r = await cli(['timeline', '--json', '--limit', '100000']);
		expect(r.code).toBe(0);
		const { events } = JSON.parse(r.stdout) as { events: JsonEvent[] };
		expect(events.length).toBeGreaterThan(40);
		const catalog = JSON.parse(readFileSync(join(ROOT, 'index-data/sources.json'), 'utf8')) as Array<{
			id: string;
			file: string;
		}>;
		const fileOf = new Map(catalog.map((s) => [s.id, s.file]));
		for (const [i, e] of events.entries()) {
			expect(paragraphOf(fileOf.get(e.source.id)!, e.paragraph)).toContain(e.text);
			expect(e.date).toMatch(
				e.precision === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : e.precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}$/,
			);
			expect(Object.keys(e.source).sort()).toEqual(['id', 'library', 'published', 'publisher', 'title', 'url']);
			if (i > 0) expect(events[i - 1]!.date >= e.date).toBe(true);
		}
		expect(events).toContainEqual(
			expect.objectContaining({ date: '2025-09', text: expect.stringContaining('early next week') }),
		);
	});

	it('filters with --since, --until, --source, --query and --limit', async () => {
		const since = (
			JSON.parse((await cli(['timeline', '--json', '--since', '2025-01-01'])).stdout) as { events: JsonEvent[] }
		).events;
		expect(since.length).toBeGreaterThan(0);
		expect(since.every((e) => e.date.slice(0, 4) >= '2025')).toBe(true);
		const until = (JSON.parse((await cli(['timeline', '--json', '--until', '1993'])).stdout) as { events: JsonEvent[] })
			.events;
		expect(until.every((e) => e.date <= '1993')).toBe(true);
		const source = (
			JSON.parse((await cli(['timeline', '--json', '--source', 'asbarez-2024-05-13', '--limit', '2'])).stdout) as {
				events: JsonEvent[];
			}
		).events;
		expect(source.map((e) => e.source.id)).toEqual(['asbarez-2024-05-13', 'asbarez-2024-05-13']);
		const query = (
			JSON.parse((await cli(['timeline', '--json', '--query', 'earthquake'])).stdout) as { events: JsonEvent[] }
		).events;
		expect(query.map((e) => e.date)).toEqual(['2023-02-06']);
	});

	it('prints one line per event as text: date, sentence, (publisher, published)', async () => {
		const r = await cli(['timeline', '--source', 'turkiye-today-2025-09-07', '--limit', '3']);
		expect(r.code).toBe(0);
		const out = lines(r.stdout);
		expect(out).toHaveLength(3);
		for (const line of out) expect(line).toMatch(/^\d{4}(?:-\d{2}){0,2} {2}.+ {2}\(Türkiye Today, 2025-09-07\)$/);
	});

	it('exits 2 with one line on stderr for a bad date, an unknown source or a bad limit', async () => {
		const cases = [
			['--since', 'not-a-date'],
			['--until', '2025-13'],
			['--since', '2025', '--until', '2024'],
			['--source', 'asbarez'],
			['--limit', '0'],
			['stray'],
		];
		for (const args of cases) {
			const r = await cli(['timeline', ...args]);
			expect(r.code, args.join(' ')).toBe(2);
			expect(lines(r.stderr), args.join(' ')).toHaveLength(1);
			expect(r.stdout, args.join(' ')).toBe('');
		}
		expect((await cli(['timeline', '--source', 'asbarez'])).stderr).toContain('asbarez-2024-05-13');
	});
});
