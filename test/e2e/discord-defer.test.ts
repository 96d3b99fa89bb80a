import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import {
	assertBuilt,
	botEnv,
	logMessage,
	runScript,
	startBotProcess,
	type BotProcess,
} from '../helpers/fake-discord-bot.js';

let fake: FakeDiscord;
let bot: BotProcess;
let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_300_000n + BigInt(++users)), username: `defer${users}` });

beforeAll(async () => {
	assertBuilt();
	fake = await startFakeDiscord();
	// DISCORD_DEFER_MS=0 defers every command, so the path a slow command takes is exercised.
	bot = startBotProcess(botEnv(fake, { DISCORD_DEFER_MS: '0' }));
	await bot.waitForLine((l) => logMessage(l) === 'ready', 15_000);
});

afterAll(async () => {
	// Each is still unset if beforeAll failed before starting it.
	await (bot as BotProcess | undefined)?.stop('SIGKILL');
	await (fake as FakeDiscord | undefined)?.close();
});

describe('a deferred command', () => {
	it('acknowledges at once, then edits the placeholder into the answer', async () => {
		const interaction = fake.command(someone(), 'ask', [
			{ name: 'question', type: ApplicationCommandOptionType.String, value: 'Who is Philip Gamaghelyan?' },
		]);
		const a = await fake.interact(interaction);
		const all = fake.answersTo(String(interaction.id));
		expect(all[0]).toMatchObject({ via: 'callback', type: 5 });
		expect(a.via).toBe('edit');
		expect(a.data.allowed_mentions).toEqual({ parse: [] });
		expect(a.data.content).toContain('Philip Gamaghelyan');
	});

	it('defers privately a command whose replies are private, so even "thinking…" is the asker\'s alone', async () => {
		const interaction = fake.command(someone(), 'help', []);
		const a = await fake.interact(interaction);
		const all = fake.answersTo(String(interaction.id));
		expect(all[0]).toMatchObject({ via: 'callback', type: 5, data: { flags: MessageFlags.Ephemeral } });
		expect(a.via).toBe('edit');
		expect(all.some((x) => x.via === 'delete')).toBe(false);
	});

	it('sends an error as an ephemeral follow-up and removes the public placeholder', async () => {
		const interaction = fake.command(someone(), 'source', [
			{ name: 'id', type: ApplicationCommandOptionType.String, value: 'nope' },
		]);
		const a = await fake.interact(interaction);
		expect(a).toMatchObject({ via: 'followup' });
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		await fake.until(
			() => fake.answersTo(String(interaction.id)).some((x) => x.via === 'delete'),
			5_000,
			'the placeholder deleted',
		);
	});

	it('pages a source by deferring the update and editing the message', async () => {
		// A source longer than one page (pages are filled up to the embed limits).
		const first = await fake.interact(
			fake.command(someone(), 'source', [
				{ name: 'id', type: ApplicationCommandOptionType.String, value: 'war-on-the-rocks-2024-12-05' },
			]),
		);
		const next = (first.data.components ?? []).flatMap((r) => r.components).find((b) => b.label === 'Next');
		const click = fake.click(someone(), next!.custom_id, first.data);
		const a = await fake.interact(click);
		expect(fake.answersTo(String(click.id))[0]).toMatchObject({ via: 'callback', type: 6 });
		expect(a.via).toBe('edit');
		expect(a.data.content).toContain('page 2 of');
	});
});

describe('the bot settings', () => {
	it('refuses a bad COOLDOWN_PER_10S in one line and exits 2', async () => {
		const r = await runScript('dist/src/main.js', botEnv(fake, { COOLDOWN_PER_10S: 'lots' }));
		expect(r.code).toBe(2);
		expect(
			r.stderr
				.trim()
				.split('\n')
				.filter((l) => !l.startsWith('{')),
		).toEqual([expect.stringMatching(/^error: bad environment: COOLDOWN_PER_10S/)]);
		expect(r.stderr).not.toContain(FAKE_TOKEN);
	});

	it('logs no token', () => {
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN);
	});
});
