import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	CommandInteractionOption,
	Interaction,
	MessageContextMenuCommandInteraction,
	PermissionsBitField,
} from 'discord.js';
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { time, TimestampStyles } from '@discordjs/formatters';
import type { Caller, Command, CommandContext, MessageCommand } from '../../commands/index.js';
import { MAX_CHOICE_LENGTH, MAX_CHOICES } from '../core/render/discord-limits.js';
import { errorReply, type Reply } from '../core/render/render.js';
import type { Logger } from '../log.js';
import type { CommandMetrics } from '../ops/metrics.js';
import { resolveButton } from './buttons.js';
import { safeError } from './errors.js';
import type { Cooldown } from './cooldown.js';
import type { IdStore } from './custom-ids.js';
import { send, type Answerable, type SendMode } from './send.js';
import { clip } from './split.js';

export interface RouterOptions {
	readonly commands: readonly Command[];
	/** Message commands (a message's ⋯ → Apps menu), answered privately; none when absent. */
	readonly messageCommands?: readonly MessageCommand[];
	/** The context a caller's commands run with: their view of the sources, their rights (see live.ts). */
	readonly contextFor: (caller: Caller) => CommandContext;
	/** Whether a user owns the shared library (OWNER_IDS, else the application's owner). */
	readonly isOwner: (userId: string) => boolean;
	readonly log: Logger;
	readonly cooldown: Cooldown;
	/** Autocomplete's own per-user limit: it fires as people type, so it gets more than commands. */
	readonly autocompleteCooldown: Cooldown;
	readonly ids: IdStore;
	/**
	 * Discord wants an answer within 3 s. A command still running after this many milliseconds is
	 * deferred, and one whose last run took longer is deferred before it starts; 0 defers every one.
	 */
	readonly deferAfterMs: number;
	/** Counts each command by outcome and times its reply (see ops/metrics.ts); none when absent. */
	readonly metrics?: CommandMetrics;
}

const FAILED = errorReply(
	'Something went wrong on our side while answering. Try again in a moment; if it keeps failing, tell the server admins.',
);

/** The options Discord sent, as a plain object for the command's zod schema (a sub-command's name as `subcommand`, its options flattened). */
export function readOptions(data: readonly CommandInteractionOption[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const option of data) {
		if (option.type === ApplicationCommandOptionType.Subcommand) out.subcommand = option.name;
		if (option.options !== undefined) Object.assign(out, readOptions(option.options));
		else if (option.value !== undefined) out[option.name] = option.value;
	}
	return out;
}

/**
 * The cooldown's refusal, with a live countdown to when the user may try again: Discord shows
 * `<t:…:R>` as "in 7 seconds", counting down in the reader's own client. Rounded up to the second it
 * counts in, so it never says "now" while the limit still holds.
 */
function slowDown(retryAtMs: number): Reply {
	const at = time(Math.ceil(retryAtMs / 1000), TimestampStyles.RelativeTime);
	return errorReply(`Slow down: you sent many requests in a few seconds. Try again ${at}.`);
}

function invalidInput(command: Command, issues: readonly { message: string }[]): Reply {
	const usage = (command.data.options ?? [])
		.map((o) => ('required' in o && o.required ? `${o.name}:…` : `[${o.name}:…]`))
		.join(' ');
	return errorReply(`${issues.map((i) => i.message).join(' ')}\nUsage: \`/${command.data.name} ${usage}\``);
}

/**
 * Whether a member may run `command`: undefined when they may, else the refusal. A command with a
 * `permission` needs it in a server (`permissions` null means a DM, where none applies, so it is
 * refused). Checked here, whatever the entry, since Discord's own default only hides the command.
 */
export function authorize(command: Command, permissions: Readonly<PermissionsBitField> | null): Reply | undefined {
	const needed = command.permission;
	if (needed === undefined) return undefined;
	const name = command.data.name;
	if (permissions === null) return errorReply(`/${name} works only in a server, for members with ${needed.name}.`);
	if (permissions.has(needed.flag)) return undefined;
	return errorReply(`/${name} needs the ${needed.name} permission in this server; nothing was done.`);
}

/**
 * Who sent an interaction, from Discord's own fields (never from a button's id): the user, the
 * server it came from (none in a DM), and whether they own the shared library. Every path (command,
 * button, autocomplete) reads the sources through this caller's view, so a crafted id cannot reach
 * another server's library.
 */
export function callerOf(interaction: Interaction, isOwner: (userId: string) => boolean): Caller {
	const guildId = interaction.guildId ?? undefined;
	return {
		userId: interaction.user.id,
		...(guildId === undefined ? {} : { guildId }),
		owner: isOwner(interaction.user.id),
	};
}

