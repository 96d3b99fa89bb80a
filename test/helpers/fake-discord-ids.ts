/** The fake Discord's fixed ids, its token, and the shapes tests read. */

export const APP_ID = '1300000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '1300000000000000002';
export const CHANNEL_ID = '1300000000000000003';
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
