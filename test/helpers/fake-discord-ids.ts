/** The fake Discord's fixed ids, its token, and the shapes tests read. */

export const APP_ID = '1300000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '1300000000000000002';
export const CHANNEL_ID = '1300000000000000003';
/** A second server the bot is in, with its own channel: what one server's library shows another. */
export const GUILD_B_ID = '1300000000000000004';
export const CHANNEL_B_ID = '1300000000000000005';
/**
 * A third server, on shard 1 of 2 (`(id >> 22) % 2`) where the test guild and the second server are on
 * shard 0: what the sharding tests answer in. Not in the fake's servers unless a test lists it.
 */
export const GUILD_C_ID = '1300000000004194306';
export const CHANNEL_C_ID = '1300000000004194307';
/** The shard a server's events go to, as Discord routes them: `(guild_id >> 22) % shard count`. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));
/** The channel of a direct message with the bot. */
export const DM_CHANNEL_ID = '1300000000000000006';
/** Where an interaction is sent from: a server's id, or `DM` (null: a direct message with the bot, no server). */
export const DM = null;
export type Where = string | null;
/** The channel interactions from a server (or a DM) come from. */
export const channelOf = (where: Where): string =>
	where === null
		? DM_CHANNEL_ID
		: where === GUILD_B_ID
			? CHANNEL_B_ID
			: where === GUILD_C_ID
				? CHANNEL_C_ID
				: CHANNEL_ID;
/** Token-shaped (base64 id . timestamp . hmac) so the log scrubber's pattern is exercised too. */
export const FAKE_TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.GqZx1a.fAkE-tOkEn_for_e2e_tests_0123456789abcd';

const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;
/** A snowflake for now, unique in this process. */
export const snowflake = (): string => String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (counter++ & 0x3fffffn));

/** A message body the bot sent (reply, update, edit or follow-up). */
export interface MessageBody {
	content?: string;
	embeds?: Array<{ title?: string; url?: string; description?: string; footer?: { text: string }; color?: number }>;
	components?: Array<{
		type: number;
		components: Array<{ type: number; custom_id: string; label: string; disabled?: boolean }>;
	}>;
	allowed_mentions?: { parse?: string[] };
	flags?: number;
	choices?: Array<{ name: string; value: string }>;
}

export interface User {
	readonly id: string;
	readonly username: string;
}
