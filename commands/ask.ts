import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { answerWithHelp } from '../src/core/answer/suggest.js';
import { withHelpNote } from '../src/core/render/help-note.js';
import { ASK_PAGE_SIZE, MAX_ASK_RESULTS, renderAnswerPage } from '../src/core/render/render.js';
import { defineCommand } from './define.js';

/** Longest question accepted; longer ones get a clear error rather than a slow answer. */
export const MAX_QUESTION_LENGTH = 300;

export const ask = defineCommand({
	// Buttons re-run it ("More", "Back"): it only reads the sources.
	readOnly: true,
	data: {
		name: 'ask',
		description: 'Ask a question; the answer is quoted word for word from the sources, with links',
		options: [
			{
				type: ApplicationCommandOptionType.String,
				name: 'question',
				description: 'Your question, in plain words',
				required: true,
				max_length: MAX_QUESTION_LENGTH,
			},
		],
	},
	input: z.object({
		question: z
			.string({ error: 'Ask a question: /ask question:<your question>.' })
			.trim()
			.min(1, 'Ask a question: the question is empty.')
			.max(MAX_QUESTION_LENGTH, `Questions are limited to ${MAX_QUESTION_LENGTH} characters; shorten it.`),
		// Not a Discord option: the "More" and "Back" buttons carry it (see renderAnswerPage).
		offset: z.coerce.number().int().min(0).max(MAX_ASK_RESULTS).optional(),
	}),
	// One result past the page is fetched so the reply knows whether to offer "More".
	run: ({ question, offset = 0 }, { corpus }) => {
		// Spelling help (suggest.ts): an answer that passes is kept as is; one that fails is retried
		// with its misspellings corrected, and the reply says so (help-note.ts).
		const helped = answerWithHelp(corpus, question, { top: offset + ASK_PAGE_SIZE + 1 });
		return withHelpNote(
			renderAnswerPage(helped.answer, {
				offset,
				sourceCount: corpus.sources.length,
			}),
			helped,
		);
	},
});
