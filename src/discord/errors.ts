import { scrub } from '../log.js';

/** Fields of discord.js's errors worth logging; the request body (user text, replies) is left out. */
const KEPT_FIELDS = ['code', 'status', 'method', 'url'] as const;

const clean = (text: string): string => scrub(text);

/**
 * An error fit for the log: any thrown value as an Error, interaction tokens removed from its message,
 * stack and URL (the root logger already scrubs the bot token and webhook tokens).
 */
export function safeError(value: unknown): Error {
	const error = value instanceof Error ? value : new Error(String(value));
	const out = new Error(clean(error.message)) as Error & Record<string, unknown>;
	out.name = error.name;
	out.stack = clean(error.stack ?? '');
	for (const key of KEPT_FIELDS) {
		const field = (error as unknown as Record<string, unknown>)[key];
		if (field !== undefined) out[key] = typeof field === 'string' ? clean(field) : field;
	}
	return out;
}
