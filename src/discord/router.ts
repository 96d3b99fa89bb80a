import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	CommandInteractionOption,
	Interaction,
} from 'discord.js';
import type { Command, CommandContext } from '../../commands/index.js';
import { errorReply, type Reply } from '../core/render.js';
import type { Logger } from '../log.js';
import { addPaging, resolveButton } from './buttons.js';
import type { Cooldown } from './cooldown.js';
import type { IdStore } from './custom-ids.js';
import { send, type Answerable, type SendMode } from './send.js';
import { clip } from './split.js';

/** Discord's limits on autocomplete. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

export interface RouterOptions {
	readonly commands: readonly Command[];
	readonly context: CommandContext;
	readonly log: Logger;
	readonly cooldown: Cooldown;
	readonly ids: IdStore;
	/**
	 * Discord wants an answer within 3 s. A command still running after this many milliseconds is
	 * deferred, and one whose last run took longer is deferred before it starts; 0 defers every one.
	 */
	readonly deferAfterMs: number;
}

const FAILED = errorReply('Something went wrong on our side while answering. Try again in a moment; if it keeps failing, tell the server admins.');

/** The options Discord sent, as a plain object for the command's zod schema (sub-commands flattened). */
export function readOptions(data: readonly CommandInteractionOption[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const option of data) {
		if (option.options !== undefined) Object.assign(out, readOptions(option.options));
		else if (option.value !== undefined && option.value !== null) out[option.name] = option.value;
	}
	return out;
}

function slowDown(seconds: number): Reply {
	return errorReply(`Slow down: too many requests in a short time. Try again in ${seconds} s.`);
}

function invalidInput(command: Command, issues: readonly { message: string }[]): Reply {
	const usage = (command.data.options ?? []).map((o) => ('required' in o && o.required ? `${o.name}:…` : `[${o.name}:…]`)).join(' ');
	return errorReply(`${issues.map((i) => i.message).join(' ')}\nUsage: \`/${command.data.name} ${usage}\``);
}

/** Creates the `interactionCreate` listener: commands, autocomplete and buttons, never throwing. */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
	const lastRunMs = new Map<string, number>();

	const defer = async (interaction: Answerable, mode: SendMode) => {
		if (interaction.deferred || interaction.replied) return;
		if (mode === 'update' && interaction.isButton()) await interaction.deferUpdate();
		else await interaction.deferReply();
	};

	/** Runs a command, deferring first when it was slow last time, or as soon as it turns out slow. */
	const run = async (interaction: Answerable, command: Command, input: unknown, mode: SendMode): Promise<Reply> => {
		const name = command.data.name;
		if (options.deferAfterMs === 0 || (lastRunMs.get(name) ?? 0) > options.deferAfterMs) await defer(interaction, mode);
		const started = performance.now();
		const work = Promise.resolve().then(() => command.run(input, options.context));
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, options.deferAfterMs, 'late')));
		const first = await Promise.race([work, late]);
		clearTimeout(timer);
		if (first === 'late') await defer(interaction, mode);
		const reply = await work;
		lastRunMs.set(name, performance.now() - started);
		return addPaging(name, input, reply, options.context);
	};

	const execute = async (interaction: Answerable, command: Command, raw: Record<string, unknown>, mode: SendMode, log: Logger) => {
		const parsed = command.input.safeParse(raw);
		if (!parsed.success) {
			await send(interaction, invalidInput(command, parsed.error.issues), 'reply');
			log.info({ cmd: command.data.name, problem: 'invalid options' }, 'refused');
			return;
		}
		const started = performance.now();
		const reply = await run(interaction, command, parsed.data, mode);
		await send(interaction, reply, mode, options.ids.shorten);
		log.info({ cmd: command.data.name, tookMs: Math.round(performance.now() - started), deferred: interaction.deferred, results: reply.cards.length }, 'answered');
	};

	const onCommand = async (interaction: ChatInputCommandInteraction, log: Logger) => {
		const command = options.commands.find((c) => c.data.name === interaction.commandName);
		if (command === undefined) {
			const known = options.commands.map((c) => `/${c.data.name}`).join(', ');
			await send(interaction, errorReply(`This bot no longer has /${interaction.commandName}. Try ${known}.`), 'reply');
			return;
		}
		await execute(interaction, command, readOptions(interaction.options.data), 'reply', log);
	};

	const onButton = async (interaction: ButtonInteraction, log: Logger) => {
		const action = resolveButton(options.ids.expand(interaction.customId), options.commands, options.context);
		if (action.kind === 'reply') {
			await send(interaction, action.reply, 'reply', options.ids.shorten);
			log.info({ button: interaction.customId.slice(0, 20), ephemeral: action.reply.ephemeral }, 'answered');
			return;
		}
		await execute(interaction, action.command, action.options, 'update', log);
	};

	const onAutocomplete = async (interaction: AutocompleteInteraction) => {
		const focused = interaction.options.getFocused(true);
		const command = options.commands.find((c) => c.data.name === interaction.commandName);
		const choices = command?.autocomplete?.(focused.name, String(focused.value), options.context) ?? [];
		await interaction.respond(
			choices.slice(0, MAX_CHOICES).map((c) => ({ name: clip(c.name, MAX_CHOICE_LENGTH), value: c.value.slice(0, MAX_CHOICE_LENGTH) })),
		);
	};

	return async (interaction) => {
		const log = options.log.child({ interactionId: interaction.id, userId: interaction.user.id });
		try {
			if (interaction.isAutocomplete()) return await onAutocomplete(interaction);
			if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
			if (!options.cooldown.take(interaction.user.id)) {
				await send(interaction, slowDown(Math.ceil(options.cooldown.retryAfter(interaction.user.id) / 1000)), 'reply');
				log.info({ problem: 'cooldown' }, 'refused');
				return;
			}
			if (interaction.isChatInputCommand()) await onCommand(interaction, log);
			else await onButton(interaction, log);
		} catch (error) {
			log.error({ err: error instanceof Error ? error : new Error(String(error)) }, 'interaction failed');
			await sendFailure(interaction, log);
		}
	};
}

/** Tells the user something failed, if the interaction can still be answered. */
async function sendFailure(interaction: Interaction, log: Logger): Promise<void> {
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (interaction.isChatInputCommand() || interaction.isButton()) {
			await send(interaction, FAILED, 'reply');
		}
	} catch (error) {
		log.warn({ err: error instanceof Error ? error : new Error(String(error)) }, 'could not report the failure');
	}
}
