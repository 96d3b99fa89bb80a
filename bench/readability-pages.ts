import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { all, parseDocument } from '../src/ingest/dom.js';
import { draftOf } from '../src/ingest/ingest.js';
import { readContent } from '../src/ingest/load.js';
import { toDay } from '../src/ingest/metadata.js';
import { IngestStop } from '../src/ingest/problem.js';
import { normalizeSpace } from '../src/ingest/text.js';

/**
 * How ingestion reads real pages: Mozilla Readability's test pages (`<name>/source.html`,
 * `expected.html`, `expected-metadata.json`), or any directory of such triples. Not run in CI, and
 * the pages are never committed: extract them from Readability's repository, e.g.
 *   git --git-dir=<readability>.git archive HEAD test/test-pages | tar -x -C /tmp/rpages
 *   npm run build && node dist/bench/readability-pages.js /tmp/rpages/test/test-pages
 *
 * Each page is read as /ingest reads a fetched page, with no flags: readContent(html, 'html', url,
 * url) then draftOf. The URL it is "fetched from" is the one the page names for itself (canonical
 * link, else og:url), as if fetched there; else `https://<name>.example/<name>`. Nothing is written.
 */

/**
 * The news pages, by name: those of a news outlet's article (the 26 the issue counts). Chosen by
 * outlet, not by whether Readability's metadata states a date, so pages with no stated date count.
 */
const NEWS_PAGES = [
	'aktualne',
	'bbc-1',
	'breitbart',
	'bug-1255978', // The Independent
	'cnn',
	'folha',
	'guardian-1',
	'herald-sun-1',
	'la-nacion',
	'lemonde-1',
	'liberation-1',
	'nytimes-1',
	'nytimes-2',
	'nytimes-3',
	'nytimes-4',
	'nytimes-5',
	'salon-1',
	'schema-org-context-object', // NBC News
	'seattletimes-1',
	'telegraph',
	'wapo-1',
	'wapo-2',
	'yahoo-1',
	'yahoo-2',
	'yahoo-3',
	'yahoo-4',
] as const;

interface Expected {
	readonly title?: string | null;
	readonly siteName?: string | null;
	readonly publishedTime?: string | null;
	readonly lang?: string | null;
}

interface PageResult {
	readonly name: string;
	readonly news: boolean;
	readonly added: string;
	readonly found: number;
	readonly expected: number;
	readonly date: string;
	readonly dateExpected: string;
	readonly dateRight: boolean | undefined;
	readonly title: string;
	readonly titleExpected: string;
	readonly publisher: string;
	readonly publisherExpected: string;
	/** The language Readability's metadata or the page's `<html lang>` states; ours is `language`. */
	readonly lang: string;
	readonly language: string;
}

