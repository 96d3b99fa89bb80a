import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../../src/core/answer/answer.js';
import { escapeMarkdown } from '../../../../src/core/render/markdown.js';
import type { AnswerResult } from '../../../../src/core/answer/answer.js';
import { quoteCutOf, UNCUT } from '../../../../src/core/answer/quote-cut.js';
import { MAX_EMBED_DESCRIPTION, MAX_MESSAGE_LENGTH } from '../../../../src/core/render/discord-limits.js';
import { blockQuote, renderAnswer, resultCard } from '../../../../src/core/render/render.js';
import { corpusFrom, DEFAULT_DATA } from '../../../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);

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
	it('cites each quote with title, publisher, date and link, the quote as a block quote', () => {
		const r = renderAnswer(answer(news, 'Who leads the Turkish delegation to Armenia?'));
		const card = r.cards[0]!;
		expect(card.description.startsWith('> ')).toBe(true);
		expect(card.footer).toContain('Türkiye Today · 2025-09-07');
		expect(card.url).toContain('#:~:text=');
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
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

/** An answer result for `quote` in `passage`, as answer() makes one. */
const resultFor = (passage: string, quote: string): AnswerResult => ({
	source: {
		id: 'x',
		title: 'Title',
		publisher: 'Publisher',
		url: 'https://example.com/a',
		published: '2025-01-01',
		library: 'shared',
	},
	paragraph: 0,
	passage,
	quote,
	link: 'https://example.com/a#:~:text=x',
	score: 1,
	coverage: 1,
});

describe('resultCard', () => {
	const passage = 'The bill, which passed 231 to 198, now goes to the Senate. It was late.';

	it('marks a quote cut from a longer sentence, and leaves a whole sentence unmarked', () => {
		expect(resultCard(resultFor(passage, 'now goes to the Senate.')).description).toBe('> …now goes to the Senate.');
		expect(resultCard(resultFor(passage, 'which passed 231 to 198,')).description).toBe(
			'> …which passed 231 to 198, …',
		);
		expect(resultCard(resultFor(passage, 'It was late.')).description).toBe('> It was late.');
		expect(resultCard(resultFor(passage, passage)).description).toBe(`> ${passage}`);
	});

	it("keeps the description within Discord's limit when the marks are added to a long quote", () => {
		const long = `${'word '.repeat(1_000)}end of it.`;
		const card = resultCard(resultFor(long, long.slice(5, -4)));
		expect(card.description.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
		expect(card.description.startsWith('> …word')).toBe(true);
	});

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
				const description = renderAnswer({ question: q, answered: true, results: [r] }).cards[0]!.description;
				expect(description.startsWith('> …'), `${q} #${i + 1} start`).toBe(cutStart);
				expect(description.endsWith('…'), `${q} #${i + 1} end`).toBe(cutEnd);
				cuts += Number(cutStart) + Number(cutEnd);
			}
		}
		// The default corpus has sentences over 300 characters, quoted by the clause.
		expect(cuts).toBeGreaterThan(0);
	});
});
