import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EMBED_URL, MAX_MESSAGE_LENGTH } from '../../src/core/render/discord-limits.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import { GUILD_ID, startFakeDiscord, type FakeDiscord, type MessageBody } from '../helpers/fake-discord.js';
import { assertBuilt, botEnv, logMessage, startBotProcess, type BotProcess } from '../helpers/fake-discord-bot.js';

let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_700_000n + BigInt(++users)), username: `tl${users}` });

// The bot reads the clock for "today", so the article's dates are set around this year: last year's
// happened, the one two years on is scheduled, whenever the test runs.
const YEAR = new Date().getUTCFullYear();
const ID = `zeppelin-news-${YEAR}-01-01`;
const PARAGRAPHS = [
	`The zeppelin fair opened on 3 May ${YEAR - 1} and closed on 9 June ${YEAR - 1}.`,
	`A zeppelin landed at the [old] airfield on 1 March ${YEAR - 1}, @everyone watching *in awe*.`,
	`The zeppelin hangar will open in ${YEAR + 2}, the council said.`,
];

function dataDirWithZeppelins(): string {
	const dir = mkdtempSync(join(tmpdir(), 'verbatim-timeline-'));
	cpSync(DEFAULT_DATA, dir, { recursive: true, filter: (src) => !src.includes('.cache') });
	const catalog = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as unknown[];
	catalog.push({
		id: ID,
		file: `${ID}.txt`,
		title: 'Zeppelins return',
		publisher: 'Zeppelin *News*',
		url: 'https://example.com/zeppelins_(2)',
		published: `${YEAR}-01-01`,
		authors: [],
	});
	writeFileSync(join(dir, 'sources.json'), JSON.stringify(catalog));
	writeFileSync(join(dir, `${ID}.txt`), `${PARAGRAPHS.join('\n')}\n`);
	return dir;
}

let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;

beforeAll(async () => {
	assertBuilt();
	dataDir = dataDirWithZeppelins();
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

const timelineCommand = (topic?: string) =>
	fake.command(
		someone(),
		'timeline',
		topic === undefined ? [] : [{ name: 'topic', type: ApplicationCommandOptionType.String, value: topic }],
	);
const timeline = (topic?: string) => fake.interact(timelineCommand(topic));
const lines = (m: MessageBody) => (m.content ?? '').split('\n');
const targets = (m: MessageBody) => [...(m.content ?? '').matchAll(/\]\(<([^>]*)>\)/g)].map((x) => x[1]!);

/** One message of lines: no embed, no mention parsed, within Discord's content and link limits. */
function expectCompactMessage(m: MessageBody): void {
	expect(m.embeds ?? []).toEqual([]);
	expect(m.allowed_mentions).toEqual({ parse: [] });
	expect((m.content ?? '').length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
	for (const t of targets(m)) expect(t.length).toBeLessThanOrEqual(MAX_EMBED_URL);
}

describe('/timeline through the real bot', () => {
	it('sends one message of lines, no embeds: dates in bold, the sentence linked to its passage, the publisher', async () => {
		const interaction = timelineCommand('zeppelin');
		const a = await fake.interact(interaction);
		expect(a).toMatchObject({ via: 'callback', type: 4 });
		expectCompactMessage(a.data);
		// One message: no follow-up carries the rest.
		await new Promise((r) => setTimeout(r, 200));
		expect(fake.answersTo(String(interaction.id))).toHaveLength(1);
		const l = lines(a.data);
		expect(l[0]).toBe('**Timeline** about “zeppelin” · 3 events, newest first, 1 scheduled last');
		// A sentence with two dates: one line, both dates.
		const fair = l.filter((x) => x.includes('zeppelin fair'));
		expect(fair).toEqual([
			`**3 May ${YEAR - 1}, 9 June ${YEAR - 1}** [The zeppelin fair opened on 3 May ${YEAR - 1} and closed on 9 June ${YEAR - 1}.](<https://example.com/zeppelins_%282%29#:~:text=The%20zeppelin%20fair%20opened%20on%203%20May%20${YEAR - 1}%20and%20closed%20on%209%20June%20${YEAR - 1}.>) — Zeppelin \\*News\\*`,
		]);
		// Markdown and mentions in the source show as written, inside the link text.
		const landed = l.find((x) => x.includes('landed'))!;
		expect(landed).toMatch(/^\*\*1 March \d{4}\*\* \[A zeppelin landed at the \\\[old\\\] airfield/);
		expect(landed).toContain('@\u200beveryone watching \\*in awe\\*');
		// What is dated after today comes last, under "Scheduled", below what happened.
		const at = (s: string) => l.findIndex((x) => x.includes(s));
		expect(at('zeppelin fair')).toBeLessThan(at('landed'));
		expect(at('landed')).toBeLessThan(at('**Scheduled**'));
		expect(l[at('**Scheduled**')]).toMatch(/^\*\*Scheduled\*\* · dated after \d{1,2} \w+ \d{4}$/);
		expect(at('**Scheduled**')).toBe(at('hangar') - 1);
		expect(l[at('hangar')]).toMatch(new RegExp(`^\\*\\*${YEAR + 2}\\*\\* \\[The zeppelin hangar`));
		expect(a.data.components ?? []).toEqual([]);
	});

	it('pages the whole timeline with its buttons, each page one message within the limits', async () => {
		const first = await timeline();
		expectCompactMessage(first.data);
		const next = (first.data.components ?? [])
			.flatMap((r) => r.components)
			.find((b) => b.custom_id.startsWith('timeline:page:2'));
		expect(next?.label).toBe('Next ▶');
		const second = await fake.interact(fake.click(someone(), next!.custom_id, first.data));
		expect(second).toMatchObject({ via: 'callback', type: 7 });
		expectCompactMessage(second.data);
		expect(second.data.content).toMatch(/showing \d+–\d+/);
		expect(second.data.content).not.toBe(first.data.content);
	});

	it('says what to try when nothing matches', async () => {
		const a = await timeline('volcano eruption');
		expect(a.data.content).toMatch(
			/^No dated events about “volcano eruption” in the sources\. Try other or fewer words/,
		);
		expect(a.data.allowed_mentions).toEqual({ parse: [] });
	});
});
