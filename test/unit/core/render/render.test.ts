import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../../src/core/answer/answer.js';
import { escapeMarkdown } from '../../../../src/core/render/markdown.js';
import type { AnswerResult } from '../../../../src/core/answer/answer.js';
import { quoteCutOf, UNCUT } from '../../../../src/core/answer/quote-cut.js';
import { MAX_BUTTONS_PER_ROW, MAX_EMBED_URL, MAX_MESSAGE_LENGTH } from '../../../../src/core/render/discord-limits.js';
import { renderContext } from '../../../../src/core/render/context.js';
import { textFragmentLink } from '../../../../src/core/render/link.js';
import {
	blockQuote,
	CUT_MARK,
	offeredResults,
	renderAnswer,
	renderAnswerPage,
} from '../../../../src/core/render/render.js';
import { citeText, shownResults, unescapeMarkdown } from '../../../helpers/answer-text.js';
import { liveMarkup } from '../../../helpers/live-markup.js';
import { corpusFrom, DEFAULT_DATA } from '../../../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);

/** An answer result for `quote` in `passage`, as answer() makes one. */
const resultFor = (passage: string, quote: string, source: Partial<AnswerResult['source']> = {}): AnswerResult => ({
	source: {
		id: 'x',
		title: 'Title',
		publisher: 'Publisher',
		url: 'https://example.com/a',
		published: '2025-01-01',
		library: 'shared',
		...source,
	},
	paragraph: 0,
	passage,
	quote,
	link: 'https://example.com/a#:~:text=x',
	score: 1,
	coverage: 1,
});

describe('escapeMarkdown', () => {
	it('neutralizes emphasis, code, spoilers, headings, quotes, lists, subtext and masked links', () => {
		expect(escapeMarkdown('**bold** _it_ `code` ||spoiler|| ~~x~~')).toBe(
			'\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~x\\~\\~',
		);
		expect(escapeMarkdown('# Head\n> quote\n- item\n-# small')).toBe('\\# Head\n\\> quote\n\\- item\n\\-# small');
		expect(escapeMarkdown('[click](https://evil.example)')).toBe('\\[click\\](https://evil.example)');
	});

	it('keeps @everyone, @here and <@id> from rendering as mentions', () => {
		const out = escapeMarkdown('@everyone @here <@123> <@&456>');
		expect(out).not.toMatch(/@everyone|@here|(^|[^\\])<@/);
	});

	it('leaves no unescaped markdown in any text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const out = escapeMarkdown(text);
				expect(out).not.toMatch(/(^|[^\\])[*_~`|]/);
				expect(out).not.toMatch(/@(everyone|here)/i);
			}),
			{ numRuns: 2_000 },
		);
	});
});

describe('renderAnswer', () => {
	it('puts the quotes in the text, numbered, each a block quote with publisher, date and a masked link under it', () => {
		const r = renderAnswer(answer(news, 'Who leads the Turkish delegation to Armenia?'));
		expect(r.cards).toEqual([]);
		const shown = shownResults(r.content);
		expect(shown.map((s) => s.n)).toEqual([1, 2, 3]);
		expect(unescapeMarkdown(shown[0]!.quote)).toContain('Serdar Kilic');
		expect(shown[0]!.cite).toMatch(
			/^Türkiye Today · 2025-09-07 · \[paragraph \d+\]\(<https:\/\/www\.turkiyetoday\.com\/.*#:~:text=.*>\)$/,
		);
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
	});

	it('cites a source whose date is unknown as such, never with a guessed day', () => {
		const { published: _dropped, ...undated } = resultFor('One. Two.', 'One.').source;
		const result = { ...resultFor('One. Two.', 'One.'), source: undated };
		const r = renderAnswer({ question: 'q', answered: true, results: [result] });
		expect(shownResults(r.content)[0]!.cite).toMatch(/^Publisher · date unknown · /);
	});

	it('names a source by its title once, the first time it appears', () => {
		const a = answer(news, 'Who leads the Turkish delegation to Armenia?');
		const title = a.results[0]!.source.title;
		const r = renderAnswer(a);
		expect(r.content.split(title)).toHaveLength(2);
		const shown = shownResults(r.content);
		expect(shown[0]!.head).toBe(title);
		for (const s of shown.slice(1)) expect(s.head).toBe('Same source as 1.');
	});

	it('says plainly that the sources do not say, quoting nothing', () => {
		const r = renderAnswer(answer(news, 'Who is Lionel Messi?'), 5);
		expect(r.cards).toEqual([]);
		expect(r.content).toMatch(/^The sources don't say\./);
	});

	it('escapes the question it repeats', () => {
		const r = renderAnswer({ question: '@everyone **hi**', answered: false, results: [] });
		expect(r.content).not.toContain('@everyone');
		expect(r.content).toContain('\\*\\*hi\\*\\*');
	});

	it('keeps three ordinary results whole, titles and text-fragment links included', () => {
		const results = [0, 1, 2]
			.map((i) =>
				resultFor('A sentence of news text. '.repeat(12).trim(), 'x', {
					id: `s${i}`,
					title: `A headline of some length about the matter at hand, number ${i}`,
					url: `https://news.example/${'section/'.repeat(8)}article-${i}`,
				}),
			)
			.map((r) => ({
				...r,
				quote: r.passage.slice(0, 300).trim(),
				link: textFragmentLink(r.source.url, r.passage.slice(0, 300).trim()),
			}));
		const r = renderAnswer({ question: 'What happened?', answered: true, results });
		const shown = shownResults(r.content);
		for (const [i, s] of shown.entries()) {
			expect(unescapeMarkdown(s.quote)).toBe(results[i]!.quote);
			expect(s.head).toBe(results[i]!.source.title.trim());
			expect(s.link).toBe(results[i]!.link);
		}
	});
});

