import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import type { Reply } from '../src/core/render/render.js';
import type { Ingest } from '../src/ingest/ingester.js';

/** What a command runs with: the loaded corpus. Nothing of Discord's. */
export interface CommandContext {
	readonly corpus: Corpus;
	/** Adds an article by URL (`/ingest`); absent where ingestion is not wired, and /ingest says so. */
	readonly ingest?: Ingest;
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
export interface Command<S extends z.ZodType = z.ZodType, R extends Reply | Promise<Reply> = Reply | Promise<Reply>> {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	readonly input: S;
	/** May return a promise (`/ingest` fetches); the router and the console await it. */
	run(input: z.infer<S>, context: CommandContext): R;
	/** Suggestions for the option being typed, at most 25. */
	autocomplete?(option: string, typed: string, context: CommandContext): Choice[];
}

/** Types a command's handler by its schema (and keeps a synchronous handler's type synchronous); adds nothing at run time. */
export const defineCommand = <S extends z.ZodType, R extends Reply | Promise<Reply> = Reply>(
	command: Command<S, R>,
): Command<S, R> => command;
