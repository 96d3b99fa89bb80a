#!/usr/bin/env node
import 'dotenv/config';
import { REST } from 'discord.js';
import { ApplicationCommandType, Routes } from 'discord-api-types/v10';
import { commands, messageCommands } from '../../commands/index.js';
import { parseEnv, UsageError } from '../env.js';
import { scrub } from '../log.js';
import { restOptions } from './rest-options.js';

/**
 * `npm run deploy-commands`: registers every command of the shared arrays (slash and message commands), in DISCORD_GUILD_ID when
 * set (instant, for testing) or globally. Prints one line: what was registered where.
 */
async function deploy(): Promise<void> {
	const env = parseEnv();
	if (env.DISCORD_TOKEN === undefined || env.DISCORD_CLIENT_ID === undefined) {
		const missing = [
			env.DISCORD_TOKEN === undefined ? 'DISCORD_TOKEN' : '',
			env.DISCORD_CLIENT_ID === undefined ? 'DISCORD_CLIENT_ID' : '',
		].filter(Boolean);
		throw new UsageError(
			`${missing.join(' and ')} must be set to deploy the commands (the bot token and the application id, from the Discord Developer Portal)`,
		);
	}
	const rest = new REST(restOptions(env)).setToken(env.DISCORD_TOKEN);
	const route =
		env.DISCORD_GUILD_ID === undefined
			? Routes.applicationCommands(env.DISCORD_CLIENT_ID)
			: Routes.applicationGuildCommands(env.DISCORD_CLIENT_ID, env.DISCORD_GUILD_ID);
	const body = [...commands.map((c) => c.data), ...messageCommands.map((c) => c.data)];
	const answer = await rest.put(route, { body });
	// A slash command shows as /name; a message command (type 3) by its menu label.
	const label = (c: { name?: unknown; type?: unknown }) =>
		c.type === ApplicationCommandType.Message ? `“${String(c.name)}” (message menu)` : `/${String(c.name)}`;
	const registered = (Array.isArray(answer) ? (answer as { name?: unknown; type?: unknown }[]) : body).map(label);
	const where =
		env.DISCORD_GUILD_ID === undefined
			? 'globally (may take up to an hour to show)'
			: `in server ${env.DISCORD_GUILD_ID}`;
	process.stdout.write(`Registered ${registered.length} commands ${where}: ${registered.join(', ')}\n`);
}

deploy().catch((error: unknown) => {
	const secrets = process.env.DISCORD_TOKEN ? [process.env.DISCORD_TOKEN] : [];
	process.stderr.write(`error: ${scrub(error instanceof Error ? error.message : String(error), secrets)}\n`);
	process.exitCode = error instanceof UsageError ? 2 : 1;
});
