import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/ingest/article.js';
import { readBlocks } from '../../../src/ingest/blocks.js';
import { parseFragment } from '../../../src/ingest/dom.js';
import { markdownParagraphs } from '../../../src/ingest/markdown.js';
import { splitFrontMatter, textParagraphs } from '../../../src/ingest/text.js';
import { INGEST_FIXTURES } from '../../fixtures/ingest/server.js';

const fixture = (name: string) => readFileSync(join(INGEST_FIXTURES, name), 'utf8');
const htmlParagraphs = (html: string) => readBlocks(parseFragment(html)).map((b) => b.text);

describe('extractArticle', () => {
	it('keeps the article’s paragraphs and headings, one a line, and none of the page around them', () => {
		const article = extractArticle(fixture('article.html'), 'https://ledger.example.org/x');
		expect(article?.paragraphs).toEqual([
			'The level of Lake Sevan rose by 14 centimetres over the past twelve months, the Sevan Basin Authority said on Tuesday, the second consecutive year of gains after a decade of decline.',
			'Officials credited the recovery to a cap on irrigation withdrawals that farmers in the Ararat valley accepted in 2024, which cut the water drawn from the lake to 170 million cubic metres a year.',
			'Tunnel from the Arpa river',
			'Engineers say the Vorotan–Arpa tunnel, refurbished last spring, now carries about 210 million cubic metres into the lake each year, close to its design capacity.',
			'Environmental groups welcomed the figures but warned that algal blooms on the western shore remain a concern, with cyanobacteria counts above the 2019 baseline.',
			'“We are not out of danger, but the trend has finally turned,” said Lusine Hakobyan, a hydrologist at Yerevan State University.',
			'The authority expects the lake to reach 1,900.9 metres above sea level by 2027 if the irrigation cap is kept.',
		]);
	});

	it('finds no article in a sign-in page, an empty page, or a list of links', () => {
		expect(extractArticle(fixture('no-article.html'), undefined)).toBeUndefined();
		expect(extractArticle('<html><body></body></html>', undefined)).toBeUndefined();
		expect(extractArticle('', undefined)).toBeUndefined();
		const links = Array.from(
			{ length: 30 },
			(_, i) => `<li><a href="/s/${i}">Story number ${i} about the border talks and the railway</a></li>`,
		).join('');
		expect(extractArticle(`<html><body><main><ul>${links}</ul></main></body></html>`, undefined)).toBeUndefined();
	});

	it('keeps a paragraph of links inside the article, as a reader sees it', () => {
		const prose =
			'<p>The Kars–Gyumri railway line will reopen to freight in the spring, officials from both countries confirmed at a joint press conference on Friday.</p>';
		const related = '<p><a href="/tunisia">Tunisia sends most foreign fighters to Islamic State in Syria</a></p>';
		const article = extractArticle(
			`<html><body><main><article>${prose.repeat(3)}${related}${prose.replace('Friday', 'Monday')}</article></main></body></html>`,
			undefined,
		);
		expect(article?.paragraphs).toContain('Tunisia sends most foreign fighters to Islamic State in Syria');
	});

	it('drops a subscribe pitch, share buttons and credits that sit inside the article body', () => {
		const body = [
			'<p>The Kars–Gyumri railway line will reopen to freight in the spring, officials from both countries confirmed at a joint press conference on Friday.</p>',
			'<p>Subscribe now</p><p>Share on Facebook</p><p>Photo: AFP</p>',
			'<p>Trains last crossed the border in 1993, when Türkiye closed it during the first Karabakh war; the line has been kept in repair on both sides.</p>',
			'<p>Get our newsletter in your inbox. Subscribe today!</p>',
		].join('');
		const article = extractArticle(`<html><body><article>${body}</article></body></html>`, undefined);
		expect(article?.paragraphs).toHaveLength(2);
	});
});

describe('extractArticle with comments written as articles', () => {
	it('keeps the main article and drops a comments section whose comments are <article>s', () => {
		const story = Array.from(
			{ length: 4 },
			(_, i) =>
				`<p>Paragraph ${i} of the story: the Gyumri municipality approved a budget of 4.2 billion drams for restoring the Kumayri historic district.</p>`,
		).join('');
		const comments = Array.from(
			{ length: 12 },
			(_, i) =>
				`<article class="comment"><p>Comment ${i}: I grew up in Kumayri and I think the old houses deserve this money more than anything else in town.</p></article>`,
		).join('');
		const html = `<html><body><div id="page" class="site has-comments"><article class="post">${story}</article><section id="comments" class="comments-area">${comments}</section></div></body></html>`;
		const paragraphs = extractArticle(html, undefined)?.paragraphs ?? [];
		expect(paragraphs).toHaveLength(4);
		expect(paragraphs.join(' ')).not.toContain('Comment');
	});
});

describe('extractArticle and framework markup', () => {
	it('reads text split by HTML comments as one paragraph', () => {
		const sentence =
			'A version of this article appears in print on <!-- -->March 3<!-- -->, on Page <!-- -->A<!-- -->22<!-- --> of the New York edition, with the headline about winter and the city’s pipes.';
		const html = `<html><body><article><div>${sentence}</div><p>${'The water mains under the city streets are more than a century old in places, engineers said. '.repeat(3)}</p></article></body></html>`;
		expect(extractArticle(html, undefined)?.paragraphs[0]).toBe(
			'A version of this article appears in print on March 3, on Page A22 of the New York edition, with the headline about winter and the city’s pipes.',
		);
	});
});

