import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
	MAX_ACTION_ROWS,
	MAX_BUTTON_LABEL,
	MAX_BUTTONS_PER_ROW,
	MAX_CHOICE_LENGTH,
	MAX_CHOICES,
	MAX_CUSTOM_ID,
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_FOOTER,
	MAX_EMBED_TITLE,
	MAX_EMBED_URL,
	MAX_EMBEDS,
	MAX_INTERACTION_RESPONSE_MS,
	MAX_MESSAGE_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from '../../src/core/render/discord-limits.js';
import { MAX_PARAGRAPH_CHARS } from '../../src/core/text/bound-paragraph.js';
import { buttonKey, createIdStore } from '../../src/discord/custom-ids.js';
import { shownResults, unescapeMarkdown } from '../helpers/answer-text.js';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import {
	APP_ID,
	FAKE_TOKEN,
	GUILD_ID,
	startFakeDiscord,
	type FakeDiscord,
	type MessageBody,
} from '../helpers/fake-discord.js';
import {
	assertBuilt,
	botEnv,
	logMessage,
	runScript,
	startBotProcess,
	type BotProcess,
} from '../helpers/fake-discord-bot.js';

/** A button id as the bot signs it (its key comes from the token), for a paragraph no answer shows. */
const signed = (id: string) => createIdStore(buttonKey(FAKE_TOKEN)).seal(id);

// A new user per request: the per-user cooldown (20 in any 10 s) is tested on its own in discord-load.
let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_100_000n + BigInt(++users)), username: `user${users}` });

/**
 * A source with one paragraph far over a message's 2,000 characters, full of markdown and mentions:
 * within MAX_PARAGRAPH_CHARS (5,000), so it stays one paragraph, and so dense in markdown that escaped
 * (every `*` and `_` doubled) it is over three messages.
 */
const LONG_ID = 'long-read-2025-01-01';
const longParagraph = Array.from(
	{ length: 52 },
	(_, i) => `Sentence ${i + 1} <@123> @everyone ${'*_'.repeat(30)} text.`,
).join(' ');

