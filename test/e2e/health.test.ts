import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { assertBuilt, botEnv, logMessage, startBotProcess, type BotProcess } from '../helpers/fake-discord-bot.js';
import { cli } from '../helpers/run.js';
import { copyDataDir, removeDataDir, startFixtureSite } from '../fixtures/ingest/server.js';

let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
	await bot?.stop('SIGKILL');
	await fake?.close();
	bot = undefined;
	fake = undefined;
});

let users = 0;
const someone = () => ({ id: String(1_300_000_000_000_400_000n + BigInt(++users)), username: `health${users}` });

/** The port the health server logged it listens on (HEALTH_PORT=0 picks a free one). */
async function healthBase(b: BotProcess): Promise<string> {
	const line = await b.waitForLine((l) => logMessage(l) === 'health server listening');
	return `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
}

const get = async (url: string) => {
	const res = await fetch(url);
	return { status: res.status, text: await res.text() };
};

/** The value of a sample in Prometheus text, or undefined when absent. */
const sample = (text: string, name: string): number | undefined => {
	const line = text.split('\n').find((l) => l.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('HEALTH_PORT with the bot against a fake Discord', () => {
	it('is live at once, ready only once the gateway is, and counts /ask by outcome, abstentions apart', async () => {
		assertBuilt();
		fake = await startFakeDiscord();
		// READY is held back: the bot has its index and a gateway socket, but is not ready yet.
		fake.holdReady = true;
		bot = startBotProcess(botEnv(fake, { INDEX_DATA_DIR: DEFAULT_DATA, HEALTH_PORT: '0' }));
		const base = await healthBase(bot);
		expect((await get(`${base}/healthz`)).status).toBe(200);
		const f = fake;
		await f.until(() => f.identifies === 1, 15_000, 'IDENTIFY');
		const waiting = await get(`${base}/readyz`);
		expect(waiting.status).toBe(503);
		expect(JSON.parse(waiting.text)).toEqual({ status: 'not ready', reason: 'gateway not connected' });

		fake.releaseReady();
		await bot.waitForLine((l) => logMessage(l) === 'ready', 15_000);
		expect(await get(`${base}/readyz`)).toEqual({ status: 200, text: '{"status":"ready"}' });

		const ask = (question: string) =>
			f.interact(
				f.command(someone(), 'ask', [{ name: 'question', type: ApplicationCommandOptionType.String, value: question }]),
			);
		expect((await ask('Who leads the Turkish delegation to Armenia?')).data.content).toContain('Serdar Kilic');
		expect((await ask('Who is Lionel Messi?')).data.content).toMatch(/^The sources don't say/);
		// The reply is sent before the router counts it: wait for its log line, written after.
		const b = bot;
		await f.until(() => b.lines.filter((l) => logMessage(l) === 'answered').length === 2, 5_000, 'both counted');

		const metrics = await get(`${base}/metrics`);
		expect(metrics.status).toBe(200);
		const text = metrics.text;
		expect(sample(text, 'verbatim_commands_total{command="ask",outcome="ok"}')).toBe(1);
		expect(sample(text, 'verbatim_commands_total{command="ask",outcome="abstained"}')).toBe(1);
		expect(sample(text, 'verbatim_abstentions_total{command="ask"}')).toBe(1);
		expect(sample(text, 'verbatim_reply_seconds_count{command="ask"}')).toBe(2);
		expect(sample(text, 'verbatim_sources_indexed')).toBe(5);
		expect(sample(text, 'verbatim_paragraphs_indexed')).toBeGreaterThan(100);
		expect(sample(text, 'verbatim_seconds_since_last_change')).toBeGreaterThanOrEqual(0);
		expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
		for (const body of [text, waiting.text]) expect(body).not.toContain(FAKE_TOKEN);

		// A dropped gateway that resumes is ready again.
		f.disconnect(4000);
		await f.until(() => f.resumes === 1, 15_000, 'RESUME');
		const deadline = Date.now() + 5_000;
		while ((await get(`${base}/readyz`)).status !== 200 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		expect((await get(`${base}/readyz`)).status).toBe(200);
		expect(bot.lines.join('\n')).not.toContain(FAKE_TOKEN);
	}, 40_000);
});

describe('HEALTH_PORT with the console', () => {
	it('is ready once the index is loaded (no gateway), and closes at the end of input; SHARDS is ignored', async () => {
		assertBuilt();
		const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
			cwd: ROOT,
			// SHARDS without a token: the console, saying SHARDS is ignored.
			env: {
				PATH: process.env.PATH ?? '',
				INDEX_DATA_DIR: DEFAULT_DATA,
				HEALTH_PORT: '0',
				SHARDS: '2',
				LOG_LEVEL: 'info',
			},
		});
		let stderr = '';
		let stdout = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		const deadline = Date.now() + 15_000;
		while (!stderr.includes('corpus loaded') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		const port = (
			JSON.parse(stderr.split('\n').find((l) => l.includes('health server listening')) ?? '{}') as {
				port: number;
			}
		).port;
		const ready = async () => (await get(`http://127.0.0.1:${port}/readyz`)).status === 200;
		while (!(await ready()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		expect(await get(`http://127.0.0.1:${port}/readyz`)).toEqual({ status: 200, text: '{"status":"ready"}' });
		child.stdin.end('/ask Who is Lionel Messi?\n');
		// The health server must not keep the console running once its input ends.
		expect(await exited).toBe(0);
		expect(stdout).toMatch(/^The sources don't say/);
		expect(stderr).toContain('SHARDS is ignored without DISCORD_TOKEN: running the console');
	}, 30_000);
});

describe('the metrics follow the live corpus', () => {
	it('count a source another process added, and restart the change clock when it is applied', async () => {
		assertBuilt();
		const site = await startFixtureSite();
		const dir = copyDataDir(DEFAULT_DATA);
		const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', INDEX_DATA_DIR: dir, HEALTH_PORT: '0', LOG_LEVEL: 'info' },
		});
		const closed = new Promise((resolve) => child.on('close', resolve));
		try {
			let stderr = '';
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			const waitFor = async (test: () => boolean | Promise<boolean>, what: string) => {
				const deadline = Date.now() + 15_000;
				while (!(await test())) {
					if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
					await new Promise((r) => setTimeout(r, 100));
				}
			};
			await waitFor(() => stderr.includes('health server listening'), 'the health server');
			const port = (
				JSON.parse(stderr.split('\n').find((l) => l.includes('health server listening'))!) as {
					port: number;
				}
			).port;
			const metrics = async () => (await get(`http://127.0.0.1:${port}/metrics`)).text;
			await waitFor(async () => sample(await metrics(), 'verbatim_sources_indexed') === 5, 'the corpus');
			// Long enough that a clock restarted by the change reads less than the one before it.
			await new Promise((r) => setTimeout(r, 1_500));
			const before = sample(await metrics(), 'verbatim_seconds_since_last_change')!;
			expect(before).toBeGreaterThanOrEqual(1.5);
			const added = await cli(['ingest', `${site.base}/article.html`], {
				env: { INDEX_DATA_DIR: dir, ALLOW_PRIVATE_HOSTS: 'true', FETCH_PORTS: String(site.port) },
			});
			expect(added.code).toBe(0);
			await waitFor(async () => sample(await metrics(), 'verbatim_sources_indexed') === 6, 'the new source');
			expect(sample(await metrics(), 'verbatim_seconds_since_last_change')).toBeLessThan(before);
		} finally {
			child.stdin.end();
			await closed;
			await site.close();
			removeDataDir(dir);
		}
	}, 40_000);
});