describe('readBlocks', () => {
	it('normalizes whitespace and splits at blocks and line breaks, not at inline markup', () => {
		expect(
			htmlParagraphs(
				'<div>  One&nbsp;<b>bold</b>\n\tword <a href="#">here</a></div><p>Two<br>Three</p><ul><li>Four</li></ul><table><tr><td>a</td><td>b</td></tr></table>',
			),
		).toEqual(['One bold word here', 'Two', 'Three', 'Four', 'a b']);
	});

	it('skips scripts, styles, forms controls and templates', () => {
		expect(
			htmlParagraphs(
				'<p>Kept<script>var x = 1;</script></p><style>p{}</style><button>Go</button><template><p>no</p></template>',
			),
		).toEqual(['Kept']);
	});

	it('walks a page nested thousands deep without overflowing the stack', () => {
		expect(htmlParagraphs(`${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`)).toEqual(['deep']);
	});

	it('gives lines that are non-empty, trimmed, single-spaced and without line breaks, for any HTML', () => {
		const tag = fc.constantFrom('p', 'div', 'span', 'a', 'b', 'li', 'h2', 'td', 'br', 'script', 'blockquote', 'pre');
		const text = fc.string({
			unit: fc.constantFrom('a', ' ', '\n', '\t', '\u00a0', '\u200b', 'é', '<', '&', '&amp;', '&nbsp;', 'x', '.'),
		});
		const node: fc.Memo<string> = fc.memo((n) =>
			n <= 1
				? text
				: fc.oneof(
						text,
						fc.tuple(tag, fc.array(node(n - 1), { maxLength: 4 })).map(([t, kids]) => `<${t}>${kids.join('')}</${t}>`),
					),
		);
		fc.assert(
			fc.property(fc.array(node(4), { maxLength: 6 }), (parts) => {
				for (const line of htmlParagraphs(parts.join(''))) {
					expect(line.length).toBeGreaterThan(0);
					expect(line).toBe(line.trim());
					expect(line).not.toMatch(/\s{2}|[\n\r\t\u00a0\u200b]/);
				}
			}),
		);
	});

	it('gives extractArticle output of the same shape for any text in an article', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ minLength: 0, maxLength: 200 }), { maxLength: 12 }), (texts) => {
				const body = texts
					.map(
						(t) => `<p>${t.replace(/[<&]/g, ' ')} The long sentence here keeps the article long enough to be one.</p>`,
					)
					.join('');
				for (const line of extractArticle(`<html><body><article>${body}</article></body></html>`, undefined)
					?.paragraphs ?? []) {
					expect(line.length).toBeGreaterThan(0);
					expect(line).toBe(line.trim());
					expect(line).not.toMatch(/\n/);
				}
			}),
			{ numRuns: 40 },
		);
	});
});

describe('extractArticle on any input', () => {
	it('never throws, whatever the page holds', () => {
		const piece = fc.constantFrom(
			'<html>',
			'</html>',
			'<body>',
			'<p>',
			'</p>',
			'<div class="share">',
			'</div>',
			'<head>',
			'<title>',
			'</title>',
			'<!doctype html>',
			'<article>',
			'<',
			'>',
			'&',
			'"',
			' text ',
			'A sentence of some length that reads like prose. ',
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
				extractArticle(parts.join(''), 'https://x.example/a');
			}),
			{ numRuns: 200 },
		);
	});
});

describe('plain text and Markdown', () => {
	it('keeps a paragraph a line, or joins hard-wrapped blank-line-separated blocks', () => {
		expect(textParagraphs('One.\nTwo.\n\n\nThree.\n')).toEqual(['One.', 'Two.', 'Three.']);
		expect(textParagraphs('\ufeffOne line\nwrapped.\r\n\r\nTwo  lines\nwrapped too.')).toEqual([
			'One line wrapped.',
			'Two lines wrapped too.',
		]);
		expect(textParagraphs(readFileSync(join(INGEST_FIXTURES, 'plain.txt'), 'utf8'))).toHaveLength(2);
		expect(textParagraphs('   \n\n')).toEqual([]);
	});

	it('strips Markdown to text, headings as lines of their own, and reads front matter', () => {
		const md = markdownParagraphs(fixture('notes.md'));
		expect(md.fields).toMatchObject({
			title: 'Gyumri textile mill reopens',
			date: '2025-04-02',
			publisher: 'Shirak Weekly',
		});
		expect(md.heading).toBe('Gyumri textile mill reopens');
		expect(md.paragraphs).toEqual([
			'Gyumri textile mill reopens',
			'The Gyumri textile mill, closed since 2009, reopened on Wednesday with 200 workers on its first shift.',
			'New owners',
			'Investors from Lyon bought the plant in 2023.',
			'They plan to export linen to France and Italy.',
		]);
		expect(
			markdownParagraphs(
				'Text with `code`, ~~gone~~ and ![an image](x.png) and <b>html</b>.\n\n---\n\n> A quote\n> goes on',
			).paragraphs,
		).toEqual(['Text with code, gone and and html.', 'A quote goes on']);
	});

	it('leaves text without front matter alone', () => {
		expect(splitFrontMatter('no front matter\n---\nx: y\n---\n')).toEqual({
			fields: {},
			body: 'no front matter\n---\nx: y\n---\n',
		});
		expect(splitFrontMatter('---\nauthors: [A, B]\n---\nbody').fields).toEqual({ authors: 'A, B' });
	});
});