/** Text with the markup Discord renders in it: inline marks, masked links, line-start marks and mentions. */
const arbitraryText = (maxLength: number) =>
	fc
		.array(
			fc.oneof(
				fc.constantFrom(
					'*',
					'**',
					'_',
					'~~',
					'`',
					'||',
					'[a](b)',
					'<@1>',
					'@everyone',
					'# ',
					'> ',
					'-# ',
					'1. ',
					'\\',
					'…',
				),
				fc.constantFrom('word', 'Sentence.', ' ', ' ', 'é', '😀', 'x'.repeat(40), '%', '(', ')'),
				fc.string({ maxLength: 4 }),
			),
			{ maxLength: 120 },
		)
		.map((parts) =>
			parts
				.join('')
				.replace(/[\r\n\u2028\u2029]/g, ' ')
				.slice(0, maxLength),
		);

const arbitraryResult = fc
	.record({
		title: arbitraryText(300),
		publisher: arbitraryText(100),
		before: arbitraryText(200),
		quote: arbitraryText(300).filter((q) => q.trim().length > 0),
		after: arbitraryText(200),
		path: fc.integer({ min: 0, max: 950 }),
		id: fc.constantFrom('a', 'b', 'c'),
	})
	.map(({ title, publisher, before, quote, after, path, id }) => {
		const url = `https://news.example/${'p(x)'.repeat(Math.floor(path / 4))}`;
		const r = resultFor(`${before}${quote}${after}`, quote, { id, title, publisher, url });
		return { ...r, link: textFragmentLink(url, quote) };
	});

