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
	/**
	 * Discord user ids, comma-separated, who own the shared library: their /ingest adds to it and they
	 * may /remove from it. Unset: the application's owner (or its team's members), asked of Discord at start.
	 */
	OWNER_IDS: optionalText
		.pipe(
			z
				.string()
				.regex(/^\d{5,25}(\s*,\s*\d{5,25})*$/, 'Discord user ids separated by commas')
				.optional(),
		)
		.transform((v) => (v === undefined ? undefined : v.split(',').map((id) => id.trim()))),
	/** All source text together, in MB; an ingest past it is refused. */
	MAX_DATA_MB: z.coerce.number().int().min(1).max(1_048_576).default(2_048),
	/** Sources one server's library may hold. */
	GUILD_MAX_SOURCES: z.coerce.number().int().min(0).max(1_000_000).default(500),
	/** Paragraphs one server's library may hold. */
	GUILD_MAX_PARAGRAPHS: z.coerce.number().int().min(0).max(100_000_000).default(50_000),
	/** Feeds one server's library may follow. */
	GUILD_MAX_FEEDS: z.coerce.number().int().min(0).max(1_000).default(10),
	/**
	 * PostgreSQL (postgres:// or postgresql://): when set, sources, feeds and the audit record live
	 * there instead of INDEX_DATA_DIR, which keeps the index cache and lexicon.json. Never logged.
	 */
	DATABASE_URL: optionalText.pipe(
		z.url({ protocol: /^postgres(?:ql)?$/, error: 'a postgres:// or postgresql:// URL' }).optional(),
	),
	/**
	 * With a token: run discord.js's ShardingManager, one process per shard. `auto` asks Discord for
	 * its recommended count; a number sets it. Unset: one process, no manager.
	 */
	SHARDS: optionalText.pipe(
		z
			.union([z.literal('auto'), z.string().regex(/^[1-9]\d{0,4}$/, 'auto or a positive whole number')])
			.optional()
			.transform((v) => (v === undefined || v === 'auto' ? v : Number(v))),
	),
	/** The shard ids this machine runs, comma-separated, each below the numeric SHARDS; unset: all of them. */
	SHARD_LIST: optionalText.pipe(
		z
			.string()
			.regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, 'shard ids separated by commas')
			.transform((v) => [...new Set(v.split(',').map((id) => Number(id.trim())))])
			.optional(),
	),
	/** The health and metrics server's port (0: any free one, logged); unset: no server. */
	HEALTH_PORT: optionalText
		.pipe(
			z
				.string()
				.regex(/^\d{1,5}$/, 'a port number')
				.optional(),
		)
		.transform((v) => (v === undefined ? undefined : Number(v)))
		.pipe(z.number().max(65_535, 'ports are 0 to 65535').optional()),
	/** Where the health server listens: loopback unless told (0.0.0.0 in a container). */
	HEALTH_HOST: optionalText.pipe(z.string().default('127.0.0.1')),
});

/** SHARD_LIST only means something against a known count: it needs a numeric SHARDS, and each id below it. */
const shardListIssue = (env: Pick<Env, 'SHARDS' | 'SHARD_LIST'>): string | undefined => {
	if (env.SHARD_LIST === undefined) return undefined;
	if (typeof env.SHARDS !== 'number') return 'needs SHARDS set to a number (the total count across machines)';
	const over = env.SHARD_LIST.filter((id) => id >= (env.SHARDS as number));
	return over.length === 0 ? undefined : `shard ids run from 0 to ${env.SHARDS - 1}; ${over.join(', ')} is past it`;
};

export type Env = z.infer<typeof EnvSchema>;

/** The values no log line may show: the bot token and the database's password. */
export function secretsOf(env: Pick<Env, 'DISCORD_TOKEN' | 'DATABASE_URL'>): string[] {
	const secrets: string[] = [];
	if (env.DISCORD_TOKEN !== undefined) secrets.push(env.DISCORD_TOKEN);
	if (env.DATABASE_URL !== undefined) {
		const password = URL.canParse(env.DATABASE_URL) ? new URL(env.DATABASE_URL).password : '';
		if (password !== '') secrets.push(password, decodeURIComponent(password));
	}
	return secrets;
}

/** Parses the environment; a bad value is a {@link UsageError} naming the variable, never its value. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = EnvSchema.safeParse(
		isShardProcess(source) ? { ...source, SHARDS: undefined, SHARD_LIST: undefined } : source,
	);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new UsageError(`bad environment: ${issues}`);
	}
	const shardList = shardListIssue(parsed.data);
	if (shardList !== undefined) throw new UsageError(`bad environment: SHARD_LIST: ${shardList}`);
	return parsed.data;
}

/**
 * Whether this process is a shard that discord.js's ShardingManager started: it sets
 * SHARDING_MANAGER, and SHARDS to the shard's own id (not the operator's count, which it replaces).
 */
export const isShardProcess = (source: NodeJS.ProcessEnv = process.env): boolean => source.SHARDING_MANAGER === 'true';
