import { PermissionFlagsBits } from 'discord-api-types/v10';
import { PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ask } from '../../../commands/ask.js';
import { commands } from '../../../commands/index.js';
import { ingest } from '../../../commands/ingest.js';
import { authorize } from '../../../src/discord/router.js';

const member = (...flags: bigint[]) => new PermissionsBitField(flags);

describe('authorize', () => {
	it('lets anyone run a command that declares no permission, in a server or a DM', () => {
		expect(authorize(ask, member())).toBeUndefined();
		expect(authorize(ask, null)).toBeUndefined();
	});

	it('refuses /ingest to a member without Manage Server, saying which permission it needs', () => {
		const refusal = authorize(ingest, member(PermissionFlagsBits.SendMessages, PermissionFlagsBits.ManageMessages));
		expect(refusal?.ephemeral).toBe(true);
		expect(refusal?.content).toMatch(/Manage Server/);
	});

	it('refuses /ingest in a DM, where no member permission applies', () => {
		expect(authorize(ingest, null)?.content).toMatch(/only in a server/);
	});

	it('lets a member with Manage Server, or an administrator, run /ingest', () => {
		expect(authorize(ingest, member(PermissionFlagsBits.ManageGuild))).toBeUndefined();
		expect(authorize(ingest, member(PermissionFlagsBits.Administrator))).toBeUndefined();
	});

	it('checks in the router every permission a command asks Discord to hide it behind', () => {
		for (const c of commands) {
			const hidden = c.data.default_member_permissions;
			if (hidden === undefined || hidden === null) continue;
			expect(c.permission?.flag, c.data.name).toBe(BigInt(hidden));
		}
	});
});
