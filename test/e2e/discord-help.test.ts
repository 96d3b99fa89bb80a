import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { assertBuilt, botEnv, logMessage, startBotProcess, type BotProcess } from '../helpers/fake-discord-bot.js';
import { shownResults } from '../helpers/answer-text.js';

// A new user per request: the per-user cooldown is tested on its own in discord-load.
let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_200_000n + BigInt(++users)), username: `helper${users}` });

let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
	assertBuilt();
	fake = await startFakeDiscord();
	bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: DEFAULT_DATA }));
	await bot.waitForLine((l) => logMessage(l) === 'ready', 15_000);
});

afterAll(async () => {
	// Each is still unset if beforeAll failed before starting it.
	await (bot as BotProcess | undefined)?.stop('SIGKILL');
	await (fake as FakeDiscord | undefined)?.close();
});

const ask = (question: string) =>
	fake.interact(
		fake.command(someone(), 'ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }]),
	);

/** Whether every request the bot made for an interaction kept it private: ephemeral callbacks, then edits of them. */
function privateAnswers(interactionId: string): boolean {
	const all = fake.answersTo(interactionId);
	const first = all[0];
	return first !== undefined && first.data.flags === MessageFlags.Ephemeral && all.every((a) => a.via !== 'followup');
}

describe('spelling help through the real bot', () => {
	it('answers a question with a misspelt word as corrected, and says so', async () => {
		const a = await ask('Who leads the Turkish delgation to Armenia?');
		expect(a.data.content).toContain('Showing results for “Who leads the Turkish *delegation* to Armenia?”');
		expect(shownResults(a.data.content ?? '').length).toBeGreaterThan(0);
		expect(a.data.content).toContain('Serdar Kilic');
	});

	it('leaves a question the sources answer as it is', async () => {
		const a = await ask('Who leads the Turkish delegation to Armenia?');
		expect(a.data.content).not.toContain('Showing results for');
		expect(shownResults(a.data.content ?? '').length).toBeGreaterThan(0);
	});

	it('tells a question in another language that the sources are in English', async () => {
		const a = await ask('Wer leitet die türkische Delegation nach Armenien?');
		expect(a.data.content).toContain("The sources don't say");
		expect(a.data.content).toContain('The sources are in English');
		expect(a.data.content).toContain('`/sources`');
	});
});

describe('/help through the real bot', () => {
	it('says what the bot does, privately, with the sources the caller reads and questions from them', async () => {
		const a = await fake.interact(fake.command(someone(), 'help', []));
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toContain('word for word');
		expect(a.data.content).toMatch(
			/You can read \*\*5 sources\*\* here; the newest, .* was (added|published) \d{4}-\d\d-\d\d\./,
		);
		expect(a.data.content).toContain('`/ask question:');
		expect(a.data.content).toContain('Find sources');
	});
});

describe('"Find sources" (message command) through the real bot', () => {
	it('checks a message against the sources and answers only the person who used it', async () => {
		const interaction = fake.messageCommand(
			someone(),
			'Find sources',
			'I read that <@123> Serdar Kilic leads the Turkish delegation to Armenia https://example.com/x',
		);
		const a = await fake.interact(interaction);
		expect(shownResults(a.data.content ?? '').length).toBeGreaterThan(0);
		expect(a.data.content).toContain('Serdar Kilic');
		expect(a.data.allowed_mentions).toEqual({ parse: [] });
		expect(privateAnswers(String(interaction.id))).toBe(true);
	});

	it('says clearly, and privately, that a message without text has nothing to check', async () => {
		const interaction = fake.messageCommand(someone(), 'Find sources', '   ');
		const a = await fake.interact(interaction);
		expect(a.data.content).toContain('no text to check');
		expect(privateAnswers(String(interaction.id))).toBe(true);
	});

	it('checks the beginning of an over-long message and says so', async () => {
		const long = `Serdar Kilic leads the Turkish delegation to Armenia. ${'More words about other things. '.repeat(30)}`;
		const interaction = fake.messageCommand(someone(), 'Find sources', long);
		const a = await fake.interact(interaction);
		expect(a.data.content).toContain('its beginning was checked');
		expect(privateAnswers(String(interaction.id))).toBe(true);
	});

	it('works in a DM too', async () => {
		const interaction = fake.messageCommand(someone(), 'Find sources', 'Who leads the Turkish delegation?', null);
		const a = await fake.interact(interaction);
		expect(a.data.content).not.toBe('');
		expect(privateAnswers(String(interaction.id))).toBe(true);
	});
});
