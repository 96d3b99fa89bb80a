import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { z } from 'zod';
import { publishedLabel, SHARED_LIBRARY } from '../src/core/catalog.js';
import { escapeMarkdown } from '../src/core/render/markdown.js';
import { errorReply, reply, type Reply } from '../src/core/render/render.js';
import { memberMessage } from '../src/ingest/problem.js';
import { defineCommand } from './define.js';
import { MANAGE_SERVER } from './ingest.js';
import { changeable, libraryName, sourceChoices } from './library.js';

export const remove = defineCommand({
	// Its replies are the asker's alone, and so is its "thinking…" when it is deferred.
	private: true,
	permission: MANAGE_SERVER,
	data: {
		name: 'remove',
		description: 'Take a source out of this server’s library: it is no longer quoted (server managers only)',
		default_member_permissions: String(MANAGE_SERVER.flag),
		contexts: [InteractionContextType.Guild],
		options: [
			{
				type: ApplicationCommandOptionType.String,
				name: 'id',
				description: 'The source to remove (suggested as you type)',
				required: true,
				autocomplete: true,
				max_length: 200,
			},
		],
	},
	input: z.object({
		id: z
			.string({ error: 'Give the id of a source of this server’s library.' })
			.trim()
			.min(1, 'Give the id of a source of this server’s library.')
			.max(200, 'Source ids are short (under 200 characters).'),
	}),
	run: async ({ id }, { corpus, caller, remove: take }): Promise<Reply> => {
		if (take === undefined) return errorReply('Removing sources is not enabled on this bot.');
		const source = corpus.byId.get(id);
		const shown = `\`${id.replace(/[`\p{Cc}\u2028\u2029]/gu, '').slice(0, 100)}\``;
		if (source === undefined)
			return errorReply(`There is no source ${shown} in this server’s library. \`/sources\` lists them.`);
		if (!changeable(caller).includes(source.library))
			return errorReply(
				source.library === SHARED_LIBRARY
					? `${shown} is in the shared library, which only the bot’s owners can change; nothing was done.`
					: `${shown} is not in this server’s library; nothing was done.`,
			);
		const result = await take(source.id, { library: source.library, by: caller.userId });
		if (!result.ok) return errorReply(`Could not remove ${shown}: ${memberMessage(result.error)}`);
		return reply(
			`Removed \`${source.id}\`: **${escapeMarkdown(source.title)}** (${escapeMarkdown(source.publisher)}, ${publishedLabel(source)}) from ${libraryName(source.library)}. It is no longer quoted.`,
			{ ephemeral: true },
		);
	},
	autocomplete: (_option, typed, { corpus, caller }) =>
		sourceChoices(
			corpus.sources.filter((s) => changeable(caller).includes(s.library)),
			typed,
		),
});
