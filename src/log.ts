import pino, { type Logger } from 'pino';

export type { Logger };

const TOKEN_LIKE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g;
const WEBHOOK = /(\/webhooks\/\d+\/)[\w-]+/g;
/** An interaction's token in a REST path (`/interactions/<id>/<token>/callback`): it lets anyone answer for the bot. */
const INTERACTION = /(\/interactions\/\d+\/)[^/\s"'?]+/g;
const BOT_AUTH = /(Bot\s+)[\w.-]+/g;
/** A URL's user name and password (`scheme://user:pass@host`): a fetched or configured URL may carry them. */
const URL_CREDENTIALS = /(\b[a-z][a-z\d+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/**
 * Removes secrets from a string: the given token wherever it appears, token-shaped strings, webhook
 * and interaction tokens, and a URL's credentials.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
	return out
		.replace(TOKEN_LIKE, '[redacted]')
		.replace(WEBHOOK, '$1[redacted]')
		.replace(INTERACTION, '$1[redacted]')
		.replace(BOT_AUTH, '$1[redacted]')
		.replace(URL_CREDENTIALS, '$1[redacted]@');
}

/** How deep {@link scrubFields} goes: log fields are shallow, and a deeper (or cyclic) value is cut, not walked. */
const MAX_DEPTH = 8;

/**
 * A log line's fields with every string scrubbed, in plain objects and arrays at any depth: a secret
 * can reach a log under any name (a `detail`, a `url`, a nested response), not only the paths that
 * `redact` lists. Errors and other class instances are left to their serializers (`err` scrubs its own).
 */
export function scrubFields(value: unknown, clean: (text: string) => string, depth = 0): unknown {
	if (typeof value === 'string') return clean(value);
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_DEPTH) return '[too deep]';
	if (Array.isArray(value)) return value.map((v) => scrubFields(v, clean, depth + 1));
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== Object.prototype && proto !== null) return value;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) out[key] = scrubFields(v, clean, depth + 1);
	return out;
}

/**
 * The root logger: JSON lines on stderr (stdout carries only results), secrets redacted by path and
 * scrubbed from the message, every string field (nested too) and every string an error carries.
 * `destination` is for tests.
 */
export function createLogger(
	level: string,
	secrets: readonly string[] = [],
	destination: pino.DestinationStream = pino.destination(2),
): Logger {
	const clean = (value: string) => scrub(value, secrets);
	return pino(
		{
			level,
			redact: {
				paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'env.DISCORD_TOKEN'],
				censor: '[redacted]',
			},
			serializers: {
				err: (error: unknown) => {
					const e = pino.stdSerializers.err(error as Error);
					return JSON.parse(clean(JSON.stringify(e))) as unknown;
				},
			},
			formatters: {
				log: (object) => scrubFields(object, clean) as Record<string, unknown>,
			},
			hooks: {
				logMethod(args, method) {
					method.apply(this, args.map((a) => (typeof a === 'string' ? clean(a) : a)) as Parameters<typeof method>);
				},
			},
		},
		destination,
	);
}
