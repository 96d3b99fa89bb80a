import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile } from '../../bench/metrics.js';
import { MAX_INTERACTION_RESPONSE_MS } from '../../src/core/render/discord-limits.js';
import { SAMPLE_QUESTIONS } from '../helpers/corpus.js';
import { FAKE_TOKEN, type Answer, type FakeDiscord } from '../helpers/fake-discord.js';
import { startBotWithFake, type BotProcess } from '../helpers/fake-discord-bot.js';

/** The bot's default cooldown: this many requests per user in any 10 s. */
const COOLDOWN = 20;
const USERS = 50;
const PER_USER = 20;
const FLOOD = 60;

let fake: FakeDiscord;
let bot: BotProcess;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
	// The default cooldown is kept: 20 per user is exactly the limit, so the flood of 1,000 must pass it
	// untouched while the single flooder below is held back by it.
	({ fake, bot, close } = await startBotWithFake());
});

afterAll(async () => {
	await close?.();
});

// Ids apart from discord-load's users, so no cooldown state is shared even if files ran in one bot.
const user = (n: number) => ({ id: String(1_300_000_000_000_300_000n + BigInt(n)), username: `flood${n}` });
const ask = (u: number, question: string) =>
	fake.command(user(u), 'ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }]);

describe('the bot under a flood', () => {
	it('answers 1,000 /ask interactions from 50 users sent at once, none lost, each by callback within Discord’s deadline', async () => {
		const started = performance.now();
		const sent: Promise<Answer>[] = [];
		for (let i = 0; i < PER_USER; i++) {
			for (let u = 0; u < USERS; u++)
				sent.push(fake.interact(ask(u, SAMPLE_QUESTIONS[(u + i) % SAMPLE_QUESTIONS.length]!), 30_000));
		}
		const answers = await Promise.all(sent);
		const wallMs = performance.now() - started;
		expect(answers).toHaveLength(USERS * PER_USER);
		for (const a of answers) {
			expect(a.via).toBe('callback');
			expect(a.type).toBe(4);
			expect(a.data.flags ?? 0).toBe(0);
			expect(a.data.content).not.toMatch(/Slow down/);
			expect(a.data.allowed_mentions).toEqual({ parse: [] });
		}
		const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
		console.info(
			`1,000 interactions: p50 ${quantile(ms, 0.5).toFixed(0)} ms, p95 ${quantile(ms, 0.95).toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms, all in ${wallMs.toFixed(0)} ms`,
		);
		expect(ms.at(-1)!).toBeLessThan(MAX_INTERACTION_RESPONSE_MS);
	}, 60_000);

	it('refuses one user flooding 60 interactions ephemerally past the cooldown, while others sent alongside are answered', async () => {
		const flooder = USERS + 1;
		const flood = Array.from({ length: FLOOD }, () => fake.interact(ask(flooder, SAMPLE_QUESTIONS[0]), 30_000));
		const others = Array.from({ length: 10 }, (_, i) =>
			fake.interact(ask(USERS + 2 + i, SAMPLE_QUESTIONS[i % SAMPLE_QUESTIONS.length]!), 30_000),
		);
		const [flooded, answered] = await Promise.all([Promise.all(flood), Promise.all(others)]);
		const refused = flooded.filter((a) => a.data.flags === MessageFlags.Ephemeral);
		expect(refused).toHaveLength(FLOOD - COOLDOWN);
		for (const a of refused) expect(a.data.content).toMatch(/^Slow down: .*Try again <t:\d+:R>\.$/);
		expect(flooded.filter((a) => (a.data.flags ?? 0) === 0)).toHaveLength(COOLDOWN);
		for (const a of [...flooded, ...answered]) {
			expect(a.via).toBe('callback');
			expect(a.ms).toBeLessThan(MAX_INTERACTION_RESPONSE_MS);
		}
		for (const a of answered) {
			expect(a.data.flags ?? 0).toBe(0);
			expect(a.data.content).not.toMatch(/Slow down/);
		}
	}, 60_000);

	it('logs no token through the flood', async () => {
		expect(await bot.stop('SIGINT')).toBe(0);
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN);
	});
});
