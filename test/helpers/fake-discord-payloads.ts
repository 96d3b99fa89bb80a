import {
	APP_ID,
	BOT_ID,
	CHANNEL_ID,
	channelOf,
	GUILD_ID,
	snowflake,
	type MessageBody,
	type User,
	type Where,
} from './fake-discord-ids.js';

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

const userFrom = (user: User) => ({
	id: user.id,
	username: user.username,
	discriminator: '0',
	global_name: user.username,
	avatar: null,
});

/**
 * A message the bot sent, as Discord returns and dispatches it. With `asker`, it carries the
 * `interaction_metadata` of the slash command (type 2) that made it, as every interaction's reply does:
 * the bot reads who asked from it.
 */
export function messageFrom(
	body: MessageBody,
	id = snowflake(),
	channelId = CHANNEL_ID,
	asker?: User,
): Record<string, unknown> {
	return {
		...(asker === undefined
			? {}
			: {
					interaction_metadata: {
						id: snowflake(),
						type: 2,
						user: userFrom(asker),
						authorizing_integration_owners: { '0': '0' },
					},
				}),
		id,
		type: 0,
		channel_id: channelId,
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

/**
 * An interaction as Discord dispatches it, from a user in a server's channel (the test guild's unless
 * told), or, `where` null, in a direct message with the bot: no guild_id, `user` instead of
 * `member`, context 1 (BOT_DM).
 */
export function interactionFrom(
	user: User,
	type: number,
	data: unknown,
	where: Where = GUILD_ID,
): Record<string, unknown> {
	const common = {
		id: snowflake(),
		token: `itoken-${snowflake()}-${'x'.repeat(20)}`,
		application_id: APP_ID,
		type,
		data,
		version: 1,
		app_permissions: '2248473465835073',
		locale: 'en-US',
		entitlements: [],
		attachment_size_limit: 26_214_400,
	};
	const channelId = channelOf(where);
	if (where === null)
		return {
			...common,
			channel_id: channelId,
			channel: { id: channelId, type: 1, recipients: [userFrom(user)], last_message_id: null, flags: 0 },
			user: userFrom(user),
			authorizing_integration_owners: { '0': '0' },
			context: 1,
		};
	return {
		...common,
		guild_id: where,
		channel_id: channelId,
		channel: { id: channelId, type: 0, guild_id: where, name: 'general' },
		member: {
			user: userFrom(user),
			roles: [],
			permissions: '2248473465835073',
			joined_at: '2024-01-01T00:00:00.000Z',
			deaf: false,
			mute: false,
			flags: 0,
		},
		guild_locale: 'en-US',
		authorizing_integration_owners: { '0': where },
		context: 0,
	};
}

/** A guild (the test guild unless told) as GUILD_CREATE delivers it. */
export function guildCreate(id: string = GUILD_ID): Record<string, unknown> {
	const channelId = channelOf(id);
	return {
		id,
		name: id === GUILD_ID ? 'Test server' : `Test server ${id.slice(-2)}`,
		icon: null,
		owner_id: '1300000000000000009',
		unavailable: false,
		member_count: 2,
		large: false,
		joined_at: '2024-01-01T00:00:00.000Z',
		features: [],
		roles: [
			{
				id,
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
		channels: [{ id: channelId, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: id }],
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
