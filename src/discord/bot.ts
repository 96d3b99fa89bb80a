import { Client, Events, GatewayIntentBits } from 'discord.js';
import { z } from 'zod';
import { commands, messageCommands } from '../../commands/index.js';
import type { Caller, CommandContext } from '../../commands/index.js';
import { MAX_INTERACTION_RESPONSE_MS } from '../core/render/discord-limits.js';
import type { Env } from '../env.js';
import { UsageError } from '../env.js';
import type { Logger } from '../log.js';
import type { CommandMetrics } from '../ops/metrics.js';
import { createCooldown } from './cooldown.js';
import { buttonKey, createIdStore } from './custom-ids.js';
import { safeError } from './errors.js';
import { restOptions } from './rest-options.js';
import { createRouter } from './router.js';

export interface BotOptions {
	readonly env: Env;
	readonly log: Logger;
	/** What commands run with, per caller: the live corpus (and ingestion), kept current by main.ts. */
	readonly contextFor: (caller: Caller) => CommandContext;
	readonly token: string;
	/** Counts and times each command (see ops/metrics.ts). */
	readonly metrics?: CommandMetrics;
	/** Told when the gateway is up (ready, resumed) or down (disconnected): readiness for /readyz. */
	readonly onGateway?: (up: boolean) => void;
}

const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The bot's own settings, beside INTERFACE.md's environment. */
export const BotSettingsSchema = z.object({
	/**
	 * Requests a user may make in any 10 s (commands and buttons; autocomplete counts apart); 0 turns the
	 * limit off. 20 stops a flood yet never refuses a person, nor a burst of ten from one user.
	 */
	COOLDOWN_PER_10S: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(10_000).default(20)),
	/**
	 * Autocomplete requests a user may make in any 10 s; 0 turns the limit off. Discord sends one as
	 * people type (debounced), so 50 (five a second) never starves a typist yet stops a script.
	 */
	AUTOCOMPLETE_PER_10S: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(10_000).default(50)),
	/**
	 * A command slower than this (ms) is deferred; 0 defers every command. At most half a second short
	 * of Discord's deadline, which the deferral itself must still meet.
	 */
	DISCORD_DEFER_MS: z.preprocess(
		blankAsUnset,
		z.coerce
			.number()
			.int()
			.min(0)
			.max(MAX_INTERACTION_RESPONSE_MS - 500)
			.default(1_500),
	),
});

export type BotSettings = z.infer<typeof BotSettingsSchema>;

/** Parses the bot's settings; a bad value is a {@link UsageError} naming the variable. */
export function parseBotSettings(source: NodeJS.ProcessEnv = process.env): BotSettings {
	const parsed = BotSettingsSchema.safeParse(source);
	if (!parsed.success)
		throw new UsageError(
			`bad environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
		);
	return parsed.data;
}

/** A client with the Guilds intent only, no mention ever parsed, REST pointed at DISCORD_API_BASE when set. */
export function createClient(env: Pick<Env, 'DISCORD_API_BASE'>): Client {
	const rest = restOptions(env);
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		...(rest.api === undefined ? {} : { rest }),
	});
}

/** Logs what the client and its shards go through; reconnecting is left to discord.js. */
function watch(client: Client, log: Logger): void {
	client.once(Events.ClientReady, (c) => log.info({ user: c.user.id, guilds: c.guilds.cache.size }, 'ready'));
	client.on(Events.Error, (error) => log.error({ err: safeError(error) }, 'client error'));
	client.on(Events.Warn, (message) => log.warn({ detail: message }, 'client warning'));
	client.on(Events.ShardError, (error, shard) => log.error({ err: safeError(error), shard }, 'shard error'));
	client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'shard disconnected'));
	client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'shard reconnecting'));
	client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'shard resumed'));
	client.rest.on('rateLimited', (info) =>
		log.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'rate limited'),
	);
	if (log.isLevelEnabled('trace')) client.on(Events.Debug, (message) => log.trace({ detail: message }, 'discord.js'));
}

/** Whether the gateway is up, as its events tell: every shard of this process ready, or one down. */
function reportGateway(client: Client, onGateway: (up: boolean) => void): void {
	client.once(Events.ClientReady, () => onGateway(true));
	client.on(Events.ShardResume, () => onGateway(client.isReady()));
	client.on(Events.ShardReady, () => onGateway(client.isReady()));
	client.on(Events.ShardDisconnect, () => onGateway(false));
	client.on(Events.ShardReconnecting, () => onGateway(false));
}

/**
 * With OWNER_IDS unset, the owners are the application's: its owner, or its team's members, asked
 * of Discord once ready. Until then (or if Discord does not say), nobody owns the shared library
 * from Discord; the command line always does.
 */
async function learnOwners(client: Client, owners: Set<string>, log: Logger): Promise<void> {
	try {
		const app = await client.application?.fetch();
		const owner = app?.owner;
		if (owner === null || owner === undefined) return;
		if ('members' in owner) for (const id of owner.members.keys()) owners.add(id);
		else owners.add(owner.id);
		log.info({ owners: owners.size }, 'owners of the shared library: the application’s');
	} catch (error) {
		log.warn({ err: safeError(error) }, 'could not ask Discord who owns the application; set OWNER_IDS');
	}
}

/** SIGINT and SIGTERM destroy the client (closing the gateway cleanly) and exit 0. */
function stopOnSignals(client: Client, log: Logger): void {
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		void client
			.destroy()
			.catch((error: unknown) => log.warn({ err: safeError(error) }, 'destroy failed'))
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * The Discord bot: logs in with `token` and answers interactions from the live context main.ts keeps.
 * Resolves once logged in; the gateway keeps the process alive until a signal.
 */
export async function startBot({ env, log, contextFor, token, metrics, onGateway }: BotOptions): Promise<void> {
	const settings = parseBotSettings();
	const client = createClient(env);
	watch(client, log);
	if (onGateway !== undefined) reportGateway(client, onGateway);
	process.on('unhandledRejection', (reason) => log.error({ err: safeError(reason) }, 'unhandled rejection'));
	const owners = new Set(env.OWNER_IDS ?? []);
	if (env.OWNER_IDS === undefined) client.once(Events.ClientReady, () => void learnOwners(client, owners, log));
	const route = createRouter({
		commands,
		messageCommands,
		contextFor,
		isOwner: (userId) => owners.has(userId),
		log,
		cooldown: createCooldown(settings.COOLDOWN_PER_10S),
		autocompleteCooldown: createCooldown(settings.AUTOCOMPLETE_PER_10S),
		// Signed with a key from the token, so buttons keep working across restarts; see custom-ids.ts.
		ids: createIdStore(buttonKey(token)),
		deferAfterMs: settings.DISCORD_DEFER_MS,
		...(metrics === undefined ? {} : { metrics }),
	});
	// discord.js ignores a listener's promise: the router catches and answers its own failures, and
	// anything left over reaches the unhandledRejection log above.
	client.on(Events.InteractionCreate, (interaction) => void route(interaction));
	stopOnSignals(client, log);
	log.info(
		{
			commands: commands.map((c) => c.data.name),
			cooldownPer10s: settings.COOLDOWN_PER_10S,
			api: env.DISCORD_API_BASE ?? 'default',
		},
		'logging in',
	);
	try {
		await client.login(token);
	} catch (error) {
		await client.destroy();
		throw error;
	}
}
