import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataDir } from '../src/store/data-dir.js';

/**
 * What a start costs after one source was added to a large corpus, against a full build:
 * `node dist/bench/extend-cache.js bench/out/news-42-100000` (after `npm run bench` made that corpus).
 * Works on a copy in the temp folder; prints one line per load.
 */
const from = process.argv[2];
if (from === undefined) {
	process.stderr.write('usage: node dist/bench/extend-cache.js <data-dir>\n');
	process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'verbatim-extend-'));
try {
	cpSync(from, dir, { recursive: true, filter: (s) => !s.includes('.cache') });
	const load = async (what: string) => {
		const { corpus, report } = await loadDataDir(dir);
		console.log(
			`${what}: ${report.cache} in ${Math.round(report.ms)} ms (${corpus.paragraphs.length} paragraphs, ${corpus.index.engine.name})`,
		);
	};
	await load('first start');
	await load('next start');
	const catalog = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as object[];
	writeFileSync(
		join(dir, 'added.txt'),
		'A ferry to Trabzon starts in spring, the port authority said on Monday.\nIt will run twice a week.\n',
	);
	const added = {
		id: 'added-2026-11-29',
		file: 'added.txt',
		title: 'Ferry to Trabzon',
		publisher: 'Port News',
		url: 'https://port.example/ferry',
		published: '2026-11-29',
	};
	writeFileSync(join(dir, 'sources.json'), JSON.stringify([...catalog, added]));
	await load('start after one source was added');
	rmSync(join(dir, '.cache'), { recursive: true });
	await load('the same corpus built from nothing');
} finally {
	rmSync(dir, { recursive: true, force: true });
}