function dataDirWithLongSource(): string {
	const dir = mkdtempSync(join(tmpdir(), 'verbatim-discord-'));
	cpSync(DEFAULT_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
	const catalog = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as unknown[];
	catalog.push({
		id: LONG_ID,
		file: `${LONG_ID}.txt`,
		title: 'A very long read',
		publisher: 'Test Press',
		url: 'https://example.com/long',
		published: '2025-01-01',
		authors: [],
	});
	writeFileSync(join(dir, 'sources.json'), JSON.stringify(catalog));
	writeFileSync(join(dir, `${LONG_ID}.txt`), `A short opening paragraph.\n${longParagraph}\n`);
	return dir;
}

const embedChars = (m: MessageBody) =>
	(m.embeds ?? []).reduce(
		(n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
		0,
	);
const buttons = (m: MessageBody) => (m.components ?? []).flatMap((row) => row.components);
const buttonLabeled = (m: MessageBody, label: string) => buttons(m).find((b) => b.label === label);

/** Every limit Discord enforces on a message, and no mention parsed. */
function expectWithinDiscordLimits(m: MessageBody): void {
	expect(m.allowed_mentions).toEqual({ parse: [] });
	expect((m.content ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
	expect((m.embeds ?? []).length).toBeLessThanOrEqual(MAX_EMBEDS);
	expect(embedChars(m)).toBeLessThanOrEqual(MAX_TOTAL_EMBED_CHARS);
	for (const e of m.embeds ?? []) {
		expect((e.title ?? '').length).toBeLessThanOrEqual(MAX_EMBED_TITLE);
		expect((e.description ?? '').length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
		expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(MAX_EMBED_FOOTER);
		expect((e.url ?? '').length).toBeLessThanOrEqual(MAX_EMBED_URL);
	}
	expect((m.components ?? []).length).toBeLessThanOrEqual(MAX_ACTION_ROWS);
	for (const row of m.components ?? []) expect(row.components.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
	for (const b of buttons(m)) {
		expect(b.custom_id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
		expect(b.label.length).toBeLessThanOrEqual(MAX_BUTTON_LABEL);
	}
}

let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;
/** The names in the shared command arrays (slash, then message commands), as built: deploy must register each. */
let commandNames: string[];

beforeAll(async () => {
	assertBuilt();
	const built = (await import(pathToFileURL(join(ROOT, 'dist/commands/index.js')).href)) as {
		commands: Array<{ data: { name: string } }>;
		messageCommands: Array<{ data: { name: string } }>;
	};
	commandNames = [...built.commands, ...built.messageCommands].map((c) => c.data.name);
	dataDir = dataDirWithLongSource();
	fake = await startFakeDiscord();
	bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: dataDir, DISCORD_GUILD_ID: GUILD_ID }));
	await bot.waitForLine((l) => logMessage(l) === 'ready', 15_000);
});

afterAll(async () => {
	// Each is still unset if beforeAll failed before starting it.
	await (bot as BotProcess | undefined)?.stop('SIGKILL');
	await (fake as FakeDiscord | undefined)?.close();
	if ((dataDir as string | undefined) !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

const ask = (question: string, user = someone()) =>
	fake.interact(
		fake.command(user, 'ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }]),
	);

describe('npm run deploy-commands', () => {
	it('registers every command in the guild when DISCORD_GUILD_ID is set, with the bot token', async () => {
		const r = await runScript(
			'dist/src/discord/deploy.js',
			botEnv(fake, { DISCORD_GUILD_ID: GUILD_ID, INDEX_DATA_DIR: dataDir }),
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const registered = fake.commands.get(`guild:${APP_ID}:${GUILD_ID}`) as Array<{ name: string }>;
		expect(registered.map((c) => c.name)).toEqual(commandNames);
		expect(commandNames).toEqual(expect.arrayContaining(['ask', 'source']));
		const put = fake.requests.find((q) => q.method === 'PUT' && q.path.includes('/guilds/'));
		expect(put?.authorization).toBe(`Bot ${FAKE_TOKEN}`);
		expect(r.stdout).toMatch(/^Registered \d+ commands in server \d+: .*\/ask.*\/source/);
		expect(r.stdout + r.stderr).not.toContain(FAKE_TOKEN);
	});

	it('registers globally without DISCORD_GUILD_ID', async () => {
		const r = await runScript('dist/src/discord/deploy.js', botEnv(fake));
		expect(r.code).toBe(0);
		expect((fake.commands.get(`global:${APP_ID}`) as Array<{ name: string }>).map((c) => c.name)).toEqual(commandNames);
	});

	it('says in one line what is missing and exits 2 without DISCORD_CLIENT_ID', async () => {
		const { DISCORD_CLIENT_ID: _omit, ...env } = botEnv(fake);
		const r = await runScript('dist/src/discord/deploy.js', env);
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('DISCORD_CLIENT_ID');
	});
});

describe('the bot against a fake Discord', () => {
	it('logs in with the Guilds intent only', () => {
		expect(fake.identifies).toBe(1);
		expect(fake.intents).toBe(1);
	});

	it('answers /ask in the message text: numbered block quotes of the source, verbatim, each with a masked link to the quote', async () => {
		const a = await ask('Who leads the Turkish delegation to Armenia?');
		expect(a).toMatchObject({ via: 'callback', type: 4 });
		expect(a.data.flags ?? 0).toBe(0);
		expectWithinDiscordLimits(a.data);
		expect(a.data.embeds ?? []).toEqual([]);
		const shown = shownResults(a.data.content ?? '');
		expect(shown.map((s) => s.n)).toEqual([1, 2, 3]);
		const text = readFileSync(join(dataDir, 'turkiye-today-2025-09-07.txt'), 'utf8');
		for (const s of shown) {
			expect(s.link).toMatch(/^https:\/\/www\.turkiyetoday\.com\/.*#:~:text=/);
			expect(text).toContain(unescapeMarkdown(s.quote).replace(/^…|…$/g, '').trim());
		}
		expect(unescapeMarkdown(shown[0]!.quote)).toContain('Serdar Kilic');
		expect(a.ms).toBeLessThan(MAX_INTERACTION_RESPONSE_MS);
	});

	it('never pings: @everyone and <@123> in a question are escaped and no mention is parsed', async () => {
		const a = await ask('Did @everyone and <@123> see the Turkish delegation to Armenia?');
		expect(a.data.allowed_mentions).toEqual({ parse: [] });
		expect(a.data.content).not.toContain('@everyone');
		expect(a.data.content).not.toMatch(/(?<!\\)<@123>/);
	});

	it('says the sources do not say when the corpus does not answer', async () => {
		const a = await ask('Who won the 1998 football world cup final?');
		expect(a.data.content).toMatch(/sources don't say/);
		expect(a.data.embeds ?? []).toHaveLength(0);
	});

	it('autocompletes /source ids within Discord’s limits on choices and their length', async () => {
		const empty = await fake.interact(
			fake.command(
				someone(),
				'source',
				[{ name: 'id', type: ApplicationCommandOptionType.String, value: '', focused: true }],
				4,
			),
		);
		expect(empty).toMatchObject({ via: 'callback', type: 8 });
		expect(empty.data.choices?.length).toBeGreaterThan(0);
		expect(empty.data.choices?.length).toBeLessThanOrEqual(MAX_CHOICES);
		for (const c of empty.data.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
		const typed = await fake.interact(
			fake.command(
				someone(),
				'source',
				[{ name: 'id', type: ApplicationCommandOptionType.String, value: 'asbarez', focused: true }],
				4,
			),
		);
		expect(typed.data.choices?.map((c) => c.value)).toEqual(['asbarez-2024-05-13']);
	});

	it('pages /source with Next and Previous buttons whose ids carry the page', async () => {
		const id = 'war-on-the-rocks-2024-12-05';
		const page1 = await fake.interact(
			fake.command(someone(), 'source', [{ name: 'id', type: ApplicationCommandOptionType.String, value: id }]),
		);
		expectWithinDiscordLimits(page1.data);
		expect(page1.data.content).toContain('page 1 of');
		expect(buttonLabeled(page1.data, 'Previous')?.disabled).toBe(true);
		const next = buttonLabeled(page1.data, 'Next');
		// The page and the source in the id, then the tag that shows the bot made it (see custom-ids.ts).
		expect(next?.custom_id).toMatch(new RegExp(`^source:page:${id}:2\\|[\\w-]{16}$`));
		const page2 = await fake.interact(fake.click(someone(), next!.custom_id, page1.data));
		expect(page2).toMatchObject({ via: 'callback', type: 7 });
		expect(page2.data.content).toContain('page 2 of');
		expect(page2.data.embeds?.[0]?.description).not.toBe(page1.data.embeds?.[0]?.description);
		const back = await fake.interact(
			fake.click(someone(), buttonLabeled(page2.data, 'Previous')!.custom_id, page2.data),
		);
		expect(back.data.content).toContain('page 1 of');
		expect(back.data.embeds?.[0]?.description).toBe(page1.data.embeds?.[0]?.description);
	});

	it('offers "n in context" only for a quote cut from its paragraph, and shows the paragraphs around it privately', async () => {
		const a = await ask('Who leads the Turkish delegation to Armenia?');
		const shown = shownResults(a.data.content ?? '');
		const text = readFileSync(join(dataDir, 'turkiye-today-2025-09-07.txt'), 'utf8').split('\n');
		const whole = shown.map((s) => text.includes(unescapeMarkdown(s.quote)));
		// The default corpus answers this with a whole paragraph and a cut one: both cases are seen.
		expect(whole).toContain(true);
		expect(whole).toContain(false);
		const labels = buttons(a.data).map((b) => b.label);
		expect(labels).toEqual([...shown.filter((_, i) => !whole[i]).map((s) => `${s.n} in context`), 'More']);
		expect(a.data.components).toHaveLength(1);
		const n = shown.findIndex((_, i) => !whole[i]);
		const context = await fake.interact(
			fake.click(someone(), buttonLabeled(a.data, `${n + 1} in context`)!.custom_id, a.data),
		);
		expect(context).toMatchObject({ via: 'callback', type: 4 });
		expect(context.data.flags).toBe(MessageFlags.Ephemeral);
		expectWithinDiscordLimits(context.data);
		expect(context.data.content).toContain(`**${shown[n]!.quote.replace(/^…|…$/g, '').trim()}`);
		expect(context.data.content).toMatch(/with the paragraphs? (before|after)/);
	});

	it('pages the asker’s own answer in place with More and Back', async () => {
		const asker = someone();
		const a = await ask('Who leads the Turkish delegation to Armenia?', asker);
		const more = buttonLabeled(a.data, 'More');
		expect(more?.custom_id).toMatch(/^ask:more:3:/);
		const page2 = await fake.interact(fake.click(asker, more!.custom_id, a.data));
		expect(page2).toMatchObject({ via: 'callback', type: 7 });
		expect(page2.data.content).toMatch(/^\*\*Passages 4–6\*\* .*ranked below the first 3/);
		expect(shownResults(page2.data.content ?? '').map((s) => s.n)).toEqual([4, 5, 6]);
		expect(buttonLabeled(page2.data, 'Back')?.custom_id).toMatch(/^ask:more:0:/);
		const back = await fake.interact(fake.click(asker, buttonLabeled(page2.data, 'Back')!.custom_id, page2.data));
		expect(back).toMatchObject({ via: 'callback', type: 7 });
		expect(back.data.content).toBe(a.data.content);
	});

	it('gives anyone else who clicks More a private copy of the next page, leaving the asker’s message as it was', async () => {
		const asker = someone();
		const a = await ask('Who leads the Turkish delegation to Armenia?', asker);
		const other = someone();
		const click = fake.click(other, buttonLabeled(a.data, 'More')!.custom_id, a.data, GUILD_ID, asker);
		const copy = await fake.interact(click);
		expect(copy).toMatchObject({ via: 'callback', type: 4 });
		expect(copy.data.flags).toBe(MessageFlags.Ephemeral);
		expect(copy.data.allowed_mentions).toEqual({ parse: [] });
		expect(copy.data.content).toMatch(/^\*\*Passages 4–6\*\*/);
		// Nothing edited or updated the asker's message: the click's only answer is the new private one.
		const sent = fake.answersTo(String(click.id));
		expect(sent.map((x) => [x.via, x.type])).toEqual([['callback', 4]]);
	});

	it('keeps a long question in a "More" button by a short id, within Discord’s custom id length', async () => {
		const question = `Who leads the Turkish delegation to Armenia, and when will the delegation travel to the border with Armenia?`;
		const a = await ask(question);
		const more = buttonLabeled(a.data, 'More');
		expect(more?.custom_id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
		const page2 = await fake.interact(fake.click(someone(), more!.custom_id, a.data));
		expect(page2.data.content).toMatch(/^\*\*Passages 4–/);
	});

	it('answers /timeline and pages it with the buttons its reply carries', async (ctx) => {
		if (!commandNames.includes('timeline')) ctx.skip();
		const first = await fake.interact(
			fake.command(someone(), 'timeline', [
				{ name: 'topic', type: ApplicationCommandOptionType.String, value: 'border' },
			]),
		);
		expect(first).toMatchObject({ via: 'callback', type: 4 });
		expectWithinDiscordLimits(first.data);
		expect(first.data.content).toMatch(/\]\(<https:\/\/[^>]*#:~:text=/);
		const older = buttons(first.data).find((b) => b.custom_id.startsWith('timeline:page:2'));
		expect(older).toBeDefined();
		const second = await fake.interact(fake.click(someone(), older!.custom_id, first.data));
		expect(second).toMatchObject({ via: 'callback', type: 7 });
		expectWithinDiscordLimits(second.data);
		expect(second.data.content).not.toBe(first.data.content);
	});

	it('says a button from before a restart has expired, ephemerally', async () => {
		const a = await fake.interact(fake.click(someone(), '~forgottenhash0000000000', { content: 'old' }));
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/expired/);
	});

	it('shows a paragraph too long for one message cut at its end, marked with "…", within every limit', async () => {
		// One paragraph, as meant: over the cap it would be served cut in two.
		expect(longParagraph.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
		// An "ask:full" button from before "in context" still works, without a quote to mark.
		const a = await fake.interact(fake.click(someone(), signed(`ask:full:${LONG_ID}:1`), { content: 'x' }));
		expectWithinDiscordLimits(a.data);
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/> Sentence 1 .*…\n-# paragraph 2/);
		expect(a.data.content).toContain('> A short opening paragraph.');
		expect(JSON.stringify(a.data)).not.toMatch(/(?<!\\)<@123>|@everyone/);
	});

	it('answers an unknown source id with an ephemeral error that says what to do', async () => {
		const a = await fake.interact(
			fake.command(someone(), 'source', [
				{ name: 'id', type: ApplicationCommandOptionType.String, value: 'asbarez-2024' },
			]),
		);
		expect(a).toMatchObject({ via: 'callback', type: 4 });
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/no source with the id/);
		expect(a.data.content).toContain('asbarez-2024-05-13');
	});

	it('answers invalid options with an ephemeral error and the usage', async () => {
		const a = await fake.interact(
			fake.command(someone(), 'ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: '   ' }]),
		);
		expect(a.data.flags).toBe(MessageFlags.Ephemeral);
		expect(a.data.content).toMatch(/Usage: `\/ask question:…`/);
	});

	it('resumes after the gateway closes with a resumable code, and answers again', async () => {
		fake.disconnect(4000);
		await fake.until(() => fake.resumes === 1, 15_000, 'RESUME');
		await bot.waitForLine((l) => logMessage(l) === 'shard resumed');
		expect(fake.identifies).toBe(1);
		const a = await ask('Who leads the Turkish delegation to Armenia?');
		expect(a.data.content).toContain('Serdar Kilic');
	});

	it('logs a failed answer without the interaction token, which would let anyone answer for the bot', async () => {
		const interaction = fake.command(someone(), 'ask', [
			{ name: 'question', type: ApplicationCommandOptionType.String, value: 'Who is Philip Gamaghelyan?' },
		]);
		await fake.dispatchExpired(interaction);
		const failed = await bot.waitForLine((l) => logMessage(l) === 'interaction failed');
		await bot.waitForLine((l) => logMessage(l) === 'could not report the failure');
		expect(failed).toContain('Unknown interaction');
		expect(failed).toContain('/interactions/');
		for (const line of bot.lines) expect(line).not.toContain(String(interaction.token));
	});

	it('uses only routes the fake implements', () => {
		expect(fake.unknownRoutes).toEqual([]);
	});

	it('exits 0 on SIGTERM, and the token appears in none of its output', async () => {
		expect(await bot.stop('SIGTERM')).toBe(0);
		expect(bot.lines.length).toBeGreaterThan(5);
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN);
		for (const line of bot.lines) expect(line).not.toContain(FAKE_TOKEN.split('.')[2]);
	});
});
