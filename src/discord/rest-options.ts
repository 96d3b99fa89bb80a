import type { Env } from '../env.js';

/**
 * discord.js's REST options: `api` only when DISCORD_API_BASE is set (a proxy or a test server),
 * else discord.js's own default. The version (`/v10`) is appended by discord.js.
 */
export function restOptions(env: Pick<Env, 'DISCORD_API_BASE'>): { api?: string } {
	return env.DISCORD_API_BASE === undefined ? {} : { api: env.DISCORD_API_BASE.replace(/\/+$/, '') };
}