const contextOf = (router: Router, interaction: Interaction): CommandContext =>
	router.contextFor(callerOf(interaction, router.isOwner));

/** The router's state: its options and how long each command took last time it ran. */
interface Router extends RouterOptions {
	readonly lastRunMs: Map<string, number>;
}

async function defer(interaction: Answerable, mode: SendMode, privately = false): Promise<void> {
	if (interaction.deferred || interaction.replied) return;
	if (mode === 'update' && interaction.isButton()) await interaction.deferUpdate();
	// A button's reply of its own is a private copy (see onButton), and a command whose replies are
	// private says so: "thinking…" shows to the one who asked only.
	else if (interaction.isButton() || privately) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	else await interaction.deferReply();
}

/** Runs a command, deferring first when it was slow last time, or as soon as it turns out slow. */
async function runCommand(
	router: Router,
	interaction: Answerable,
	command: Command,
	input: unknown,
	mode: SendMode,
	context: CommandContext,
): Promise<Reply> {
	const name = command.data.name;
	if (router.deferAfterMs === 0 || (router.lastRunMs.get(name) ?? 0) > router.deferAfterMs)
		await defer(interaction, mode, command.private === true);
	const started = performance.now();
	const work = Promise.resolve().then(() => command.run(input, context));
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, router.deferAfterMs, 'late')));
	const first = await Promise.race([work, late]);
	clearTimeout(timer);
	if (first === 'late') await defer(interaction, mode, command.private === true);
	const reply = await work;
	router.lastRunMs.set(name, performance.now() - started);
	return reply;
}

/** Parses a command's options with its schema, runs it and sends the reply. */
async function execute(
	router: Router,
	interaction: Answerable,
	command: Command,
	raw: Record<string, unknown>,
	mode: SendMode,
	log: Logger,
	privately = false,
): Promise<void> {
	const refusal = authorize(command, interaction.memberPermissions);
	if (refusal !== undefined) {
		await send(interaction, refusal, 'reply');
		router.metrics?.commandDone(command.data.name, 'refused');
		log.warn({ cmd: command.data.name, problem: 'permission' }, 'refused');
		return;
	}
	const parsed = command.input.safeParse(raw);
	if (!parsed.success) {
		await send(interaction, invalidInput(command, parsed.error.issues), 'reply');
		router.metrics?.commandDone(command.data.name, 'refused');
		log.info({ cmd: command.data.name, problem: 'invalid options' }, 'refused');
		return;
	}
	const started = performance.now();
	const ran = await runCommand(router, interaction, command, parsed.data, mode, contextOf(router, interaction));
	const reply = privately ? { ...ran, ephemeral: true } : ran;
	await send(interaction, reply, mode, (id) => router.ids.seal(id));
	const tookMs = Math.round(performance.now() - started);
	router.metrics?.commandDone(command.data.name, reply.abstained === true ? 'abstained' : 'ok', tookMs / 1000);
	log.info(
		{
			cmd: command.data.name,
			tookMs,
			deferred: interaction.deferred,
			cards: reply.cards.length,
			ephemeral: reply.ephemeral,
		},
		'answered',
	);
}

async function onCommand(router: Router, interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
	const command = router.commands.find((c) => c.data.name === interaction.commandName);
	if (command === undefined) {
		const known = router.commands.map((c) => `/${c.data.name}`).join(', ');
		await send(interaction, errorReply(`This bot no longer has /${interaction.commandName}. Try ${known}.`), 'reply');
		router.metrics?.commandDone(interaction.commandName, 'refused');
		return;
	}
	await execute(router, interaction, command, readOptions(interaction.options.data), 'reply', log);
}

/**
 * Who asked for the message a button is on: the user of the interaction that made it (`/ask`, or the
 * click that made a private copy), from the message's `interaction_metadata` (its older `interaction`
 * field is deprecated). Undefined when Discord does not say: then no one counts as the asker, and
 * every click gets a private copy.
 */
export function askerOf(interaction: ButtonInteraction): string | undefined {
	return interaction.message.interactionMetadata?.user.id;
}

/**
 * A click: a button that re-runs a command ("More", a pager) changes the message only for whoever
 * asked for it; anyone else gets their own private copy of the page, so no one can page someone
 * else's answer away. Other buttons answer with a reply of their own.
 */
