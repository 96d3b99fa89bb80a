import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonKey, createIdStore } from '../../src/discord/custom-ids.js';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import {
	DM,
	FAKE_TOKEN,
	GUILD_B_ID,
	GUILD_ID,
	type Answer,
	type CommandOption,
	type FakeDiscord,
	type User,
	type Where,
} from '../helpers/fake-discord.js';
import { logMessage, startBotWithFake, type BotProcess } from '../helpers/fake-discord-bot.js';
import { copyDataDir, removeDataDir, snapshot, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

// Two servers, A (the fake's test guild) and B, and DMs, against the real bot: what a server's
// manager adds is read in that server only, whichever way it is reached (command, button,
// autocomplete), and changed by that server's managers only; the owner's goes to the shared library.

const A = GUILD_ID;
const B = GUILD_B_ID;
/** Sources one server's library may hold here: a second ingest in a server is refused. */
const GUILD_MAX_SOURCES = 1;

const user = (n: number, name: string): User => ({
	id: String(1_300_000_000_000_300_000n + BigInt(n)),
	username: name,
});
const owner = user(1, 'owner');
const managerA = user(2, 'managerA');
const memberA = user(3, 'memberA');
const managerB = user(4, 'managerB');
const memberB = user(5, 'memberB');
const dmUser = user(6, 'dmUser');
/** Who has Manage Server where. */
const managers = new Set([`${owner.id}@${A}`, `${managerA.id}@${A}`, `${managerB.id}@${B}`]);

const { String: STRING, Subcommand: SUBCOMMAND } = ApplicationCommandOptionType;
const signed = (id: string) => createIdStore(buttonKey(FAKE_TOKEN)).seal(id);

let fake: FakeDiscord;
let bot: BotProcess;
let close: () => Promise<void>;
let site: FixtureSite;
let dataDir: string;

beforeAll(async () => {
	site = await startFixtureSite();
	dataDir = copyDataDir(DEFAULT_DATA);
	({ fake, bot, close } = await startBotWithFake({
		INDEX_DATA_DIR: dataDir,
		ALLOW_PRIVATE_HOSTS: 'true',
		FETCH_PORTS: String(site.port),
		OWNER_IDS: owner.id,
		GUILD_MAX_SOURCES: String(GUILD_MAX_SOURCES),
		// Each command here is one user's; the defaults would slow down the many of one test.
		COOLDOWN_PER_10S: '100',
		AUTOCOMPLETE_PER_10S: '100',
	}));
});

afterAll(async () => {
	await (close as (() => Promise<void>) | undefined)?.();
	await (site as FixtureSite | undefined)?.close();
	if ((dataDir as string | undefined) !== undefined) removeDataDir(dataDir);
});

/** An interaction from `who` in `where`, with Manage Server if they manage that server. */
function from(who: User, where: Where, interaction: Record<string, unknown>): Record<string, unknown> {
	const member = interaction.member as { permissions: string } | undefined;
	if (member !== undefined && managers.has(`${who.id}@${where}`))
		member.permissions = String(BigInt(member.permissions) | PermissionFlagsBits.ManageGuild);
	return interaction;
}

/** Sends an interaction and checks that nothing the bot sent for it may ping anyone. */
async function send(interaction: Record<string, unknown>): Promise<Answer> {
	const answer = await fake.interact(interaction, 15_000);
	for (const a of fake.answersTo(String(interaction.id))) {
		if (a.via === 'delete' || a.type === 5 || a.type === 6 || a.type === 8) continue;
		expect(a.data.allowed_mentions).toEqual({ parse: [] });
	}
	return answer;
}

const command = (who: User, where: Where, name: string, options: CommandOption[] = []) =>
	send(from(who, where, fake.command(who, name, options, 2, where)));
const ask = (who: User, where: Where, question: string) =>
	command(who, where, 'ask', [{ name: 'question', type: STRING, value: question }]);
const ingest = (who: User, where: Where, url: string, library?: 'server' | 'shared') =>
	command(who, where, 'ingest', [
		{ name: 'url', type: STRING, value: url },
		...(library === undefined ? [] : [{ name: 'library', type: STRING, value: library }]),
	]);
const remove = (who: User, where: Where, id: string) =>
	command(who, where, 'remove', [{ name: 'id', type: STRING, value: id }]);
const feed = (who: User, where: Where, sub: 'add' | 'remove' | 'list', url?: string) =>
	command(who, where, 'feed', [
		{ name: sub, type: SUBCOMMAND, options: url === undefined ? [] : [{ name: 'url', type: STRING, value: url }] },
	]);
const click = (who: User, where: Where, id: string) =>
	send(from(who, where, fake.click(who, signed(id), { content: 'x' }, where)));
async function autocomplete(who: User, where: Where, name: string, typed: string): Promise<string[]> {
	const a = await send(
		from(who, where, fake.command(who, name, [{ name: 'id', type: STRING, value: typed, focused: true }], 4, where)),
	);
	expect(a).toMatchObject({ via: 'callback', type: 8 });
	return (a.data.choices ?? []).map((c) => c.value);
}

/** Everything a reply shows: text, embeds, buttons. */
const shown = (a: Answer) => JSON.stringify(a.data);
const ephemeral = (a: Answer) => ((a.data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
/** The first source id a reply names in a code span. */
const idIn = (a: Answer) => /`([^`]+)`/.exec(a.data.content ?? '')?.[1] ?? '';

/** The glacier article, in neither the default corpus nor the fixture feed: A's manager adds it to A. */
const GLACIER = '/feed/glacier.html';
const GLACIER_QUESTION = 'Which river does the meltwater from the Aragats glacier feed?';
const GLACIER_WORDS = 'Kasakh river';
/** The storks article: the owner adds it to the shared library. */
const STORKS = '/feed/storks.html';
const STORKS_QUESTION = 'How many occupied stork nests did the volunteers count on the Ararat plain?';
const STORKS_WORDS = 'Volunteers counted 412 occupied nests';

let glacierId: string;
let glacierUrl: string;

/** Whether a reply shows the glacier source in any way: its id, its link, or its words. */
const showsGlacier = (a: Answer) =>
	shown(a).includes(glacierId) || shown(a).includes(glacierUrl) || shown(a).includes(GLACIER_WORDS);

describe('a server’s library', () => {
	it('takes what a manager of A ingests into A’s library', async () => {
		const a = await ingest(managerA, A, `${site.base}${GLACIER}`);
		expect(a.data.content).toMatch(/^Added `[^`]+`: .* to this server’s library, 3 paragraphs/);
		expect(ephemeral(a)).toBe(true);
		glacierId = idIn(a);
		glacierUrl = `${site.base}${GLACIER}`;
		expect(glacierId).not.toBe('');
	});

	it('quotes it in A', async () => {
		const a = await ask(memberA, A, GLACIER_QUESTION);
		expect(shown(a)).toContain(GLACIER_WORDS);
		expect(shown(a)).toContain(glacierUrl);
	});

	it('does not quote it in B nor in a DM', async () => {
		for (const where of [B, DM]) {
			const a = await ask(where === B ? memberB : dmUser, where, GLACIER_QUESTION);
			expect(showsGlacier(a)).toBe(false);
		}
	});

	it('lists it first in A’s /sources, added by its manager; not in B’s nor a DM’s', async () => {
		const a = await command(memberA, A, 'sources');
		const lines = (a.data.content ?? '').split('\n');
		expect(lines[0]).toMatch(/1 in this server’s library/);
		expect(lines[1]).toContain(`\`${glacierId}\``);
		expect(lines[1]).toContain(`added by <@${managerA.id}>`);
		for (const where of [B, DM]) {
			const other = await command(where === B ? memberB : dmUser, where, 'sources');
			expect(shown(other)).not.toContain(glacierId);
		}
		const b = await command(memberB, B, 'sources');
		expect(b.data.content).toMatch(/0 in this server’s library/);
	});

	it('says in B there is no such source, and suggests it in A only', async () => {
		const a = await command(memberB, B, 'source', [{ name: 'id', type: STRING, value: glacierId }]);
		expect(a.data.content).toMatch(/^There is no source with the id/);
		expect(a.data.embeds ?? []).toEqual([]);
		expect(shown(a)).not.toContain(GLACIER_WORDS);
		// Nor in the list, nor as what a near miss of its id might have meant.
		const list = await command(memberB, B, 'source', [{ name: 'id', type: STRING, value: 'list' }]);
		expect(list.data.content).toMatch(/^\*\*\d+ sources\*\*/);
		expect(shown(list)).not.toContain(glacierId);
		const typo = `${glacierId.slice(0, -1)}x`;
		const nearA = await command(memberA, A, 'source', [{ name: 'id', type: STRING, value: typo }]);
		expect(nearA.data.content).toContain(`Did you mean \`${glacierId}\``);
		const nearB = await command(memberB, B, 'source', [{ name: 'id', type: STRING, value: typo }]);
		expect(shown(nearB)).not.toContain(glacierId);
		expect(await autocomplete(memberA, A, 'source', 'aragats')).toContain(glacierId);
		for (const typed of ['', 'aragats', glacierId]) {
			expect(await autocomplete(memberB, B, 'source', typed)).not.toContain(glacierId);
			expect(await autocomplete(managerB, B, 'remove', typed)).not.toContain(glacierId);
			expect(await autocomplete(dmUser, DM, 'source', typed)).not.toContain(glacierId);
		}
		expect(await autocomplete(managerA, A, 'remove', 'aragats')).toEqual([glacierId]);
	});

	it('never names it in B’s timeline, with or without a topic', async () => {
		for (const topic of [undefined, 'glacier', 'Aragats glacier area', 'weather station']) {
			const options = topic === undefined ? [] : [{ name: 'topic', type: STRING, value: topic }];
			const b = await command(memberB, B, 'timeline', options);
			expect(showsGlacier(b)).toBe(false);
		}
		const a = await command(memberA, A, 'timeline', [{ name: 'topic', type: STRING, value: 'glacier' }]);
		expect(shown(a)).toContain(glacierUrl);
	});

	it('does not reveal it to buttons crafted in B or a DM, though they are signed', async () => {
		const ids = [
			`ask:more:0:${GLACIER_QUESTION}`,
			`source:page:${glacierId}:1`,
			`ask:full:${glacierId}:0`,
			`sources:page:1`,
			`timeline:page:1:topic=glacier`,
		];
		for (const [id, where] of ids.flatMap((id) => [[id, B] as const, [id, DM] as const])) {
			const b = await click(where === B ? memberB : dmUser, where, id);
			if (id.includes(glacierId)) {
				// The id echoes what was clicked; nothing of the source comes with it.
				expect(b.data.content).toMatch(/^(There is no source with the id|That paragraph is no longer in the sources)/);
				expect(shown(b)).not.toContain(glacierUrl);
				expect(shown(b)).not.toContain(GLACIER_WORDS);
			} else expect(showsGlacier(b)).toBe(false);
		}
		// The same buttons in A show it: the view, not the id, is what keeps it from B.
		expect(showsGlacier(await click(memberA, A, `source:page:${glacierId}:1`))).toBe(true);
		expect(showsGlacier(await click(memberA, A, `ask:more:0:${GLACIER_QUESTION}`))).toBe(true);
	});
});

