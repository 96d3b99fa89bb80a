import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantile } from '../../bench/metrics.js';
import { MAX_INTERACTION_RESPONSE_MS } from '../../src/core/render/discord-limits.js';
import { shownResults } from '../helpers/answer-text.js';
import { SAMPLE_QUESTIONS } from '../helpers/corpus.js';
import { FAKE_TOKEN, type Answer, type FakeDiscord } from '../helpers/fake-discord.js';
import { logMessage, startBotWithFake, type BotProcess } from '../helpers/fake-discord-bot.js';

let fake: FakeDiscord;
let bot: BotProcess;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
	// The default cooldown (20 requests in any 10 s per user) is what is tested here.
	({ fake, bot, close } = await startBotWithFake());
});

afterAll(async () => {
	await close?.();
});

const user = (n: number) => ({ id: String(1_300_000_000_000_200_000n + BigInt(n)), username: `load${n}` });

describe('the bot under load', () => {
	it('answers 200 interactions from 20 users sent at once, every one with its result, within 3 s', async () => {
		const started = performance.now();
		const sent: Promise<Answer>[] = [];
		for (let u = 0; u < 20; u++) {
			for (let i = 0; i < 10; i++) {
				const interaction =
					i % 5 === 4
						? fake.command(user(u), 'source', [
								{ name: 'id', type: ApplicationCommandOptionType.String, value: 'asbarez-2024-05-13' },
							])
						: fake.command(user(u), 'ask', [
								{
									name: 'question',
									type: ApplicationCommandOptionType.String,
									value: SAMPLE_QUESTIONS[(u + i) % SAMPLE_QUESTIONS.length]!,
								},
							]);
				sent.push(fake.interact(interaction, 20_000));
			}
		}
		const answers = await Promise.all(sent);
		const wallMs = performance.now() - started;
		expect(answers).toHaveLength(200);
		for (const a of answers) {
			expect(a.via).toBe('callback');
			expect(a.type).toBe(4);
			expect(a.data.flags ?? 0).toBe(0);
			expect(a.data.content).not.toMatch(/Slow down/);
			expect(a.data.allowed_mentions).toEqual({ parse: [] });
		}
		const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
		console.info(
			`200 interactions: p50 ${quantile(ms, 0.5).toFixed(0)} ms, p95 ${quantile(ms, 0.95).toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms, all in ${wallMs.toFixed(0)} ms`,
		);
		expect(ms.at(-1)!).toBeLessThan(MAX_INTERACTION_RESPONSE_MS);
	});

	it('answers a single user flooding the bot with an ephemeral "slow down" past 20 requests in 10 s', async () => {
		const flooder = user(99);
		const answers = await Promise.all(
			Array.from({ length: 25 }, () =>
				fake.interact(
					fake.command(flooder, 'ask', [
						{ name: 'question', type: ApplicationCommandOptionType.String, value: SAMPLE_QUESTIONS[0] },
					]),
				),
			),
		);
		const refused = answers.filter((a) => a.data.flags === MessageFlags.Ephemeral);
		expect(refused).toHaveLength(5);
		for (const a of refused) {
			// A live countdown to when the window lets the user in again: within the 10 s window from now.
			expect(a.data.content).toMatch(/^Slow down: .*Try again <t:\d+:R>\.$/);
			const at = Number(/<t:(\d+):R>/.exec(a.data.content ?? '')?.[1]) * 1000;
			expect(at).toBeGreaterThan(Date.now() - 1_000);
			expect(at).toBeLessThanOrEqual(Date.now() + 11_000);
		}
		expect(answers.filter((a) => shownResults(a.data.content ?? '').length > 0)).toHaveLength(20);
		// Another user is not held back by the flood.
		const other = await fake.interact(
			fake.command(user(98), 'ask', [
				{ name: 'question', type: ApplicationCommandOptionType.String, value: SAMPLE_QUESTIONS[0] },
			]),
		);
		expect(other.data.flags ?? 0).toBe(0);
	});

	it('logs no token, even under load', async () => {
		expect(await bot.stop('SIGINT')).toBe(0);
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN);
		expect(bot.lines.filter((l) => logMessage(l) === 'answered').length).toBeGreaterThanOrEqual(221);
	});
});
