import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA } from '../helpers/corpus.js';
import {
	FAKE_TOKEN,
	GUILD_C_ID,
	GUILD_ID,
	startFakeDiscord,
	type FakeDiscord,
	type Where,
} from '../helpers/fake-discord.js';
import {
	assertBuilt,
	botEnv,
	logMessage,
	runScript,
	startBotProcess,
	type BotProcess,
} from '../helpers/fake-discord-bot.js';

// Two servers on different shards of two: the test guild on shard 0, GUILD_C on shard 1.
const GUILDS = [GUILD_ID, GUILD_C_ID];

let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_300_000n + BigInt(++users)), username: `sharded${users}` });

let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
	// SIGTERM: the manager stops its shards before it exits, so no shard process outlives the test.
	await bot?.stop('SIGTERM');
	await fake?.close();
	bot = undefined;
	fake = undefined;
});

/** A fake Discord with the two servers, and the real bot started against it with `extra` in its environment. */
async function start(extra: Record<string, string>): Promise<{ fake: FakeDiscord; bot: BotProcess }> {
	assertBuilt();
	fake = await startFakeDiscord({ guilds: GUILDS });
	bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: DEFAULT_DATA, ...extra }));
	return { fake, bot };
}

/** A pino line's fields, or undefined for a line that is no JSON log. */
const fieldsOf = (line: string): Record<string, unknown> | undefined => {
	try {
		return JSON.parse(line) as Record<string, unknown>;
	} catch {
		return undefined;
	}
};

const ask = (f: FakeDiscord, where: Where, question = 'Who leads the Turkish delegation to Armenia?') => {
	const interaction = f.command(
		someone(),
		'ask',
		[{ name: 'question', type: ApplicationCommandOptionType.String, value: question }],
		2,
		where,
	);
	return { id: String(interaction.id), answer: f.interact(interaction, 15_000) };
};

/** The `answered` log line a shard wrote for an interaction: which shard, and which process. */
const answeredBy = async (b: BotProcess, interactionId: string) =>
	fieldsOf(
		await b.waitForLine((l) => {
			const f = fieldsOf(l);
			return f?.msg === 'answered' && f.interactionId === interactionId;
		}),
	) as { shard: number; pid: number };

/** The process ids in the manager's `shard N spawned pid P` lines, oldest first. */
const spawnedPids = (b: BotProcess, shard: number): number[] =>
	b.lines
		.map(fieldsOf)
		.filter((f) => f?.shard === shard && typeof f.msg === 'string' && f.msg.startsWith(`shard ${shard} spawned pid`))
		.map((f) => Number(f?.childPid));

/** Whether a process runs (signal 0 checks without sending anything). */
const alive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!test()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const metricsOf = async (b: BotProcess): Promise<string> => {
	const listening = fieldsOf(await b.waitForLine((l) => logMessage(l) === 'health server listening')) as {
		port: number;
	};
	return (await fetch(`http://127.0.0.1:${listening.port}/metrics`)).text();
};

