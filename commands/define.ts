import type {
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import type { Reply } from '../src/core/render/render.js';
import { guildLibrary, SHARED_LIBRARY, type Library } from '../src/core/catalog.js';
import type { FeedAdmin, Ingest, Remove } from '../src/ingest/ingester.js';

/** Who runs a command: a member of a server, someone in a DM, or the console's operator. */
export interface Caller {
	/** A Discord user id, or `operator` for the console. */
	readonly userId: string;
	/** The server it runs in; undefined in DMs and in the console. */
	readonly guildId?: string;
	/** One of the bot's owners (OWNER_IDS, else the application's owner; the console's operator): the shared library is theirs. */
	readonly owner: boolean;
}

/** The console's caller: the operator, who owns the shared library and is in no server. */
export const OPERATOR_CALLER: Caller = { userId: 'operator', owner: true };

/** The library a caller's additions go to (and removals come from) by default: their server's, else the shared one. */
export const ownLibrary = (caller: Caller): Library =>
	caller.guildId === undefined ? SHARED_LIBRARY : guildLibrary(caller.guildId);

/**
 * What a command runs with: the corpus as the caller may read it (the shared library and their
 * server's: a view, see viewOf), who the caller is, and the changes they may ask for. Nothing of
 * Discord's.
 */
export interface CommandContext {
	readonly corpus: Corpus;
	readonly caller: Caller;
	/** Adds an article by URL (`/ingest`); absent where ingestion is not wired, and /ingest says so. */
	readonly ingest?: Ingest;
	/** Takes a source out (`/remove`); absent where not wired. */
	readonly remove?: Remove;
	/** A server's feed subscriptions (`/feed`); absent where not wired. */
	readonly feeds?: FeedAdmin;
}

/**
 * A permission a member needs to run a command. The router checks it on every path (slash command,
 * button, autocomplete): Discord's `default_member_permissions` only hides a command, server admins
 * may change it, and a button never goes through it.
 */
export interface Permission {
	/** The permission's bit, as in `PermissionFlagsBits`. */
	readonly flag: bigint;
	/** Its name as Discord shows it to people, for the refusal ("Manage Server"). */
	readonly name: string;
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
	/** Needed by whoever runs it, in a server only (a DM has no member permissions); absent: anyone. */
	readonly permission?: Permission;
	/**
	 * True when running it changes nothing, so a button may re-run it with options its id carries
	 * (pagers, "More"). Buttons naming any other command are refused: a click must never add or remove.
	 */
	readonly readOnly?: boolean;
	/** True when every reply is private (ephemeral): a deferral then shows "thinking…" to the asker only. */
	readonly private?: boolean;
	/** Suggestions for the option being typed, at most 25. */
	autocomplete?(option: string, typed: string, context: CommandContext): Choice[];
}

/** Types a command's handler by its schema (and keeps a synchronous handler's type synchronous); adds nothing at run time. */
export const defineCommand = <S extends z.ZodType, R extends Reply | Promise<Reply> = Reply>(
	command: Command<S, R>,
): Command<S, R> => command;

/**
 * A message command (Discord's context menu: ⋯ → Apps on a message): its definition and a handler
 * taking the message's text. Like a slash command's, the handler never sees an interaction. Deploy
 * registers these beside the slash commands; the router answers them privately (ephemeral).
 */
export interface MessageCommand {
	readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	/** May return a promise; the router awaits it. */
	run(text: string, context: CommandContext): Reply | Promise<Reply>;
}
