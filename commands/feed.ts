import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { z } from 'zod';
import { errorReply, reply, type Reply } from '../src/core/render/render.js';
import { memberMessage } from '../src/ingest/problem.js';
import { defineCommand, ownLibrary } from './define.js';
import { MANAGE_SERVER, MAX_URL_LENGTH } from './ingest.js';
import { libraryName } from './library.js';

const URL_HINT = 'Give the feed’s address (RSS, Atom or JSON Feed), starting with http:// or https://.';
const url = z
	.string({ error: URL_HINT })
	.trim()
	.max(MAX_URL_LENGTH, URL_HINT)
	.pipe(z.url({ protocol: /^https?$/, error: URL_HINT }));

export const feed = defineCommand({
	// Its replies are the asker's alone, and so is its "thinking…" when it is deferred.
	private: true,
	permission: MANAGE_SERVER,
	data: {
		name: 'feed',
		description: 'Follow news feeds: their new articles join this server’s library (server managers only)',
		default_member_permissions: String(MANAGE_SERVER.flag),
		contexts: [InteractionContextType.Guild],
		options: [
			{
				type: ApplicationCommandOptionType.Subcommand,
				name: 'add',
				description: 'Follow a feed (RSS, Atom or JSON Feed)',
				options: [
					{
						type: ApplicationCommandOptionType.String,
						name: 'url',
						description: 'The feed’s address',
						required: true,
						max_length: MAX_URL_LENGTH,
					},
				],
			},
			{
				type: ApplicationCommandOptionType.Subcommand,
				name: 'remove',
				description: 'Stop following a feed (its articles stay)',
				options: [
					{
						type: ApplicationCommandOptionType.String,
						name: 'url',
						description: 'The feed’s address, as listed by /feed list',
						required: true,
						max_length: MAX_URL_LENGTH,
					},
				],
			},
			{ type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The feeds this server follows' },
		],
	},
	input: z.union([
		z.object({ subcommand: z.literal('add'), url }),
		z.object({ subcommand: z.literal('remove'), url }),
		z.object({ subcommand: z.literal('list') }),
	]),
	run: async (input, { caller, feeds }): Promise<Reply> => {
		if (feeds === undefined) return errorReply('Following feeds is not enabled on this bot.');
		const library = ownLibrary(caller);
		const as = { library, by: caller.userId };
		if (input.subcommand === 'list') {
			const list = await feeds.list(library);
			if (list.length === 0)
				return reply(`${capital(libraryName(library))} follows no feed. Add one with \`/feed add url:\`.`, {
					ephemeral: true,
				});
			const lines = list.map((f) => `<${f.url}> · since ${f.addedAt.slice(0, 10)}`);
			return reply(`**${list.length} feeds** followed by ${libraryName(library)}:\n${lines.join('\n')}`, {
				ephemeral: true,
			});
		}
		if (input.subcommand === 'add') {
			const result = await feeds.add(input.url, as);
			if (!result.ok) return errorReply(`Could not follow <${input.url}>: ${memberMessage(result.error)}`);
			const { entry, added } = result.value;
			return reply(
				added
					? `Following <${entry.url}>: its new articles join ${libraryName(library)}, checked now and then every poll.`
					: `${capital(libraryName(library))} already follows <${entry.url}>.`,
				{ ephemeral: true },
			);
		}
		const result = await feeds.remove(input.url, as);
		if (!result.ok)
			return errorReply(
				result.error.code === 'usage'
					? `${capital(libraryName(library))} does not follow <${input.url}>; \`/feed list\` shows what it follows.`
					: `Could not stop following <${input.url}>: ${memberMessage(result.error)}`,
			);
		return reply(
			`No longer following <${result.value.url}>. The articles it brought stay; \`/remove\` takes one out.`,
			{
				ephemeral: true,
			},
		);
	},
});

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
