import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { closeIds } from '../src/core/text/close-ids.js';
import { errorReply } from '../src/core/render/render.js';
import { pageOfParagraph, renderSource, renderSourceList, sourcePages } from '../src/core/render/source.js';
import { defineCommand, type Choice } from './define.js';
import { sourceChoices } from './library.js';

export const source = defineCommand({
	// Buttons re-run it ("More", the pagers): it only reads the sources.
	readOnly: true,
	data: {
		name: 'source',
		description: 'Show a source: its title, publisher, date, link and original text',
		options: [
			{
				type: ApplicationCommandOptionType.String,
				name: 'id',
				description: 'The source id or title (suggested as you type); "list" shows them all',
				required: true,
				autocomplete: true,
				max_length: 200,
			},
			{
				type: ApplicationCommandOptionType.Integer,
				name: 'paragraph',
				description: 'Open the page holding this paragraph (1 is the first)',
				required: false,
				min_value: 1,
			},
		],
	},
	input: z.object({
		id: z
			.string({ error: 'Give a source id; "list" shows them all.' })
			.trim()
			.min(1, 'Give a source id; "list" shows them all.')
			.max(200, 'Source ids are short (under 200 characters); "list" shows them all.'),
		paragraph: z.coerce.number().int().min(1, 'Paragraphs are numbered from 1.').optional(),
		/** Set by the paging buttons (`source:page:<id>:<n>`, `source:page:list:<n>`), not a slash option. */
		page: z.coerce.number({ error: 'page: a whole number from 1.' }).int().min(1).max(100_000).optional(),
	}),
	run: ({ id, paragraph, page }, { corpus }) => {
		if (id === 'list') return renderSourceList(corpus.sources, page);
		const found = corpus.byId.get(id);
		if (found === undefined) {
			const close = closeIds([...corpus.byId.keys()], id);
			const hint =
				close.length > 0
					? `Did you mean ${close.map((c) => `\`${c}\``).join(', ')}?`
					: 'Use `/source id:list` to see them all.';
			// The id is the user's text: one line, no backquote, inside a code span.
			const shown = id
				.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
				.replace(/`/g, "'")
				.slice(0, 100);
			return errorReply(`There is no source with the id \`${shown}\`. ${hint}`);
		}
		const paragraphs = corpus.paragraphsOf.get(found.id) ?? [];
		if (paragraph !== undefined && paragraph > paragraphs.length) {
			return errorReply(
				`\`${found.id}\` has ${paragraphs.length} paragraphs; choose one from 1 to ${paragraphs.length}.`,
			);
		}
		// A paragraph asked for opens the page it starts on; a button names its page.
		const at = paragraph === undefined ? page : pageOfParagraph(sourcePages(found, paragraphs), paragraph - 1);
		return renderSource(found, paragraphs, at);
	},
	autocomplete: (_option, typed, { corpus }): Choice[] => sourceChoices(corpus.sources, typed),
});
