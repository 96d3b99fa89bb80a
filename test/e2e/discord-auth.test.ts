import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonKey, createIdStore } from '../../src/discord/custom-ids.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { FAKE_TOKEN, type FakeDiscord, type MessageBody } from '../helpers/fake-discord.js';
import { logMessage, startBotWithFake, type BotProcess } from '../helpers/fake-discord-bot.js';
import { copyDataDir, removeDataDir, snapshot, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

// Ingestion is wired and may fetch from 127.0.0.1, so a refusal that let anything through would show
// as a request to the fixture site and a changed data directory.
const AUTOCOMPLETE_LIMIT = 5;

let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_200_000n + BigInt(++users)), username: `member${users}` });
const buttons = (m: MessageBody) => (m.components ?? []).flatMap((row) => row.components);
const buttonLabeled = (m: MessageBody, label: string) => buttons(m).find((b) => b.label === label);
/** An id as the bot itself would sign it: what a forger cannot make without the token. */
const signed = (id: string) => createIdStore(buttonKey(FAKE_TOKEN)).seal(id);

let fake: FakeDiscord;
let bot: BotProcess;
let close: () => Promise<void>;
let site: FixtureSite;
let dataDir: string;
let before: Record<string, string>;

beforeAll(async () => {
	site = await startFixtureSite();
	dataDir = copyDataDir(DEFAULT_DATA);
	before = snapshot(dataDir);
	({ fake, bot, close } = await startBotWithFake({
		INDEX_DATA_DIR: dataDir,
		ALLOW_PRIVATE_HOSTS: 'true',
		FETCH_PORTS: String(site.port),
		AUTOCOMPLETE_PER_10S: String(AUTOCOMPLETE_LIMIT),
		LOG_LEVEL: 'debug',
	}));
});

afterAll(async () => {
	// Each is still unset if beforeAll failed before starting it.
	await (close as (() => Promise<void>) | undefined)?.();
	await (site as FixtureSite | undefined)?.close();
	if ((dataDir as string | undefined) !== undefined) removeDataDir(dataDir);
});

const ingestCommand = (url: string) =>
	fake.command(someone(), 'ingest', [{ name: 'url', type: ApplicationCommandOptionType.String, value: url }]);

/** /ingest from a member with Manage Server. */
function managerIngest(url: string) {
	const interaction = ingestCommand(url);
	const member = interaction.member as { permissions: string };
	member.permissions = String(BigInt(member.permissions) | PermissionFlagsBits.ManageGuild);
	return interaction;
}

function expectNothingIngested(): void {
	expect(site.requests).toEqual([]);
	expect(snapshot(dataDir)).toEqual(before);
}

