import { z } from 'zod';

/** Raised for bad command-line usage or input: the entry point prints its message and exits 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	readonly code = 'USAGE';
}

const optionalText = z
	.string()
	.optional()
	.transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The environment, validated once at start (see INTERFACE.md). */
export const EnvSchema = z.object({
	DISCORD_TOKEN: optionalText,
	DISCORD_CLIENT_ID: optionalText.pipe(
		z
			.string()
			.regex(/^\d{5,25}$/, 'a Discord application id (digits)')
			.optional(),
	),
	DISCORD_GUILD_ID: optionalText.pipe(
		z
			.string()
			.regex(/^\d{5,25}$/, 'a Discord server id (digits)')
			.optional(),
	),
	DISCORD_API_BASE: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	INDEX_DATA_DIR: optionalText,
	FEEDS: optionalText,
	FEED_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
	ALLOW_PRIVATE_HOSTS: z.stringbool().default(false),
	/** The ports a fetch may connect to, comma-separated; only 80 and 443 unless set (see FetchOptions.ports). */
	FETCH_PORTS: optionalText
		.pipe(
			z
				.string()
				.regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, 'port numbers separated by commas')
				.optional(),
		)
		.transform((v) => (v === undefined ? [80, 443] : v.split(',').map((p) => Number(p.trim()))))
		.pipe(z.array(z.number().int().min(1, 'ports are 1 to 65535').max(65_535, 'ports are 1 to 65535'))),
	/** The first pass's engine: MiniSearch, the column engine, or `auto` (MiniSearch up to AUTO_COLUMNAR_AT paragraphs). */
	SEARCH_ENGINE: z.enum(['minisearch', 'columnar', 'auto']).default('auto'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; a bad value is a {@link UsageError} naming the variable, never its value. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = EnvSchema.safeParse(source);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new UsageError(`bad environment: ${issues}`);
	}
	return parsed.data;
}
