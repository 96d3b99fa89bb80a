import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/ingest/article.js';
import { parseDocument } from '../../../src/ingest/dom.js';
import { readPageMetadata, toDay } from '../../../src/ingest/metadata.js';
import { DATE_META, dayInUrl, titleDay } from '../../../src/ingest/published.js';

const page = (head: string, body = '') =>
	parseDocument(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
const ld = (json: unknown) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;
const dated = (head: string, body = '', url?: string) => {
	const m = readPageMetadata(page(head, body), url);
	return [m.published, m.publishedFrom];
};
const PROSE =
	'<p>The council met on a wet evening and voted to keep the ferry running through the winter months.</p>'.repeat(4);

describe('the publication date, in the order of trust', () => {
	it('reads JSON-LD first, over every meta tag', () => {
		const head = `<meta property="article:published_time" content="2024-12-07T12:43:39Z">${ld({ '@type': 'NewsArticle', datePublished: '2024-12-06T22:00:40Z' })}`;
		expect(dated(head)).toEqual(['2024-12-06', 'json-ld']);
	});

	it('finds the article in a @graph, an array, or nested in another object', () => {
		const graph = {
			'@context': 'https://schema.org',
			'@graph': [{ '@type': 'WebSite' }, { '@type': 'ReportageNewsArticle', datePublished: '2015-03-18' }],
		};
		expect(dated(ld(graph))).toEqual(['2015-03-18', 'json-ld']);
		expect(dated(ld([{ '@type': 'Organization' }, { '@type': ['Article'], datePublished: '2016-01-02' }]))).toEqual([
			'2016-01-02',
			'json-ld',
		]);
		expect(
			dated(ld({ '@type': 'WebPage', mainEntity: { '@type': 'NewsArticle', datePublished: '2017-05-06' } })),
		).toEqual(['2017-05-06', 'json-ld']);
	});

	it('reads a part of the <title> that is only a date, last, and never a date inside the headline', () => {
		expect(dated('<title>Una solución no violenta - 07.12.2017 - LA NACION</title>')).toEqual(['2017-12-07', 'title']);
		expect(dated('<title>Talks resume | March 18, 2015 | The Ledger</title>')).toEqual(['2015-03-18', 'title']);
		expect(dated('<title>What happened on March 18, 2015 in Tunis - The Ledger</title>')).toEqual([
			undefined,
			undefined,
		]);
		expect(titleDay('07.12.2017 - Headline')).toBeUndefined();
		expect(dated('<title>A - 07.12.2017</title>', '', 'https://x.example/2016/01/02/a')).toEqual(['2016-01-02', 'url']);
	});

	it('reads JSON-LD wrapped in CDATA markers', () => {
		const block = `<script type="application/ld+json"><![CDATA[ ${JSON.stringify({ '@type': 'NewsArticle', datePublished: '2024-12-06' })} ]]></script>`;
		expect(dated(block)).toEqual(['2024-12-06', 'json-ld']);
	});

	it("trusts JSON-LD dateCreated below the meta tags, and ignores an image's dates", () => {
		const head = `<meta itemprop="datePublished" content="2017-11-16T14:15+0000">${ld({ '@type': 'NewsArticle', dateCreated: '2017-11-17T10:41:09Z' })}`;
		expect(dated(head)).toEqual(['2017-11-16', 'meta:datePublished']);
		expect(dated(ld({ '@type': 'ImageObject', datePublished: '2001-01-01' }))).toEqual([undefined, undefined]);
	});

	it("prefers an article's datePublished, then dateCreated, then a video's uploadDate", () => {
		expect(dated(ld({ '@type': 'NewsArticle', dateCreated: '2018-01-01', datePublished: '2018-01-02' }))).toEqual([
			'2018-01-02',
			'json-ld',
		]);
		expect(dated(ld({ '@type': 'NewsArticle', dateCreated: '2018-01-01' }))).toEqual(['2018-01-01', 'json-ld']);
		expect(dated(ld({ '@type': 'VideoObject', uploadDate: '2018-02-03' }))).toEqual(['2018-02-03', 'json-ld']);
	});

	it('reads each meta tag pages use, by property, name or itemprop, and names it', () => {
		for (const key of DATE_META) {
			for (const attr of ['property', 'name', 'itemprop']) {
				expect(dated(`<meta ${attr}="${key}" content="2019-04-28 06:01:07">`)).toEqual(['2019-04-28', `meta:${key}`]);
			}
		}
	});

	it('takes the meta tags in their order of trust, skipping one that is no date', () => {
		const head =
			'<meta name="date" content="2020-01-01"><meta property="og:published_time" content="not yet"><meta name="article:publicationdate" content="2021-02-03">';
		expect(dated(head)).toEqual(['2021-02-03', 'meta:article:publicationdate']);
	});

	it('reads odd formats as written, in their own zone', () => {
		expect(dated('<meta name="article:publicationdate" content="Fri Mar 13 21:30:09 EST 2015">')).toEqual([
			'2015-03-13',
			'meta:article:publicationdate',
		]);
		expect(toDay('March 18, 2015')).toBe('2015-03-18');
		expect(toDay('Wed, 18 Mar 2015 23:30:00 -0400')).toBe('2015-03-18');
		expect(toDay('soon')).toBeUndefined();
	});

	it('reads a <time>: one marked pubdate, then one in the header, then the first in the article', () => {
		const body =
			'<time datetime="2001-01-01">x</time><article><header><time datetime="2022-03-04">4 March</time></header><time datetime="2022-05-06">y</time></article>';
		expect(dated('', body)).toEqual(['2022-03-04', 'time']);
		expect(dated('', `${body}<time pubdate datetime="2022-07-08">z</time>`)).toEqual(['2022-07-08', 'time']);
		expect(dated('', '<article><p>x</p><time datetime="2022-05-06">y</time></article>')).toEqual([
			'2022-05-06',
			'time',
		]);
	});

	it('reads the canonical, then the fetched, URL path, never a year or month alone', () => {
		expect(
			dated(
				'<link rel="canonical" href="https://news.example/world/2015/03/18/story.html">',
				'',
				'https://news.example/x',
			),
		).toEqual(['2015-03-18', 'url']);
		expect(dated('', '', 'https://news.example/a/20150318/story')).toEqual(['2015-03-18', 'url']);
		expect(dayInUrl('https://news.example/2015-03-18/story')).toBe('2015-03-18');
		expect(dayInUrl('https://news.example/2015/story')).toBeUndefined();
		expect(dayInUrl('https://news.example/2015/03/story')).toBeUndefined();
		expect(dayInUrl('https://news.example/2015/13/40/story')).toBeUndefined();
		expect(dayInUrl('https://news.example/story?d=2015/03/18')).toBeUndefined();
	});

	it('reads a byline or dateline box, then the first short blocks of the text', () => {
		expect(dated('', '<div class="byline">By Ann Lee | March 18, 2015</div>')).toEqual(['2015-03-18', 'byline']);
		expect(dated('', '<p class="article-date">18 mars 2015</p>')).toEqual(['2015-03-18', 'byline']);
		const article = extractArticle(
			`<html><body><article><p>Paris, 18 mars 2015</p>${PROSE}</article></body></html>`,
			undefined,
		);
		expect(article?.metadata).toMatchObject({ published: '2015-03-18', publishedFrom: 'byline' });
	});

	it('takes no date from prose further down or from a long paragraph', () => {
		const article = extractArticle(
			`<html><body><article>${PROSE}<p>It last flooded on March 18, 2015.</p></article></body></html>`,
			undefined,
		);
		expect(article?.metadata.published).toBeUndefined();
	});
});
