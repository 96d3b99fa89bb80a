import { createInterface } from 'node:readline';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command, CommandContext } from '../commands/index.js';
import { errorReply, replyToText, type Reply } from './core/render/render.js';

/**
 * Maps a console line's text to a command's options the way Discord's UI would: `name:value` pairs
 * for named options, and the rest of the line for the first option left unset.
 */
function parseConsoleOptions(command: Command, text: string): Record<string, string> {
	const subcommands = (command.data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
	if (subcommands.length > 0) {
		// `/feed add url:…`: the first word names the sub-command, the rest are its options.
		const [word = '', ...rest] = text.trim().split(/\s+/);
		const sub = subcommands.find((o) => o.name === word.toLowerCase());
		const inner = {
			...command,
			data: { ...command.data, options: sub !== undefined && 'options' in sub ? (sub.options ?? []) : [] },
		};
		return sub === undefined
			? { subcommand: word }
			: { subcommand: sub.name, ...parseConsoleOptions(inner, rest.join(' ')) };
	}
	const names = (command.data.options ?? []).map((o) => o.name);
	const values: Record<string, string> = {};
	const pattern = new RegExp(`(?:^|\\s)(${names.join('|')}):(?:"([^"]*)"|(\\S+))`, 'g');
	const rest = text
		.replace(pattern, (_m, name: string, quoted: string | undefined, bare: string | undefined) => {
			values[name] = quoted ?? bare ?? '';
			return ' ';
		})
		.trim();
	const free = names.find((n) => values[n] === undefined);
	if (rest.length > 0 && free !== undefined) values[free] = rest;
	return values;
}

/** Runs one console line (`/ask …`, `/source …`) and returns the reply, an error reply for bad input. */
export function runConsoleLine(
	line: string,
	commands: readonly Command[],
	context: CommandContext,
): Reply | Promise<Reply> | undefined {
	const trimmed = line.trim();
	if (trimmed.length === 0 || trimmed.startsWith('#')) return undefined;
	const match = /^\/?(\S+)\s*(.*)$/s.exec(trimmed);
	const name = match?.[1]?.toLowerCase() ?? '';
	if (name === 'help') return helpReply(commands);
	const command = commands.find((c) => c.data.name === name);
	if (command === undefined)
		return errorReply(
			`Unknown command “${name.slice(0, 40)}”. Try ${commands.map((c) => `/${c.data.name}`).join(', ')} or /help.`,
		);
	const parsed = command.input.safeParse(parseConsoleOptions(command, match?.[2] ?? ''));
	if (!parsed.success) return errorReply(parsed.error.issues.map((i) => i.message).join(' '));
	return command.run(parsed.data, context);
}

function helpReply(commands: readonly Command[]): Reply {
	const lines = commands.map((c) => {
		const options = (c.data.options ?? []).map((o) =>
			o.type === ApplicationCommandOptionType.Subcommand
				? `${o.name}${(o.options ?? []).map((i) => ` ${i.name}:…`).join('')}`
				: 'required' in o && o.required
					? `${o.name}:…`
					: `[${o.name}:…]`,
		);
		return `/${c.data.name} ${options.join(' ')} — ${c.data.description}`;
	});
	return errorReply(lines.join('\n'));
}

/**
 * The console: reads command lines on `input` and writes each reply as the bot would send it, as
 * text, until end of input.
 */
export async function runConsole(
	commands: readonly Command[],
	context: CommandContext,
	input: NodeJS.ReadableStream,
	write: (text: string) => void,
): Promise<void> {
	const lines = createInterface({ input, crlfDelay: Infinity });
	for await (const line of lines) {
		const r = await runConsoleLine(line, commands, context);
		if (r !== undefined) write(`${replyToText(r)}\n`);
	}
}
