import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { answer } from '../src/core/answer.js';
import { renderAnswer } from '../src/core/render.js';
import { defineCommand } from './define.js';

/** Longest question accepted; longer ones get a clear error rather than a slow answer. */
export const MAX_QUESTION_LENGTH = 300;

export const ask = defineCommand({
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
	}),
	run: ({ question }, { corpus }) => renderAnswer(answer(corpus, question), corpus.sources.length),
});
