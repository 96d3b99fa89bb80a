import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { escapeMarkdown } from '../src/core/render/markdown.js';
import { errorReply, reply, type Reply } from '../src/core/render/render.js';
import type { Result } from '../src/core/result.js';
import type { IngestOutcome } from '../src/ingest/commit.js';
import { memberMessage, type IngestProblem } from '../src/ingest/problem.js';
import { publishedLabel, SHARED_LIBRARY, UNDATED_NOTE } from '../src/core/catalog.js';
import { defineCommand, ownLibrary, type Permission } from './define.js';
import { libraryName } from './library.js';

/** Longest URL accepted (Discord's option limit is 6,000; real article URLs are far shorter). */
export const MAX_URL_LENGTH = 2_000;

const URL_HINT = 'Give the article’s address, starting with http:// or https://.';

/**
 * The reply to /ingest, only for who asked: what was added, what was there already, or why not.
 * Why not is the plain {@link memberMessage}; the detailed problem goes to the log (see createIngester).
 */
export function renderIngest(url: string, result: Result<IngestOutcome, IngestProblem>): Reply {
	if (!result.ok) return errorReply(`Could not add <${url}>: ${memberMessage(result.error)}`);
	const { source } = result.value;
	const what = `\`${source.id}\`: **${escapeMarkdown(source.title)}** (${escapeMarkdown(source.publisher)}, ${publishedLabel(source)})`;
	if (result.value.status === 'added') {
		return reply(
			`Added ${what} to ${libraryName(source.library)}, ${result.value.paragraphs} paragraphs. It can be quoted now; see \`/source id:${source.id}\`.` +
				(source.published === undefined ? `\n${UNDATED_NOTE}` : ''),
			{ ephemeral: true },
		);
	}
	if (result.value.status === 'updated') {
		return reply(
			`Updated ${what}: the article changed since it was added, and its ${result.value.paragraphs} paragraphs now replace the old version.`,
			{ ephemeral: true },
		);
	}
	const why = result.value.reason === 'url' ? 'the same URL' : 'the same text';
	return reply(`Already in ${libraryName(source.library)} as ${what} (${why}); nothing changed.`, {
		ephemeral: true,
	});
}

/** Who may add sources: server managers, as Discord's default for the command also says. */
export const MANAGE_SERVER: Permission = { flag: PermissionFlagsBits.ManageGuild, name: 'Manage Server' };

export const ingest = defineCommand({
	// Its replies are the asker's alone, and so is its "thinking…" when it is deferred.
	private: true,
	permission: MANAGE_SERVER,
	data: {
		name: 'ingest',
		description: 'Add a news article to the sources from its URL (server managers only)',
		// Hidden from members without Manage Server; server admins can change who sees it, so the
		// router checks `permission` itself.
		default_member_permissions: String(MANAGE_SERVER.flag),
		// Not in DMs, where no member permission applies.
		contexts: [InteractionContextType.Guild],
		options: [
			{
				type: ApplicationCommandOptionType.String,
				name: 'url',
				description: 'The article’s address (http or https)',
				required: true,
				max_length: MAX_URL_LENGTH,
			},
			{
				type: ApplicationCommandOptionType.String,
				name: 'library',
				description: 'Where it goes: this server’s library, or the shared one (the bot’s owners only)',
				required: false,
				choices: [
					{ name: 'this server', value: 'server' },
					{ name: 'shared (owners only)', value: 'shared' },
				],
			},
		],
	},
	input: z.object({
		url: z
			.string({ error: URL_HINT })
			.trim()
			.max(MAX_URL_LENGTH, URL_HINT)
			.pipe(z.url({ protocol: /^https?$/, error: URL_HINT })),
		library: z.enum(['server', 'shared'], { error: 'library: this server, or shared.' }).optional(),
	}),
	run: async ({ url, library }, { caller, ingest: add }): Promise<Reply> => {
		if (add === undefined) return errorReply('Adding sources is not enabled on this bot.');
		// An owner adds to the shared library unless they say this server; a manager to their server's.
		const into = library === 'server' || (library === undefined && !caller.owner) ? ownLibrary(caller) : SHARED_LIBRARY;
		if (into === SHARED_LIBRARY && !caller.owner)
			return errorReply(
				'Only the bot’s owners can add to the shared library; leave `library` unset to add it to this server’s.',
			);
		return renderIngest(url, await add(url, { library: into, by: caller.userId }));
	},
});
