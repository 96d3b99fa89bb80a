import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import type { Reply } from '../src/core/render.js';

/** What a command runs with: the loaded corpus. Nothing of Discord's. */
export interface CommandContext {
	readonly corpus: Corpus;
}

/** An autocomplete suggestion. */
export interface Choice {
	readonly name: string;
	readonly value: string;
}

/**
 * One slash command: its Discord definition, the zod schema its options are parsed with, and a
 * handler that turns parsed options into a reply. Handlers never see an interaction, so the
 * Discord router, the console and the tests all call them the same way.
 */
export interface Command<S extends z.ZodType = z.ZodType> {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	readonly input: S;
	run(input: z.infer<S>, context: CommandContext): Reply;
	/** Suggestions for the option being typed, at most 25. */
	autocomplete?(option: string, typed: string, context: CommandContext): Choice[];
}

/** Types a command's handler by its schema; adds nothing at run time. */
export const defineCommand = <S extends z.ZodType>(command: Command<S>): Command<S> => command;