describe('who may run what, whatever the entry', () => {
	it('refuses a forged ingest:page button from a member without Manage Server, and fetches nothing', async () => {
		const a = await fake.interact(
			fake.click(someone(), `ingest:page:1:url=${encodeURIComponent(`${site.base}/article.html`)}`, { content: 'x' }),
		);
		expect(a).toMatchObject({ via: 'callback', type: 4 });
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/nothing was done/);
		await bot.waitForLine((l) => logMessage(l) === 'refused' && l.includes('unsigned button'));
		expectNothingIngested();
	});

	it('refuses an ingest button even with a valid signature: buttons re-run read-only commands only', async () => {
		const a = await fake.interact(
			fake.click(someone(), signed(`ingest:page:1:url=${site.base}/article.html`), { content: 'x' }),
		);
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/nothing was done/);
		await bot.waitForLine((l) => logMessage(l) === 'refused' && l.includes('command not read-only'));
		expectNothingIngested();
	});

	it('refuses /ingest to a member without Manage Server even though Discord let it through', async () => {
		const a = await fake.interact(ingestCommand(`${site.base}/article.html`));
		expect(a).toMatchObject({ via: 'callback', type: 4 });
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/needs the Manage Server permission/);
		await bot.waitForLine((l) => logMessage(l) === 'refused' && l.includes('"problem":"permission"'));
		expectNothingIngested();
	});

	it('refuses a pager id whose query was changed, and one naming /ask through the generic pager', async () => {
		const first = await fake.interact(
			fake.command(someone(), 'timeline', [
				{ name: 'topic', type: ApplicationCommandOptionType.String, value: 'border' },
			]),
		);
		const older = buttons(first.data).find((b) => b.custom_id.startsWith('timeline:page:2'));
		expect(older?.custom_id).toMatch(/\|/);
		const tampered = older!.custom_id.replace('topic=border', 'topic=armenia');
		for (const id of [tampered, 'ask:page:1:question=Who+is+Ian+Borg%3F', `ask:more:0:Who is Ian Borg?`]) {
			const a = await fake.interact(fake.click(someone(), id, first.data));
			expect(a).toMatchObject({ via: 'callback', type: 4 });
			expect(a.data.flags).toBe(MessageFlags.Ephemeral);
			expect(a.data.content).toMatch(/nothing was done/);
		}
	});

	it('still runs the Next and More buttons the bot made', async () => {
		const first = await fake.interact(
			fake.command(someone(), 'timeline', [
				{ name: 'topic', type: ApplicationCommandOptionType.String, value: 'border' },
			]),
		);
		const older = buttons(first.data).find((b) => b.custom_id.startsWith('timeline:page:2'));
		const second = await fake.interact(fake.click(someone(), older!.custom_id, first.data));
		expect(second).toMatchObject({ via: 'callback', type: 7 });
		expect(second.data.content).not.toBe(first.data.content);
		const a = await fake.interact(
			fake.command(someone(), 'ask', [
				{
					name: 'question',
					type: ApplicationCommandOptionType.String,
					value: 'Who leads the Turkish delegation to Armenia?',
				},
			]),
		);
		const more = buttonLabeled(a.data, 'More');
		const page2 = await fake.interact(fake.click(someone(), more!.custom_id, a.data));
		expect(page2).toMatchObject({ via: 'callback', type: 7 });
		expect(page2.data.content).toMatch(/Passages 4–/);
	});

	it('answers an autocomplete flood from one user with no choices past the limit, never an error', async () => {
		const user = someone();
		const counts: number[] = [];
		for (let i = 0; i < AUTOCOMPLETE_LIMIT + 5; i++) {
			const a = await fake.interact(
				fake.command(
					user,
					'source',
					[{ name: 'id', type: ApplicationCommandOptionType.String, value: '', focused: true }],
					4,
				),
			);
			expect(a).toMatchObject({ via: 'callback', type: 8 });
			counts.push(a.data.choices?.length ?? 0);
		}
		expect(counts.slice(0, AUTOCOMPLETE_LIMIT).every((n) => n > 0)).toBe(true);
		expect(counts.slice(AUTOCOMPLETE_LIMIT)).toEqual([0, 0, 0, 0, 0]);
		await bot.waitForLine((l) => logMessage(l) === 'autocomplete refused' && l.includes('"level":20'));
		const other = await fake.interact(
			fake.command(
				someone(),
				'source',
				[{ name: 'id', type: ApplicationCommandOptionType.String, value: '', focused: true }],
				4,
			),
		);
		expect(other.data.choices?.length).toBeGreaterThan(0);
	});

	it('runs /ingest for a member with Manage Server', async () => {
		const a = await fake.interact(managerIngest(`${site.base}/article.html`));
		// The fixture article is already among the default sources: what matters is that it ran.
		expect(a.data.content).toMatch(/^(Added|Already in the sources)/);
		expect(site.requests).toContain('/article.html');
	});

	it('refuses a page of 4,000 nested <div>s within seconds', async () => {
		const started = performance.now();
		const a = await fake.interact(managerIngest(`${site.base}/hostile/nested.html`));
		expect(a.data.content).toContain('too complex to read');
		expect(performance.now() - started).toBeLessThan(15_000);
	});

	it('answers another member while a page is being read, then refuses the page when its reading runs over', async () => {
		const reading = fake.interact(managerIngest(`${site.base}/hostile/emphasis.md`), 30_000);
		await fake.until(() => site.requests.includes('/hostile/emphasis.md'), 5_000, 'the page fetched');
		const asked = performance.now();
		const answer = await fake.interact(
			fake.command(someone(), 'ask', [
				{ name: 'question', type: ApplicationCommandOptionType.String, value: 'Who is Philip Gamaghelyan?' },
			]),
		);
		expect(performance.now() - asked).toBeLessThan(3_000);
		expect(JSON.stringify(answer.data)).toContain('Gamaghelyan');
		const refused = await reading;
		expect(refused.data.content).toContain('too complex to read');
	});

	it('never logs the token, from which the button key is derived', () => {
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN);
	});
});
