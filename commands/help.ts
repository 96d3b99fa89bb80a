import { z } from 'zod';
import type { Source } from '../src/core/catalog.js';
import { newestFirst } from '../src/core/sources.js';
import { escapeMarkdown, truncate } from '../src/core/render/markdown.js';
import { reply, type Reply } from '../src/core/render/render.js';
import { defineCommand } from './define.js';

/** Example questions /help shows, each a title of one of the newest sources. */
export const HELP_EXAMPLES = 3;
/** Longest example question: a title cut at a word. */
const MAX_EXAMPLE_LENGTH = 100;

const ABOUT =
	'**Verbatim** answers questions about news articles with quotes copied word for word from its sources, each linked to the article at the quote. It writes nothing of its own: when the sources don’t say, it says so.';

const COMMANDS = [
	'**Commands**',
	'`/ask question:…` a question, answered with quotes. A misspelt word is corrected when that finds an answer, and the reply says so.',
	'`/sources` what the sources are · `/source id:…` read one (`id:list` lists them) · `/timeline` dated events, newest first',
	'**Find sources**: on any message, ⋯ → Apps → Find sources checks what it says against the sources; only you see the answer.',
	'`/ingest`, `/remove`, `/feed`: add and manage this server’s sources (Manage Server).',
].join('\n');

/** The `count` newest sources, newest first. */
const newestOf = (sources: readonly Source[], count: number): Source[] =>
	[...sources].sort(newestFirst).slice(0, count);

/** A title as a question to copy: whitespace made single, backticks (which would end the code span) dropped. */
const asQuestion = (title: string): string =>
	truncate(title.replace(/`/g, '').replace(/\s+/g, ' ').trim(), MAX_EXAMPLE_LENGTH).replace(/…$/, '');

/** The help text for a caller's view of the sources: how many, the newest, examples from their titles. */
export function renderHelp(sources: readonly Source[]): Reply {
	if (sources.length === 0)
		return reply(
			`${ABOUT}\n\nThere are no sources here yet: a server manager can add one with \`/ingest\`.\n\n${COMMANDS}`,
			{
				ephemeral: true,
			},
		);
	const newest = newestOf(sources, HELP_EXAMPLES);
	const latest = newest[0]!;
	const count = sources.length === 1 ? '**1 source**' : `**${sources.length} sources**`;
	const named = `“${escapeMarkdown(latest.title)}” (${escapeMarkdown(latest.publisher)})`;
	const when =
		latest.addedAt !== undefined
			? `was added ${latest.addedAt.slice(0, 10)}`
			: latest.published !== undefined
				? `was published ${latest.published}`
				: undefined;
	const reading = `You can read ${count} here; the newest${when === undefined ? ` is ${named}` : `, ${named}, ${when}`}.`;
	const examples = newest.map((s) => `• \`/ask question:${asQuestion(s.title)}\``);
	return reply(
		[ABOUT, '', reading, '', '**Try** the newest titles as questions:', ...examples, '', COMMANDS].join('\n'),
		{ ephemeral: true },
	);
}

export const help = defineCommand({
	// Its replies are the asker's alone, and so is its "thinking…" when it is deferred.
	private: true,
	data: {
		name: 'help',
		description: 'What this bot does, how many sources you can read here, and questions to try',
		options: [],
	},
	input: z.object({}),
	run: (_input, { corpus }) => renderHelp(corpus.sources),
});