describe('SHARDS=2: the real bot as a ShardingManager against a sharded fake Discord', () => {
	it('runs a process per shard, each answering its own servers, and respawns one killed', async () => {
		const { fake: f, bot: b } = await start({ SHARDS: '2', HEALTH_PORT: '0' });
		await b.waitForLine((l) => logMessage(l) === 'all shards ready', 45_000);
		expect([...f.identified].sort((a, b) => a[0] - b[0])).toEqual([
			[0, 2],
			[1, 2],
		]);

		const first = ask(f, GUILD_ID);
		const second = ask(f, GUILD_C_ID);
		for (const a of [await first.answer, await second.answer]) expect(a.data.content).toContain('Serdar Kilic');
		// The fake sends each server's interaction only to the gateway session of its shard, and the shard that
		// wrote the `answered` line (its own process) is that one.
		expect([f.dispatchedTo.get(first.id), f.dispatchedTo.get(second.id)]).toEqual([0, 1]);
		const [by0, by1] = [await answeredBy(b, first.id), await answeredBy(b, second.id)];
		expect([by0.shard, by1.shard]).toEqual([0, 1]);
		expect(by0.pid).toBe(spawnedPids(b, 0)[0]);
		expect(by1.pid).toBe(spawnedPids(b, 1)[0]);

		// The manager serves HEALTH_PORT for both: counters summed over the shards, the corpus counted once.
		const metrics = await metricsOf(b);
		expect(metrics).toMatch(/^verbatim_commands_total\{command="ask",outcome="ok"\} 2$/m);
		expect(metrics).toMatch(/^verbatim_sources_indexed 5$/m);
		expect(metrics).toMatch(/^verbatim_shards_ready 2$/m);

		const killed = spawnedPids(b, 1)[0]!;
		process.kill(killed, 'SIGKILL');
		await until(() => spawnedPids(b, 1).length === 2, 15_000, 'shard 1 respawned');
		await until(
			() => b.lines.filter((l) => logMessage(l) === 'shard 1 ready').length === 2,
			20_000,
			'shard 1 ready again',
		);
		const again = ask(f, GUILD_C_ID);
		expect((await again.answer).data.content).toContain('Serdar Kilic');
		const respawned = spawnedPids(b, 1)[1];
		expect(respawned).not.toBe(killed);
		expect((await answeredBy(b, again.id)).pid).toBe(respawned);
		expect(await metricsOf(b)).toMatch(/^verbatim_shard_restarts_total\{shard="1"\} 1$/m);
		expect(b.lines.join('\n')).not.toContain(FAKE_TOKEN);

		// SIGTERM stops the shards (no respawn) and the manager, which exits 0.
		const shards = [spawnedPids(b, 0)[0]!, respawned!];
		expect(await b.stop('SIGTERM')).toBe(0);
		await until(() => shards.every((pid) => !alive(pid)), 10_000, 'the shards to exit');
	}, 60_000);
});

describe('SHARD_LIST and SHARDS=auto', () => {
	it('SHARD_LIST=1 of SHARDS=2 runs shard 1 only: its server answered, the other left to another machine', async () => {
		const { fake: f, bot: b } = await start({ SHARDS: '2', SHARD_LIST: '1' });
		await b.waitForLine((l) => logMessage(l) === 'all shards ready', 30_000);
		expect(f.identified).toEqual([[1, 2]]);
		expect((await ask(f, GUILD_C_ID).answer).data.content).toContain('Serdar Kilic');
		await expect(ask(f, GUILD_ID).answer).rejects.toThrow(/no gateway connection/);
		expect(spawnedPids(b, 0)).toEqual([]);
		// A manager killed outright takes its shards with it: they see the IPC channel close.
		const shard = spawnedPids(b, 1)[0]!;
		await b.stop('SIGKILL');
		await until(() => !alive(shard), 10_000, 'the orphaned shard to exit');
	}, 40_000);

	it('SHARDS=auto asks DISCORD_API_BASE for the count, with the bot token', async () => {
		assertBuilt();
		fake = await startFakeDiscord({ guilds: GUILDS });
		fake.recommendedShards = 3;
		bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: DEFAULT_DATA, SHARDS: 'auto' }));
		await bot.waitForLine((l) => logMessage(l) === 'starting 3 of 3 shards', 15_000);
		const f = fake;
		await f.until(() => f.identified.length > 0, 15_000, 'the first shard');
		expect(f.identified[0]).toEqual([0, 3]);
		const asked = f.requests.find((r) => r.path === '/gateway/bot');
		expect(asked?.authorization).toBe(`Bot ${FAKE_TOKEN}`);
	}, 40_000);

	it('refuses bad SHARDS or SHARD_LIST in one line, exit 2, naming the variable', async () => {
		fake = await startFakeDiscord();
		for (const [extra, variable] of [
			[{ SHARDS: '2', SHARD_LIST: '2' }, 'SHARD_LIST: shard ids run from 0 to 1; 2'],
			[{ SHARDS: 'auto', SHARD_LIST: '0' }, 'SHARD_LIST: needs SHARDS set to a number'],
			[{ SHARDS: 'many' }, 'SHARDS: '],
			[{ HEALTH_PORT: 'http' }, 'HEALTH_PORT: '],
		] as const) {
			const r = await runScript('dist/src/main.js', botEnv(fake, extra));
			expect(r.code, variable).toBe(2);
			const lines = r.stderr.trim().split('\n');
			expect(lines, variable).toHaveLength(1);
			expect(lines[0], variable).toContain(`error: bad environment: ${variable}`);
			expect(r.stderr).not.toContain(FAKE_TOKEN);
		}
	});
});