async function onButton(router: Router, interaction: ButtonInteraction, log: Logger): Promise<void> {
	const action = resolveButton(router.ids.open(interaction.customId), router.commands, contextOf(router, interaction));
	if (action.kind === 'run') {
		const own = askerOf(interaction) === interaction.user.id;
		return execute(router, interaction, action.command, action.options, own ? 'update' : 'reply', log, !own);
	}
	await send(interaction, action.reply, 'reply', (id) => router.ids.seal(id));
	const button = interaction.customId.slice(0, 20);
	if (action.kind === 'refuse') log.warn({ button, problem: action.reason }, 'refused');
	else log.info({ button, ephemeral: action.reply.ephemeral }, 'answered');
}

/**
 * A message command ("Find sources"): runs on the target message's text, for whoever used it and
 * only them. Deferred ephemerally at once, so not even the "thinking…" placeholder shows in the
 * channel; no permission is needed, since it only reads what the caller may read.
 */
async function onMessageCommand(
	router: Router,
	interaction: MessageContextMenuCommandInteraction,
	log: Logger,
): Promise<void> {
	const command = router.messageCommands?.find((c) => c.data.name === interaction.commandName);
	if (command === undefined) {
		await send(interaction, errorReply(`This bot no longer has “${interaction.commandName}”.`), 'reply');
		return;
	}
	const started = performance.now();
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const reply = await command.run(interaction.targetMessage.content, contextOf(router, interaction));
	await send(interaction, { ...reply, ephemeral: true }, 'reply', (id) => router.ids.seal(id));
	const tookMs = Math.round(performance.now() - started);
	router.metrics?.commandDone(command.data.name, reply.abstained === true ? 'abstained' : 'ok', tookMs / 1000);
	log.info({ cmd: command.data.name, tookMs, cards: reply.cards.length, ephemeral: true }, 'answered');
}

/**
 * Suggestions within Discord's limits: 25 at most, names cut to 100 characters, too-long values left
 * out. Past the user's autocomplete limit, or for a command they may not run, none: an empty list is
 * what Discord shows while typing anyway, where an error would only get in the way.
 */
async function onAutocomplete(router: Router, interaction: AutocompleteInteraction, log: Logger): Promise<void> {
	if (!router.autocompleteCooldown.take(interaction.user.id)) {
		await interaction.respond([]);
		log.debug({ problem: 'cooldown' }, 'autocomplete refused');
		return;
	}
	const focused = interaction.options.getFocused(true);
	const command = router.commands.find((c) => c.data.name === interaction.commandName);
	const allowed = command !== undefined && authorize(command, interaction.memberPermissions) === undefined;
	const choices =
		(allowed ? command.autocomplete?.(focused.name, focused.value, contextOf(router, interaction)) : undefined) ?? [];
	await interaction.respond(
		choices
			.filter((c) => c.value.length <= MAX_CHOICE_LENGTH)
			.slice(0, MAX_CHOICES)
			.map((c) => ({ name: clip(c.name, MAX_CHOICE_LENGTH), value: c.value })),
	);
}

/**
 * Creates the `interactionCreate` listener: slash commands, message commands, autocomplete and buttons. Commands and
 * buttons count against the user's cooldown, autocomplete against its own; a command's permission is
 * checked whichever way it is reached; whatever fails is logged and answered ephemerally.
 */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
	const router: Router = { ...options, lastRunMs: new Map() };
	return async (interaction) => {
		const log = options.log.child({ interactionId: interaction.id, userId: interaction.user.id });
		try {
			if (interaction.isAutocomplete()) {
				await onAutocomplete(router, interaction, log);
				return;
			}
			if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isMessageContextMenuCommand())
				return;
			if (!options.cooldown.take(interaction.user.id)) {
				await send(interaction, slowDown(options.cooldown.retryAt(interaction.user.id)), 'reply');
				options.metrics?.commandDone(nameOf(interaction), 'refused');
				log.info({ problem: 'cooldown' }, 'refused');
				return;
			}
			if (interaction.isChatInputCommand()) await onCommand(router, interaction, log);
			else if (interaction.isMessageContextMenuCommand()) await onMessageCommand(router, interaction, log);
			else await onButton(router, interaction, log);
		} catch (error) {
			log.error({ err: safeError(error) }, 'interaction failed');
			options.metrics?.commandDone(nameOf(interaction), 'error');
			await sendFailure(interaction, log);
		}
	};
}

/** The metrics' name for an interaction: its command's, or `button` for a click not yet resolved to one. */
const nameOf = (interaction: Interaction): string =>
	interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : 'button';

/** Tells the user something failed, if the interaction can still be answered. */
async function sendFailure(interaction: Interaction, log: Logger): Promise<void> {
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (
			interaction.isChatInputCommand() ||
			interaction.isButton() ||
			interaction.isMessageContextMenuCommand()
		) {
			await send(interaction, FAILED, 'reply');
		}
	} catch (error) {
		log.warn({ err: safeError(error) }, 'could not report the failure');
	}
}
