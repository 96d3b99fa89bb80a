import { ApplicationCommandType } from 'discord-api-types/v10';
import { truncate } from '../src/core/render/markdown.js';
import { errorReply, type Reply } from '../src/core/render/render.js';
import { ask, MAX_QUESTION_LENGTH } from './ask.js';
import type { CommandContext, MessageCommand } from './define.js';

/** Links, mentions and custom emoji: markup of the chat, not words of a claim. */
const CHAT_MARKUP = /https?:\/\/\S+|<a?:\w+:\d+>|<[@#][!&]?\d+>/g;

/** A message's text as a question: chat markup dropped, whitespace made single. */
export const questionOf = (text: string): string => text.replace(CHAT_MARKUP, ' ').replace(/\s+/g, ' ').trim();

/**
 * "Find sources": the message's text is asked as /ask asks it (the same answer, spelling help and
 * rendering), and the reply goes only to whoever used the command, so a claim made in the chat can
 * be checked against the sources without a word in the channel. A message longer than a question
 * is checked by its first {@link MAX_QUESTION_LENGTH} characters, and the reply says so.
 */
export const findSources: MessageCommand = {
	data: { type: ApplicationCommandType.Message, name: 'Find sources' },
	run: (text: string, context: CommandContext): Reply => {
		const whole = questionOf(text);
		if (whole.length === 0)
			return errorReply(
				'That message has no text to check (only links, mentions, attachments or embeds). Find sources checks what a message says against the sources.',
			);
		const question =
			whole.length <= MAX_QUESTION_LENGTH ? whole : truncate(whole, MAX_QUESTION_LENGTH).replace(/…$/, '');
		const answered = ask.run({ question }, context);
		const note =
			question === whole
				? ''
				: `The message is longer than a question (${MAX_QUESTION_LENGTH} characters): its beginning was checked.\n`;
		return { ...answered, content: `${note}${answered.content}`, ephemeral: true };
	},
};