describe('who may change a library', () => {
	it('refuses /ingest and /remove to a member of A without Manage Server, changing nothing', async () => {
		const before = snapshot(dataDir);
		const fetched = site.requests.length;
		for (const a of [await ingest(memberA, A, `${site.base}/feed/storks.html`), await remove(memberA, A, glacierId)]) {
			expect(ephemeral(a)).toBe(true);
			expect(a.data.content).toMatch(/needs the Manage Server permission in this server; nothing was done/);
		}
		expect(site.requests.length).toBe(fetched);
		expect(snapshot(dataDir)).toEqual(before);
	});

	it('refuses /ingest in a DM, where no one manages a server, changing nothing', async () => {
		const before = snapshot(dataDir);
		const fetched = site.requests.length;
		for (const who of [owner, dmUser]) {
			const a = await ingest(who, DM, `${site.base}/feed/storks.html`);
			expect(ephemeral(a)).toBe(true);
			expect(a.data.content).toMatch(/^\/ingest works only in a server/);
		}
		expect(site.requests.length).toBe(fetched);
		expect(snapshot(dataDir)).toEqual(before);
	});

	it('refuses B’s manager the removal of A’s source, changing nothing', async () => {
		const before = snapshot(dataDir);
		const a = await remove(managerB, B, glacierId);
		expect(ephemeral(a)).toBe(true);
		expect(a.data.content).toMatch(/^There is no source `[^`]+` in this server’s library/);
		expect(snapshot(dataDir)).toEqual(before);
		expect(showsGlacier(await ask(memberA, A, GLACIER_QUESTION))).toBe(true);
	});

	it('refuses a manager who is no owner the shared library, changing nothing', async () => {
		const before = snapshot(dataDir);
		const fetched = site.requests.length;
		const a = await ingest(managerA, A, `${site.base}${STORKS}`, 'shared');
		expect(ephemeral(a)).toBe(true);
		expect(a.data.content).toMatch(/Only the bot’s owners can add to the shared library/);
		expect(site.requests.length).toBe(fetched);
		expect(snapshot(dataDir)).toEqual(before);
	});

	it('puts the owner’s /ingest in the shared library, quoted in B and in DMs too', async () => {
		expect(shown(await ask(memberB, B, STORKS_QUESTION))).not.toContain(STORKS_WORDS);
		const a = await ingest(owner, A, `${site.base}${STORKS}`);
		expect(a.data.content).toMatch(/^Added `[^`]+`: .* to the shared library/);
		const storksId = idIn(a);
		for (const where of [A, B, DM]) {
			const answer = await ask(where === A ? memberA : where === B ? memberB : dmUser, where, STORKS_QUESTION);
			expect(shown(answer)).toContain(STORKS_WORDS);
			// Its quotes link to it.
			expect(answer.data.content).toContain(`](<${site.base}/`);
		}
		// B's manager cannot take a shared source out.
		const before = snapshot(dataDir);
		const refused = await remove(managerB, B, storksId);
		expect(refused.data.content).toMatch(/is in the shared library, which only the bot’s owners can change/);
		expect(snapshot(dataDir)).toEqual(before);
		// The owner can, from a server they manage: gone from B's answers at once.
		const removed = await remove(owner, A, storksId);
		expect(removed.data.content).toMatch(new RegExp(`^Removed \`${storksId}\`: .* from the shared library`));
		expect(shown(await ask(memberB, B, STORKS_QUESTION))).not.toContain(STORKS_WORDS);
	});

	it('removes A’s source for A’s manager: the running bot stops quoting it at once', async () => {
		const a = await remove(managerA, A, glacierId);
		expect(ephemeral(a)).toBe(true);
		expect(a.data.content).toMatch(new RegExp(`^Removed \`${glacierId}\`: .* from this server’s library`));
		const after = await ask(memberA, A, GLACIER_QUESTION);
		expect(showsGlacier(after)).toBe(false);
		expect(await autocomplete(memberA, A, 'source', 'aragats')).not.toContain(glacierId);
	});

	it('updates a page that changed since it was ingested', async () => {
		const url = `${site.base}/changing.html`;
		const first = await ingest(managerA, A, url);
		expect(first.data.content).toMatch(/^Added `[^`]+`: .* to this server’s library/);
		const again = await ingest(managerA, A, url);
		expect(again.data.content).toMatch(/^Updated `[^`]+`: .*the article changed since it was added/);
		expect(idIn(again)).toBe(idIn(first));
		const quoted = await ask(memberA, A, 'Which revision of the hydrologists’ daily report measured the lake?');
		expect(shown(quoted)).toContain('revision 2 of the hydrologists');
		expect(shown(quoted)).not.toContain('revision 1 of the hydrologists');
	});

	it(`refuses a server more than GUILD_MAX_SOURCES (${GUILD_MAX_SOURCES}) sources, ephemerally`, async () => {
		// The page A has is not B's: B gets its own copy.
		const first = await ingest(managerB, B, `${site.base}/changing.html`);
		expect(first.data.content).toMatch(/^Added `[^`]+`: .* to this server’s library/);
		const before = snapshot(dataDir);
		// Not the shared library nor A's: B's own count is what is full.
		const second = await ingest(managerB, B, `${site.base}${GLACIER}`);
		expect(ephemeral(second)).toBe(true);
		expect(second.data.content).toMatch(/there is no room for it/);
		expect(snapshot(dataDir)).toEqual(before);
	});
});

describe('a server’s feeds', () => {
	it('follows a feed for A, listed in A and not in B', async () => {
		const rss = `${site.base}/rss.xml`;
		const added = await feed(managerA, A, 'add', rss);
		expect(ephemeral(added)).toBe(true);
		expect(added.data.content).toMatch(new RegExp(`^Following <${rss}>: its new articles join this server’s library`));
		const listA = await feed(managerA, A, 'list');
		expect(listA.data.content).toMatch(/^\*\*1 feeds\*\* followed by this server’s library/);
		expect(listA.data.content).toContain(`<${rss}>`);
		const listB = await feed(managerB, B, 'list');
		expect(listB.data.content).toMatch(/^This server’s library follows no feed/);
		expect(shown(listB)).not.toContain(rss);
		// A's feed is not B's: B cannot stop it, and following it is B's own.
		const removeB = await feed(managerB, B, 'remove', rss);
		expect(removeB.data.content).toMatch(/^This server’s library does not follow/);
		expect((await feed(managerA, A, 'list')).data.content).toContain(`<${rss}>`);
		const addB = await feed(managerB, B, 'add', rss);
		expect(addB.data.content).toMatch(/^Following </);
	});
});

describe('the run', () => {
	it('answered every interaction without failing, on routes the fake knows', () => {
		expect(bot.lines.filter((l) => logMessage(l) === 'interaction failed')).toEqual([]);
		expect(fake.unknownRoutes).toEqual([]);
	});
});
