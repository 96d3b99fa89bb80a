import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH } from '../../commands/ask.js';
import { commands, OPERATOR_CALLER } from '../../commands/index.js';
import { answer } from '../../src/core/answer/answer.js';
import type { Reply } from '../../src/core/render/render.js';
import { citeText, shownResults } from '../helpers/answer-text.js';
import { corpusFrom, DEFAULT_DATA } from '../helpers/corpus.js';
import { liveMarkup } from '../helpers/live-markup.js';

const corpus = corpusFrom(DEFAULT_DATA);
const RUNS = 10_000;
/** Direct answer() calls on strings longer than the /ask limit are capped: the schema refuses those before any answer. */
const MAX_HUGE_ANSWERS = 5;
const HUGE = 100_000;

const TOKENS = [
	// markdown
	'**',
	'__',
	'||',
	'~~',
	'`',
	'```',
	'>',
	'> ',
	'>>> ',
	'#',
	'# ',
	'## ',
	'-#',
	'-# ',
	'- ',
	'* ',
	'1. ',
	'2) ',
	'[x](http://e)',
	'[x]',
	'(http://e)',
	'\\',
	'\\*',
	'\\\\',
	'<http://e>',
	// mentions
	'@everyone',
	'@here',
	'@EVERYONE',
	'<@123>',
	'<@!123>',
	'<@&1>',
	'<#1>',
	'</ask:1>',
	'<:e:1>',
	'<t:1>',
	// regex metacharacters
	'.*',
	'+',
	'?',
	'^',
	'$',
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	'{2,}',
	'|',
	'(?<',
	'\\b',
	'\\d',
	'[^',
	// control characters, RTL, combining marks, emoji, odd spaces
	'\u0000',
	'\u0007',
	'\u001b[31m',
	'\r',
	'\n',
	'\r\n',
	'\t',
	'\u2028',
	'\u2029',
	'\u200b',
	'\u200e',
	'\u200f',
	'\u202e',
	'\u2066',
	'\ufeff',
	'\u00a0',
	'שלום',
	'مرحبا',
	'e\u0301',
	'a\u0300\u0301\u0302\u0303',
	'Z̷̢̛a̶l̸g̵o',
	'😀',
	'👩‍👩‍👧',
	'🇦🇲',
	'\ud800',
	'\udfff',
	// words the corpus can answer, so quotes and cards are rendered too
	'Who is',
	'Ian Borg',
	'Armenia',
	'Azerbaijan',
	'border',
	'Turkish delegation',
	'president',
	'When',
	'how many',
	'2024',
	'2025-05',
];

const word = fc.constantFrom(...TOKENS);
const glue = fc.constantFrom('', ' ', '  ', '\n');
const mixed = fc.array(fc.tuple(word, glue), { maxLength: 12 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
const whitespace = fc
	.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\u2028'), { maxLength: 20 })
	.map((s) => s.join(''));
/** 100 KB strings: a hostile piece repeated (generated cheaply, so 10,000 runs stay fast). */
const huge = fc
	.tuple(
		fc.oneof(
			word,
			mixed.filter((s) => s.length > 0),
		),
		fc.integer({ min: HUGE, max: HUGE + 100 }),
	)
	.map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));

const hostile: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.constant(''), weight: 1 },
	{ arbitrary: whitespace, weight: 1 },
	{ arbitrary: mixed, weight: 8 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 3 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 2 },
	{
		arbitrary: fc.string({ unit: fc.constantFrom(...'*_~`|>#-[]()<@\\!&.?^$+{}\n\r'.split('')), maxLength: 40 }),
		weight: 3,
	},
	{ arbitrary: huge, weight: 1 },
);

/** Our own markup, which the replies put around the user's text on purpose. */
const OWN_HEADING = /^\*\*(?:One passage|\d+ passages|Passages \d+–\d+|Timeline|\d+ sources)\*\*/;

/**
 * Every part of a reply a user sees rendered: the content (an answer's heading, and each result's
 * title, quote and citation, our own number, "> ", "-# " and link taken off), and each card's title and
 * description (its own "> " quote prefix removed).
 */
/**
 * A spelling note's own italics around the words it corrected (help-note.ts: the words themselves
 * escaped inside), taken off so that only what stands between them is checked.
 */
const ownItalics = (line: string): string =>
	/^Showing results for “|Did you mean \*/.test(line) ? line.replace(/(?<!\\)\*((?:\\.|[^*\\])+)\*/g, '$1') : line;

