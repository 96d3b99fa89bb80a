import pino, { type Logger } from 'pino';

export type { Logger };

const TOKEN_LIKE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g;
const WEBHOOK = /(\/webhooks\/\d+\/)[\w-]+/g;
/** An interaction's token in a REST path (`/interactions/<id>/<token>/callback`): it lets anyone answer for the bot. */
const INTERACTION = /(\/interactions\/\d+\/)[^/\s"'?]+/g;
const BOT_AUTH = /(Bot\s+)[\w.-]+/g;

/** Removes secrets from a string: the given token wherever it appears, token-shaped strings, webhook and interaction tokens. */
export function scrub(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
	return out
		.replace(TOKEN_LIKE, '[redacted]')
		.replace(WEBHOOK, '$1[redacted]')
		.replace(INTERACTION, '$1[redacted]')
		.replace(BOT_AUTH, '$1[redacted]');
}

/**
 * The root logger: JSON lines on stderr (stdout carries only results), secrets redacted by path and
 * scrubbed from every string an error carries.
 */
export function createLogger(level: string, secrets: readonly string[] = []): Logger {
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
			hooks: {
				logMethod(args, method) {
					method.apply(this, args.map((a) => (typeof a === 'string' ? clean(a) : a)) as Parameters<typeof method>);
				},
			},
		},
		pino.destination(2),
	);
}
