import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/ingest/dom.js';
import { readPageMetadata, stripSiteSuffix, toDay } from '../../../src/ingest/metadata.js';
import { slugify, sourceId } from '../../../src/ingest/slug.js';
import { INGEST_FIXTURES } from '../../fixtures/ingest/server.js';

const page = (head: string, body = '') =>
	parseDocument(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);

describe('readPageMetadata', () => {
	it('reads the fixture article: canonical link, og:title, article:published_time, og:site_name, JSON-LD authors', () => {
		const doc = parseDocument(readFileSync(join(INGEST_FIXTURES, 'article.html'), 'utf8'));
		expect(readPageMetadata(doc, 'https://ledger.example.org/article.html')).toEqual({
			url: 'https://ledger.example.org/environment/2025/10/lake-sevan-rises-second-year',
			title: 'Lake Sevan rises for a second year as irrigation draws fall',
			published: '2025-10-14',
			publishedFrom: 'json-ld',
			publisher: 'Caucasus Ledger',
			authors: ['Ani Petrosyan'],
			language: 'en',
		});
	});

	it('falls back from canonical to og:url to the page URL, resolving relative links and dropping fragments and trackers', () => {
		expect(
			readPageMetadata(page('<link rel="Canonical" href="/a/b#top">'), 'https://news.example.com/x?utm_source=t').url,
		).toBe('https://news.example.com/a/b');
		expect(
			readPageMetadata(
				page('<meta property="og:url" content="https://news.example.com/og?utm_medium=x&id=3">'),
				'https://news.example.com/x',
			).url,
		).toBe('https://news.example.com/og?id=3');
		expect(readPageMetadata(page(''), 'https://www.news.example.com/x#frag').url).toBe(
			'https://www.news.example.com/x',
		);
		expect(readPageMetadata(page('<link rel="canonical" href="javascript:alert(1)">'), 'https://a.example/x').url).toBe(
			'https://a.example/x',
		);
		expect(readPageMetadata(page(''), undefined).url).toBeUndefined();
		expect(
			readPageMetadata(page('<link rel="canonical" href="https://a.example/">'), 'https://a.example/2025/story').url,
		).toBe('https://a.example/2025/story');
	});

	it('takes the title from og:title, then JSON-LD headline, then <title> without the site name', () => {
		const ld =
			'<script type="application/ld+json">{"@type":["NewsArticle"],"headline":"  From   JSON-LD ","datePublished":"2024-05-11T23:30:00-04:00","publisher":{"name":"LD Times"},"author":[{"name":"A"},"B"]}</script>';
		expect(
			readPageMetadata(page(`<meta property="og:title" content="From OG | LD Times">${ld}`), undefined).title,
		).toBe('From OG');
		const fromLd = readPageMetadata(page(`<title>Ignored - Site</title>${ld}`), 'https://ld.example/x');
		expect(fromLd).toMatchObject({
			title: 'From JSON-LD',
			published: '2024-05-11',
			publisher: 'LD Times',
			authors: ['A', 'B'],
		});
		expect(
			readPageMetadata(page('<title>Border talks resume in Gyumri | Shirak Daily</title>'), 'https://shirak.example/x')
				.title,
		).toBe('Border talks resume in Gyumri');
		expect(
			readPageMetadata(
				page('<title>Shirak Daily — Border talks resume</title><meta property="og:site_name" content="Shirak Daily">'),
				undefined,
			).title,
		).toBe('Border talks resume');
		expect(readPageMetadata(page('<meta name="parsely-title" content="From Parse.ly">'), undefined).title).toBe(
			'From Parse.ly',
		);
		expect(readPageMetadata(page('', '<h1> The  heading </h1>'), undefined).title).toBe('The heading');
	});

	it('reads the date from a <time datetime> when nothing else says, and the publisher from the host at last', () => {
		const doc = page('', '<p>x</p><time datetime="2023-02-06">6 Feb</time>');
		expect(readPageMetadata(doc, 'https://www.quake.example/a')).toMatchObject({
			published: '2023-02-06',
			publisher: 'quake.example',
		});
	});

	it('survives broken JSON-LD and odd field types', () => {
		const doc = page(
			'<script type="application/ld+json">{not json</script><script type="application/ld+json">{"@type":"Article","headline":42,"datePublished":"soon","publisher":[{"name":"P"}]}</script>',
		);
		expect(readPageMetadata(doc, undefined)).toEqual({ publisher: 'P' });
	});
});

describe('stripSiteSuffix', () => {
	it.each([
		['Talks resume | Daily News', [], 'Talks resume | Daily News'],
		['Armenia and Azerbaijan resume talks - Reuters', [], 'Armenia and Azerbaijan resume talks'],
		['Armenia - Azerbaijan talks', [], 'Armenia - Azerbaijan talks'],
		['Talks resume – The Caucasus Ledger', ['the caucasus ledger'], 'Talks resume'],
		['No separator here', ['x'], 'No separator here'],
	])('%s → %s', (title, sites, want) => {
		expect(stripSiteSuffix(title, sites)).toBe(want);
	});
});

describe('toDay', () => {
	it.each([
		['2025-09-07', '2025-09-07'],
		['2025-09-07T23:30:00-04:00', '2025-09-07'],
		['2025-09-07 10:00', '2025-09-07'],
		['20250907', '2025-09-07'],
		['Sun, 07 Sep 2025 23:30:00 -0400', '2025-09-07'],
		['Mon, 08 Sep 2025 01:00:00 +0300', '2025-09-08'],
		['Sun, 07 Sep 2025 10:00:00 GMT', '2025-09-07'],
		['September 7, 2025', '2025-09-07'],
	])('%s → %s', (value, day) => {
		expect(toDay(value)).toBe(day);
	});

	it.each(['', 'soon', '2025-02-30', '2025-13-01', '1850-01-01'])('%s is no day', (value) => {
		expect(toDay(value)).toBeUndefined();
	});
});

describe('ids', () => {
	it('slugs publishers like the default corpus does', () => {
		expect(slugify('Türkiye Today')).toBe('turkiye-today');
		expect(slugify('Azerbaijan.US')).toBe('azerbaijan-us');
		expect(slugify('War on the Rocks')).toBe('war-on-the-rocks');
		expect(slugify('Łódź Straße Ørsted')).toBe('lodz-strasse-orsted');
		expect(slugify('Новости')).toBe('');
		expect(slugify('The Very Long Name of a Publisher That Goes On and On Forever')).toBe(
			'the-very-long-name-of-a-publisher-that',
		);
	});

	it('makes ids unique with -2, -3, and falls back to the host for a publisher with no Latin letters', () => {
		const taken = new Set(['turkiye-today-2025-09-07', 'turkiye-today-2025-09-07-2']);
		expect(sourceId('Türkiye Today', '2025-09-07', (id) => taken.has(id))).toBe('turkiye-today-2025-09-07-3');
		expect(sourceId('Новости', '2025-01-02', () => false, 'novosti.example')).toBe('novosti-example-2025-01-02');
		expect(sourceId('Türkiye Today', '2025-09-08', (id) => taken.has(id))).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
	});
});