describe('renderAnswer within Discord', () => {
	it('keeps to 2,000 characters and links to 2,048, escapes all source text, and shows each quote verbatim or cut with "…"', () => {
		fc.assert(
			fc.property(
				arbitraryText(300),
				fc.array(arbitraryResult, { minLength: 1, maxLength: 3 }),
				(question, results) => {
					const r = renderAnswer({ question: `q${question}`, answered: true, results });
					expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
					const shown = shownResults(r.content);
					expect(shown.map((s) => s.n)).toEqual(results.map((_, i) => i + 1));
					for (const [i, s] of shown.entries()) {
						const result = results[i]!;
						if (s.link !== undefined) {
							expect(s.link.length).toBeLessThanOrEqual(MAX_EMBED_URL);
							expect(s.link).not.toMatch(/[<>()\s]/);
							expect(result.link.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))).toContain(s.link);
						}
						for (const text of [s.head, citeText(s.cite), s.quote]) expect(liveMarkup(text), text).toEqual([]);
						let body = unescapeMarkdown(s.quote);
						const cut = quoteCutOf(result.passage, result.quote);
						if (cut.cutStart) body = body.replace(/^… ?/, '');
						if (body.includes(result.quote)) continue;
						// Cut to fit: a start of the quote, marked.
						expect(body.endsWith(CUT_MARK)).toBe(true);
						expect(result.quote.startsWith(body.slice(0, -1).trimEnd())).toBe(true);
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('renderAnswerPage', () => {
	const passage = 'The bill, which passed 231 to 198, now goes to the Senate. It was late.';
	const results = [
		resultFor(passage, passage),
		resultFor(passage, 'now goes to the Senate.', { id: 'y' }),
		resultFor(passage, 'It was late.', { id: 'z' }),
		resultFor(passage, 'It was late.', { id: 'w' }),
	];

	it('offers "n in context" only for a quote that is not its whole paragraph, then More, in one row', () => {
		const r = renderAnswerPage({ question: 'q', answered: true, results });
		expect(r.buttons.map((b) => b.label)).toEqual(['2 in context', '3 in context', 'More']);
		expect(r.buttons[0]!.id).toBe(`ask:context:y:0:${passage.indexOf('now')}:${passage.indexOf('now') + 23}`);
		expect(r.buttons.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
	});

	it('numbers a later page on, says it is ranked lower, and offers Back', () => {
		const r = renderAnswerPage({ question: 'q', answered: true, results }, { offset: 3 });
		expect(r.content).toMatch(
			/^\*\*Passages 4–4\*\* for “q”, ranked below the first 3: they may answer it less well\./,
		);
		expect(shownResults(r.content).map((s) => s.n)).toEqual([4]);
		expect(r.buttons.map((b) => b.label)).toEqual(['4 in context', 'Back']);
	});

	it('stops More at the first result past the first that holds none of the question’s words', () => {
		const weak = results.map((x, i) => ({ ...x, coverage: i === 3 ? 0 : x.coverage }));
		expect(offeredResults(weak)).toHaveLength(3);
		expect(
			renderAnswerPage({ question: 'q', answered: true, results: weak }).buttons.map((b) => b.label),
		).not.toContain('More');
		// The first passed the abstention rule, whatever its coverage.
		expect(offeredResults([{ ...results[0]!, coverage: 0 }])).toHaveLength(1);
	});
});

describe('renderContext', () => {
	const source = news.byId.get('asbarez-2024-05-13')!;
	const paragraphs = news.paragraphsOf.get(source.id)!;

	it('shows the paragraph with the ones before and after it, the quote in bold, only to who clicked', () => {
		const main = paragraphs[2]!;
		const start = main.text.indexOf(' ') + 1;
		const r = renderContext(source, paragraphs, 2, { start, end: main.text.length });
		expect(r.ephemeral).toBe(true);
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
		expect(r.content).toContain(`**${escapeMarkdown(main.text.slice(start))}**`);
		expect(r.content).toContain(`> ${escapeMarkdown(paragraphs[1]!.text)}\n-# paragraph 2`);
		expect(r.content).toContain(`> ${escapeMarkdown(paragraphs[3]!.text)}\n-# paragraph 4`);
	});

	it('fits paragraphs far over a message around the quote, every cut marked, nothing live', () => {
		const long = (n: number) => ({ n, text: `Sentence ${n} <@123> @everyone ${'*_ '.repeat(600)} end.` });
		const ps = [long(0), long(1), long(2)];
		const quote = 'Sentence 1 <@123>';
		const r = renderContext(source, ps, 1, { start: 0, end: quote.length });
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
		expect(r.content).toContain(`**${escapeMarkdown(quote)}**`);
		expect(r.content).toMatch(/> …/);
		expect(r.content).toMatch(/…\n-# paragraph 2/);
		expect(r.content).not.toMatch(/(?<!\\)<@123>|@everyone/);
	});
});

describe('blockQuote', () => {
	it('marks a cut start or end with "…" outside the quote, joined to a word, set off from punctuation', () => {
		expect(blockQuote('now goes to the Senate.', { cutStart: true, cutEnd: false })).toBe('> …now goes to the Senate.');
		expect(blockQuote('The bill,', { cutStart: false, cutEnd: true })).toBe('> The bill, …');
		expect(blockQuote('which passed 231 to 198', { cutStart: true, cutEnd: true })).toBe('> …which passed 231 to 198…');
		expect(blockQuote('“minilateralism”,', { cutStart: true, cutEnd: true })).toBe('> … “minilateralism”, …');
		expect(blockQuote('The bill passed.')).toBe('> The bill passed.');
		expect(blockQuote('The bill passed.', UNCUT)).toBe('> The bill passed.');
	});

	it('escapes the quote as before, the marks left outside the escaping', () => {
		expect(blockQuote('**all** of it', { cutStart: true, cutEnd: true })).toBe('> … \\*\\*all\\*\\* of it…');
		expect(blockQuote('- and then @everyone left', { cutStart: true, cutEnd: false })).toBe(
			`> … ${escapeMarkdown('- and then @everyone left')}`,
		);
	});

	it('shows the escaped quote whole between the marks, every line quoted', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), fc.boolean(), fc.boolean(), (text, cutStart, cutEnd) => {
				const out = blockQuote(text, { cutStart, cutEnd });
				const lines = out.split('\n');
				for (const line of lines) expect(line.startsWith('> ')).toBe(true);
				let body = lines.map((l) => l.slice(2)).join('\n');
				if (cutStart) body = body.replace(/^… ?/, '');
				if (cutEnd) body = body.replace(/ ?…$/, '');
				expect(body).toBe(escapeMarkdown(text));
			}),
			{ numRuns: 1_000 },
		);
	});
});

describe('cut marks in an answer', () => {
	it('marks the quotes of real answers exactly where they are cut from a sentence', () => {
		const questions = [
			'Who witnessed the Washington declaration between Armenia and Azerbaijan?',
			'What is minilateralism?',
			'When did the First Karabakh War happen?',
			'Who leads the Turkish delegation to Armenia?',
		];
		let cuts = 0;
		for (const q of questions) {
			for (const [i, r] of answer(news, q).results.entries()) {
				const { cutStart, cutEnd } = quoteCutOf(r.passage, r.quote);
				const quote = shownResults(renderAnswer({ question: q, answered: true, results: [r] }).content)[0]!.quote;
				expect(quote.startsWith('…'), `${q} #${i + 1} start`).toBe(cutStart);
				expect(quote.endsWith('…'), `${q} #${i + 1} end`).toBe(cutEnd);
				cuts += Number(cutStart) + Number(cutEnd);
			}
		}
		// The default corpus has sentences over 300 characters, quoted by the clause.
		expect(cuts).toBeGreaterThan(0);
	});
});
