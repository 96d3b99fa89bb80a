import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer/answer.js';
import { MAX_PARAGRAPH_CHARS } from '../../src/core/text/bound-paragraph.js';
import { FIXTURE_DATA } from '../helpers/corpus.js';
import { cli } from '../helpers/run.js';

interface JsonEvent {
	date: string;
	text: string;
	source: { id: string };
	paragraph: number;
}

const MB = 1_000_000;
/** Issue 16: one paragraph of 1 MB stalled `ask` and `timeline` for minutes (174 s for this timeline). */
const HUGE = {
	huge: 'Dr. Smith said the vote was close. '.repeat(Math.ceil(MB / 35)).trim(),
	nospace: 'Dr.Smith-said-the-vote-was-close.'.repeat(Math.ceil(MB / 33)),
};
const QUESTION = 'Who is Dr. Jane Roe?';

let plain: string;
let withHuge: string;
const run = (dir: string, args: string[]) => cli(args, { env: { INDEX_DATA_DIR: dir } });
const fixtureEvents = (events: JsonEvent[]) => events.filter((e) => !(e.source.id in HUGE));

beforeAll(() => {
	plain = mkdtempSync(join(tmpdir(), 'verbatim-plain-'));
	withHuge = mkdtempSync(join(tmpdir(), 'verbatim-huge-'));
	cpSync(FIXTURE_DATA, plain, { recursive: true });
	cpSync(FIXTURE_DATA, withHuge, { recursive: true });
	const catalog = JSON.parse(readFileSync(join(FIXTURE_DATA, 'sources.json'), 'utf8')) as object[];
	for (const [id, text] of Object.entries(HUGE)) {
		writeFileSync(join(withHuge, `${id}.txt`), `${text}\n`);
		catalog.push({
			id,
			file: `${id}.txt`,
			title: id,
			publisher: 'H',
			url: `https://h.example/${id}`,
			published: '2024-03-05',
		});
	}
	writeFileSync(join(withHuge, 'sources.json'), JSON.stringify(catalog));
});

afterAll(() => {
	rmSync(plain, { recursive: true, force: true });
	rmSync(withHuge, { recursive: true, force: true });
});

describe('a 1 MB one-paragraph source in the data directory', () => {
	it('leaves `cli ask` answering a fixture question as without it, quotes verbatim, and names the split lines', async () => {
		const [before, after] = await Promise.all([plain, withHuge].map((dir) => run(dir, ['ask', QUESTION, '--json'])));
		expect(after?.code).toBe(0);
		const a = JSON.parse(after!.stdout) as Answer;
		const b = JSON.parse(before!.stdout) as Answer;
		expect(a.answered).toBe(true);
		// The same quote of the same paragraph; its score moves a little, since the sources' word counts changed.
		const cited = (x: Answer) => x.results.slice(0, 1).map((r) => [r.source.id, r.paragraph, r.quote, r.passage]);
		expect(cited(a)).toEqual(cited(b));
		expect(a.results[0]?.quote).toContain('Dr. Jane Roe');
		for (const r of a.results) {
			expect(r.passage).toContain(r.quote);
			expect(r.passage.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
			if (r.source.id in HUGE) expect(HUGE[r.source.id as keyof typeof HUGE]).toContain(r.passage);
		}
		for (const id of Object.keys(HUGE)) expect(after?.stderr).toMatch(new RegExp(`"source":"${id}","field":"line 1"`));
	}, 60_000);

	it('leaves `cli timeline --json` listing the fixture events as without it', async () => {
		const [before, after] = await Promise.all([plain, withHuge].map((dir) => run(dir, ['timeline', '--json'])));
		expect(after?.code).toBe(0);
		const events = (JSON.parse(after!.stdout) as { events: JsonEvent[] }).events;
		const usual = (JSON.parse(before!.stdout) as { events: JsonEvent[] }).events;
		expect(usual.length).toBeGreaterThan(0);
		expect(fixtureEvents(events)).toEqual(usual);
	}, 60_000);
});
