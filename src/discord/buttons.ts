import type { Command, CommandContext } from '../../commands/index.js';
import { errorReply, type Reply } from '../core/render/render.js';
import { renderContext } from '../core/render/context.js';
import type { Result } from '../core/result.js';
import type { IdProblem } from './custom-ids.js';

/**
 * What a button click does: re-run a command with the options its id carries (the result replaces
 * the message clicked), send a reply of its own as a new message, or refuse (a reply, and a reason
 * the router logs).
 */
export type ButtonAction =
	| { readonly kind: 'run'; readonly command: Command; readonly options: Record<string, unknown> }
	| { readonly kind: 'reply'; readonly reply: Reply }
	| { readonly kind: 'refuse'; readonly reply: Reply; readonly reason: string };

const EXPIRED = errorReply(
	'This button has expired (the bot restarted since it was shown). Run the command again, e.g. `/ask`.',
);
const UNKNOWN = errorReply('This button is from an older version of the bot. Run the command again.');
const REFUSED = errorReply(
	'This button was not made by this version of the bot, or cannot do that; nothing was done. Run the command again.',
);

/** `command:verb:rest`, where the rest may itself hold ":" (a question). */
function splitId(id: string): { command: string; verb: string; rest: string } | undefined {
	const m = /^([a-z0-9_-]+):([a-z0-9_-]+)(?::(.*))?$/s.exec(id);
	return m === null ? undefined : { command: m[1]!, verb: m[2]!, rest: m[3] ?? '' };
}

/** `<n>:<rest>` → [n, rest]; undefined when the first part is no non-negative integer. */
function leadingNumber(text: string): [number, string] | undefined {
	const m = /^(\d{1,6})(?::(.*))?$/s.exec(text);
	return m === null ? undefined : [Number(m[1]), m[2] ?? ''];
}

/**
 * "n in context": the quote's paragraph with the one before and after it, as a reply only the clicker
 * sees. `context:<source>:<paragraph>:<start>:<end>` marks the quote; the older
 * `full:<source>:<paragraph>` of buttons still on screen shows the same, without the mark.
 */
function inContext(verb: 'context' | 'full', rest: string, context: CommandContext): Reply {
	const m = verb === 'context' ? /^(.+):(\d{1,6}):(\d{1,6}):(\d{1,6})$/.exec(rest) : /^(.+):(\d{1,6})$/.exec(rest);
	const source = m === null ? undefined : context.corpus.byId.get(m[1]!);
	const paragraphs = source === undefined ? undefined : context.corpus.paragraphsOf.get(source.id);
	const n = Number(m?.[2]);
	if (source === undefined || paragraphs?.[n] === undefined)
		return errorReply('That paragraph is no longer in the sources. Ask again with `/ask`.');
	const span = m?.[3] === undefined ? undefined : { start: Number(m[3]), end: Number(m[4]) };
	return renderContext(source, paragraphs, n, span);
}

/** Options for a command from a button's state. */
function optionsFor(command: string, verb: string, rest: string): Record<string, unknown> | undefined {
	if (command === 'ask' && verb === 'more') {
		const parsed = leadingNumber(rest);
		return parsed === undefined ? undefined : { offset: parsed[0], question: parsed[1] };
	}
	if (command === 'source' && verb === 'page') {
		const m = /^(.+):(\d{1,6})$/.exec(rest);
		// `source:page:<id>:<n>`, `source:page:list:<n>`: the page itself, sized by length (see core/render/source.ts).
		return m === null ? undefined : { id: m[1], page: Math.max(1, Number(m[2])) };
	}
	if (verb === 'page') {
		// Any other command's pager: `<command>:page:<n>[:<options as a query string>]`, re-run with `page`.
		const parsed = leadingNumber(rest);
		return parsed === undefined
			? undefined
			: { ...Object.fromEntries(new URLSearchParams(parsed[1])), page: parsed[0] };
	}
	return undefined;
}

/**
 * Reads a button's id, as the id store opened it. Only ids the bot made get this far, and of those
 * only ones naming a read-only command run it: a click re-runs what was shown, never adds or removes.
 */
export function resolveButton(
	opened: Result<string, IdProblem>,
	commands: readonly Command[],
	context: CommandContext,
): ButtonAction {
	if (!opened.ok && opened.error === 'expired') return { kind: 'reply', reply: EXPIRED };
	if (!opened.ok) return { kind: 'refuse', reply: REFUSED, reason: 'unsigned button' };
	const parts = splitId(opened.value);
	if (parts === undefined) return { kind: 'reply', reply: UNKNOWN };
	if (parts.command === 'ask' && (parts.verb === 'context' || parts.verb === 'full'))
		return { kind: 'reply', reply: inContext(parts.verb, parts.rest, context) };
	const command = commands.find((c) => c.data.name === parts.command);
	const options = optionsFor(parts.command, parts.verb, parts.rest);
	if (command === undefined || options === undefined) return { kind: 'reply', reply: UNKNOWN };
	if (command.readOnly !== true) return { kind: 'refuse', reply: REFUSED, reason: 'command not read-only' };
	return { kind: 'run', command, options };
}
