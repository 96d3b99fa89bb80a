import { APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, snowflake, type MessageBody, type User } from './fake-discord-ids.js';

/** Payloads the fake Discord sends: the bot's user, messages, interactions and the guild. */

export const botUser = {
	id: BOT_ID,
	username: 'verbatim',
	discriminator: '0',
	global_name: 'Verbatim',
	avatar: null,
	bot: true,
	flags: 0,
};

export function messageFrom(body: MessageBody, id = snowflake()): Record<string, unknown> {
	return {
		id,
		type: 0,
		channel_id: CHANNEL_ID,
		author: botUser,
		content: body.content ?? '',
		embeds: body.embeds ?? [],
		components: body.components ?? [],
		attachments: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		tts: false,
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		flags: body.flags ?? 0,
		application_id: APP_ID,
		webhook_id: APP_ID,
	};
}

/** An interaction as Discord dispatches it, from a user in the test guild's channel. */
export function interactionFrom(user: User, type: number, data: unknown): Record<string, unknown> {
	return {
		id: snowflake(),
		token: `itoken-${snowflake()}-${'x'.repeat(20)}`,
		application_id: APP_ID,
		type,
		data,
		guild_id: GUILD_ID,
		channel_id: CHANNEL_ID,
		channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
		member: {
			user: { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null },
			roles: [],
			permissions: '2248473465835073',
			joined_at: '2024-01-01T00:00:00.000Z',
			deaf: false,
			mute: false,
			flags: 0,
		},
		version: 1,
		app_permissions: '2248473465835073',
		locale: 'en-US',
		guild_locale: 'en-US',
		entitlements: [],
		authorizing_integration_owners: { '0': GUILD_ID },
		context: 0,
		attachment_size_limit: 26_214_400,
	};
}

/** The test guild as GUILD_CREATE delivers it. */
export function guildCreate(): Record<string, unknown> {
	return {
		id: GUILD_ID,
		name: 'Test server',
		icon: null,
		owner_id: '1300000000000000009',
		unavailable: false,
		member_count: 2,
		large: false,
		joined_at: '2024-01-01T00:00:00.000Z',
		features: [],
		roles: [
			{
				id: GUILD_ID,
				name: '@everyone',
				permissions: '2248473465835073',
				position: 0,
				color: 0,
				hoist: false,
				managed: false,
				mentionable: false,
				flags: 0,
			},
		],
		channels: [
			{ id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID },
		],
		threads: [],
		members: [],
		presences: [],
		voice_states: [],
		emojis: [],
		stickers: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
		preferred_locale: 'en-US',
		premium_tier: 0,
		system_channel_flags: 0,
		verification_level: 0,
		default_message_notifications: 0,
		explicit_content_filter: 0,
		mfa_level: 0,
		nsfw_level: 0,
	};
}