/** The URL a page names for itself, to read it as if fetched from there. */
function selfUrl(html: string, name: string): string {
	const doc = parseDocument(html);
	const canonical = all(doc, 'link[rel][href]').find((l) =>
		(l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
	);
	const og = doc.querySelector('meta[property="og:url" i]')?.getAttribute('content');
	for (const candidate of [canonical?.getAttribute('href'), og]) {
		if (candidate === undefined || candidate === null) continue;
		try {
			const url = new URL(candidate);
			if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
		} catch {
			// A relative or broken claim: fall through to the made-up address.
		}
	}
	return `https://${name}.example/${name}`;
}

/** The text of expected.html's paragraphs, whitespace normalized, empty ones dropped. */
function expectedParagraphs(html: string): string[] {
	const doc = parseDocument(html);
	return all(doc, 'p')
		.map((p) => normalizeSpace(p.textContent ?? ''))
		.filter((t) => t.length > 0);
}

const clip = (s: string, n = 38) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function readPage(dir: string, name: string): PageResult {
	const source = readFileSync(join(dir, name, 'source.html'), 'utf8');
	const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Expected;
	const wanted = expectedParagraphs(readFileSync(join(dir, name, 'expected.html'), 'utf8'));
	const url = selfUrl(source, name);
	const htmlLang = /<html[^>]*\slang=["']?([\w-]+)/i.exec(source)?.[1];
	const stated = expected.publishedTime ?? undefined;
	const dateExpected = stated === undefined ? undefined : toDay(stated);
	let added = 'yes';
	let ours = '';
	let title = '';
	let publisher = '';
	let date = '';
	let from = '';
	let language = '';
	try {
		const loaded = readContent(source, 'html', url, url);
		ours = normalizeSpace(loaded.paragraphs.join('\n'));
		const m = loaded.metadata as typeof loaded.metadata & { publishedFrom?: string };
		date = m.published ?? '';
		from = m.publishedFrom ?? '';
		title = m.title ?? '';
		publisher = m.publisher ?? '';
		const draft = draftOf({ ...loaded, aliases: [url] });
		title = draft.title;
		publisher = draft.publisher;
		language = draft.language ?? '';
	} catch (error) {
		if (!(error instanceof IngestStop)) throw error;
		added = `no: ${error.problem.code}${/date/.test(error.problem.message) ? ' (no date)' : ''}`;
	}
	const found = added === 'yes' ? wanted.filter((p) => ours.includes(p)).length : 0;
	return {
		name,
		news: (NEWS_PAGES as readonly string[]).includes(name),
		added,
		found,
		expected: wanted.length,
		date: date === '' ? '–' : `${date} (${from === '' ? '?' : from})`,
		dateExpected: dateExpected ?? 'none stated',
		dateRight: dateExpected === undefined ? undefined : date === dateExpected,
		title,
		titleExpected: expected.title ?? '',
		publisher,
		publisherExpected: expected.siteName ?? '',
		lang: expected.lang ?? htmlLang ?? '–',
		language: language === '' ? '–' : language,
	};
}

function printTable(results: readonly PageResult[]): void {
	const head = ['page', 'added', 'paras', 'date (from)', 'expected', 'title ours', 'title Readability'];
	const rows = results.map((r) => [
		r.name,
		r.added,
		`${r.found}/${r.expected}`,
		r.date,
		`${r.dateExpected}${r.dateRight === undefined ? '' : r.dateRight ? ' ✓' : ' ✗'}`,
		clip(r.title),
		clip(r.titleExpected),
	]);
	console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
	console.log('\n| page | publisher ours | publisher Readability | language ours | stated |\n|---|---|---|---|---|');
	for (const r of results)
		console.log(`| ${r.name} | ${clip(r.publisher)} | ${clip(r.publisherExpected)} | ${r.language} | ${r.lang} |`);
}

function printTotals(label: string, results: readonly PageResult[]): void {
	const added = results.filter((r) => r.added === 'yes').length;
	const found = results.reduce((n, r) => n + r.found, 0);
	const expected = results.reduce((n, r) => n + r.expected, 0);
	const stated = results.filter((r) => r.dateRight !== undefined);
	const right = stated.filter((r) => r.dateRight === true).length;
	const withDate = results.filter((r) => r.date !== '–').length;
	const sameTitle = results.filter((r) => r.title === r.titleExpected).length;
	const named = results.filter((r) => r.publisherExpected !== '');
	const samePublisher = named.filter((r) => r.publisher === r.publisherExpected).length;
	console.log(
		`${label}: added ${added}/${results.length}; paragraphs found ${found}/${expected} (${((100 * found) / Math.max(expected, 1)).toFixed(1)}%); dates right ${right}/${stated.length} stated; a date found on ${withDate}/${results.length}; titles as Readability's ${sameTitle}/${results.length}; publishers as Readability's ${samePublisher}/${named.length} it names`,
	);
}

function main(): void {
	const dir = process.argv[2];
	if (dir === undefined || !existsSync(dir)) {
		console.error(
			'usage: node dist/bench/readability-pages.js <dir of name/source.html + expected.html + expected-metadata.json>',
		);
		process.exit(2);
	}
	const names = readdirSync(dir)
		.filter((n) => existsSync(join(dir, n, 'source.html')) && existsSync(join(dir, n, 'expected-metadata.json')))
		.sort();
	const results = names.map((n) => readPage(dir, n));
	const news = results.filter((r) => r.news);
	console.log(`News pages (by outlet, see NEWS_PAGES): ${news.map((r) => r.name).join(', ')}\n`);
	printTable(news);
	console.log('');
	printTotals('news', news);
	printTotals('all pages', results);
}

main();