/** A timeline line: our bold dates, the sentence (as a masked link, or plain when no link fits), " — ", the publisher. */
const TIMELINE_LINE = /^\*\*[^*]+\*\* (?:\[(.*)\]\(<[^>\s]*>\)|(.*?)) — (.*)$/s;
/** Our own lines and marks in a timeline page: its heading's bold, the scheduled group's heading. */
const OWN_TIMELINE = /^\*\*(?:Timeline|Scheduled)\*\*/;

/** A timeline page's parts the user sees rendered: each line's sentence and publisher, the rest of each other line. */
function timelineParts(content: string): string[] {
	return content.split('\n').flatMap((line) => {
		const m = TIMELINE_LINE.exec(line);
		if (m !== null) return [m[1] ?? m[2] ?? '', m[3]!];
		return [line.replace(OWN_TIMELINE, '')];
	});
}

function renderedParts(reply: Reply): string[] {
	if (reply.content.startsWith('**Timeline**')) return timelineParts(reply.content);
	const results = shownResults(reply.content);
	const text = results.length === 0 ? reply.content : reply.content.split('\n\n')[0]!;
	const content = [
		...text.split('\n').map((line) => ownItalics(line).replace(OWN_HEADING, '')),
		...results.flatMap((r) => [r.head, r.quote, citeText(r.cite)]),
	];
	const cards = reply.cards.flatMap((card) => {
		const lines = card.description.split('\n');
		for (const line of lines)
			expect(line.startsWith('> '), `card description line ${JSON.stringify(line)} is quoted`).toBe(true);
		return [card.title, lines.map((l) => l.slice(2)).join('\n')];
	});
	return [...content, ...cards];
}

function expectSafe(reply: Reply, where: string): void {
	for (const part of renderedParts(reply))
		expect(liveMarkup(part), `${where}: ${JSON.stringify(part.slice(0, 200))}`).toEqual([]);
}

/** The string options of each command (but /ingest, which fetches), so each hostile string is tried as each of them. */
const targets = commands
	.filter((c) => c.data.name !== 'ingest')
	.flatMap((c) =>
		(c.data.options ?? [])
			.filter((o) => o.type === ApplicationCommandOptionType.String)
			.map((o) => ({ command: c, option: o.name })),
	);

describe('hostile questions and option values', () => {
	// About 25 s alone on two cores; three times that beside the other stress files' 100-kill loops.
	it('are refused or answered safely by every command and by answer(), never thrown on, quoted verbatim and escaped', async () => {
		let hugeAnswers = 0;
		const counts = { accepted: 0, refused: 0, answered: 0 };
		await fc.assert(
			fc.asyncProperty(hostile, async (q) => {
				for (const { command, option } of targets) {
					const where = `/${command.data.name} ${option}`;
					const parsed = command.input.safeParse({ [option]: q });
					if (command.data.name === 'ask' && q.trim().length > MAX_QUESTION_LENGTH) {
						// Oversized questions are refused at the door with a message saying so, never answered slowly.
						expect(parsed.success, `${where} of ${q.length} characters`).toBe(false);
						expect(parsed.error?.issues.map((i) => i.message)).toContain(
							`Questions are limited to ${MAX_QUESTION_LENGTH} characters; shorten it.`,
						);
					}
					if (!parsed.success) {
						counts.refused++;
						continue;
					}
					counts.accepted++;
					const reply = await command.run(parsed.data, { corpus, caller: OPERATOR_CALLER });
					expectSafe(reply, where);
				}
				if (q.length <= MAX_QUESTION_LENGTH * 10 || hugeAnswers++ < MAX_HUGE_ANSWERS) {
					const a = answer(corpus, q);
					if (a.answered) counts.answered++;
					for (const r of a.results) expect(r.passage).toContain(r.quote);
				}
			}),
			{ numRuns: RUNS, seed: 9 },
		);
		console.info(
			`${RUNS} strings: ${counts.accepted} command inputs accepted and run, ${counts.refused} refused, ${counts.answered} answered by answer()`,
		);
		expect(counts.answered).toBeGreaterThan(0);
	}, 180_000);

	it('refuses a question longer than the /ask limit with a clear message, before answering', () => {
		const ask = commands.find((c) => c.data.name === 'ask')!;
		fc.assert(
			fc.property(huge, (q) => {
				const parsed = ask.input.safeParse({ question: q });
				const trimmed = q.trim();
				if (trimmed.length === 0) return;
				expect(parsed.success).toBe(false);
				if (!parsed.success)
					expect(parsed.error.issues.map((i) => i.message).join(' ')).toBe(
						`Questions are limited to ${MAX_QUESTION_LENGTH} characters; shorten it.`,
					);
			}),
			{ numRuns: 50, seed: 9 },
		);
	});
});
