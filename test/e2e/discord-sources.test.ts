import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOM_ID, MAX_MESSAGE_LENGTH } from '../../src/core/render/discord-limits.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { GUILD_ID, startFakeDiscord, type FakeDiscord, type MessageBody } from '../helpers/fake-discord.js';
import { assertBuilt, botEnv, logMessage, startBotProcess, type BotProcess } from '../helpers/fake-discord-bot.js';

const STRING = ApplicationCommandOptionType.String;

// A new user per request: the per-user cooldown is tested in discord-load.
let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_300_000n + BigInt(++users)), username: `user${users}` });

/** Words no other title holds, so two of them find exactly one source. */
const WORDS = ['amber', 'basalt', 'cobalt', 'dune', 'ember', 'fjord', 'garnet', 'heron', 'indigo', 'jasper', 'kelp'];
const MORE_WORDS = ['lagoon', 'marsh', 'north', 'ochre', 'pine'];
const ADDED = 55;

/** The default corpus (5 sources) and 55 more written into its catalog: 60 in all. */
function dataDirWith60Sources(): { dir: string; ids: string[] } {
	const dir = mkdtempSync(join(tmpdir(), 'verbatim-sources-'));
	cpSync(DEFAULT_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
	const catalog = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Array<{ id: string }>;
	for (let i = 0; i < ADDED; i++) {
		const id = `harbour-gazette-2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`;
		catalog.push({
			id,
			file: `${id}.txt`,
			title: `Harbour notes ${i}: ${WORDS[i % WORDS.length]!} and ${MORE_WORDS[Math.floor(i / WORDS.length)]!} tides`,
			publisher: 'Harbour Gazette',
			url: `https://news.example/harbour/${i}`,
			published: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
			authors: [],
		} as { id: string });
		writeFileSync(join(dir, `${id}.txt`), `Harbour note ${i}: the tide came in at dawn.\n`);
	}
	writeFileSync(join(dir, 'sources.json'), JSON.stringify(catalog));
	return { dir, ids: catalog.map((s) => s.id) };
}

const buttons = (m: MessageBody) => (m.components ?? []).flatMap((row) => row.components);
const listedIds = (m: MessageBody) => [...(m.content ?? '').matchAll(/ · `([^`]+)`$/gm)].map((x) => x[1]!);

let fake: FakeDiscord;
let bot: BotProcess;
let data: { dir: string; ids: string[] };

beforeAll(async () => {
	assertBuilt();
	data = dataDirWith60Sources();
	fake = await startFakeDiscord();
	bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: data.dir, DISCORD_GUILD_ID: GUILD_ID }));
	await bot.waitForLine((l) => logMessage(l) === 'ready', 20_000);
});

afterAll(async () => {
	// Each is still unset if beforeAll failed before starting it.
	await (bot as BotProcess | undefined)?.stop('SIGKILL');
	await (fake as FakeDiscord | undefined)?.close();
	if ((data as typeof data | undefined) !== undefined) rmSync(data.dir, { recursive: true, force: true });
});

describe('/source id:list with 60 sources', () => {
	it('pages with Next through every source, each once, newest first, every page one message', async () => {
		expect(data.ids).toHaveLength(60);
		let page = await fake.interact(fake.command(someone(), 'source', [{ name: 'id', type: STRING, value: 'list' }]));
		expect(page.data.content).toMatch(/^\*\*60 sources\*\*, newest first:\n/);
		const seen: string[] = [];
		const dates: string[] = [];
		for (let n = 1; ; n++) {
			expect(page.data.content).toContain(`page ${n} of 6`);
			expect((page.data.content ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
			for (const b of buttons(page.data)) expect(b.custom_id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
			seen.push(...listedIds(page.data));
			// "Publisher · date · Title · `id`": the date is the second part.
			dates.push(...[...(page.data.content ?? '').matchAll(/^.+? · (\d{4}-\d{2}-\d{2}) · /gm)].map((x) => x[1]!));
			const next = buttons(page.data).find((b) => b.label === 'Next');
			if (next?.disabled !== false) break;
			// The page is in the id, signed: it survives a restart (see custom-ids.ts).
			expect(next.custom_id).toMatch(new RegExp(`^source:page:list:${n + 1}\\|[\\w-]{16}$`));
			page = await fake.interact(fake.click(someone(), next.custom_id, page.data));
			expect(page).toMatchObject({ via: 'callback', type: 7 });
		}
		expect(seen.length).toBe(60);
		expect([...seen].sort()).toEqual([...data.ids].sort());
		// No source here was added through the bot, so newest first is by publication date.
		expect(dates).toEqual([...dates].sort().reverse());
	});
});

describe('/source autocomplete', () => {
	it('finds a source by two words of its title, typed in any order', async () => {
		const typed = async (value: string) => {
			const a = await fake.interact(
				fake.command(someone(), 'source', [{ name: 'id', type: STRING, value, focused: true }], 4),
			);
			return a.data.choices ?? [];
		};
		// "Harbour notes 14: dune and marsh tides": WORDS[14 % 11] and MORE_WORDS[1]; no other title has both.
		const found = await typed('Marsh DÚNE');
		expect(found.map((c) => c.value)).toEqual([data.ids[5 + 14]]);
		expect(found[0]!.name).toBe('Harbour Gazette · 2023-03-15 · Harbour notes 14: dune and marsh tides');
		// Every word must match: one more that no title holds finds nothing.
		expect(await typed('marsh dune volcano')).toEqual([]);
	});
});
