import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './corpus.js';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { runNode, type Run } from './run.js';

/** The real bot (`node dist/src/main.js`) as a child process pointed at a fake Discord. */
export interface BotProcess {
	readonly child: ChildProcessWithoutNullStreams;
	/** Every line the bot wrote, stdout and stderr. */
	readonly lines: string[];
	/** Resolves with the first line (from now on, or already seen) that `test` accepts. */
	waitForLine(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
	/** Sends `signal` and resolves with the exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function assertBuilt(): void {
	for (const file of ['dist/src/main.js', 'dist/src/discord/bot.js', 'dist/src/discord/deploy.js']) {
		if (!existsSync(join(ROOT, file)))
			throw new Error(`${file} is missing: run \`npm run build\` before the e2e tests`);
	}
}

/** The environment the bot and the deploy script get: nothing of the test runner's beyond PATH and HOME. */
export function botEnv(fake: FakeDiscord, extra: Record<string, string> = {}): Record<string, string> {
	return {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		DISCORD_TOKEN: FAKE_TOKEN,
		DISCORD_CLIENT_ID: APP_ID,
		DISCORD_API_BASE: fake.apiBase,
		LOG_LEVEL: 'info',
		...extra,
	};
}

/** Runs a built script (the bot, deploy) to its end with exactly the environment given. */
export function runScript(script: string, env: Record<string, string>): Promise<Run> {
	return runNode(script, [], { env });
}

export function startBotProcess(env: Record<string, string>): BotProcess {
	assertBuilt();
	const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { cwd: ROOT, env });
	const lines: string[] = [];
	const listeners = new Set<(line: string) => void>();
	const collect = (stream: NodeJS.ReadableStream) => {
		let buffered = '';
		stream.on('data', (d: Buffer) => {
			buffered += d.toString();
			const parts = buffered.split('\n');
			buffered = parts.pop() ?? '';
			for (const line of parts) {
				lines.push(line);
				for (const l of listeners) l(line);
			}
		});
	};
	collect(child.stdout);
	collect(child.stderr);
	child.stdin.end();
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		child,
		lines,
		waitForLine(test, timeoutMs = 10_000) {
			const seen = lines.find(test);
			if (seen !== undefined) return Promise.resolve(seen);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					listeners.delete(listener);
					reject(
						new Error(`bot: no matching line within ${timeoutMs} ms; last lines:\n${lines.slice(-10).join('\n')}`),
					);
				}, timeoutMs);
				const listener = (line: string) => {
					if (!test(line)) return;
					clearTimeout(timer);
					listeners.delete(listener);
					resolve(line);
				};
				listeners.add(listener);
				void exited.then((code) => {
					if (!listeners.has(listener)) return;
					clearTimeout(timer);
					listeners.delete(listener);
					reject(
						new Error(`bot exited with ${code} before the line came; last lines:\n${lines.slice(-10).join('\n')}`),
					);
				});
			});
		},
		async stop(signal = 'SIGTERM') {
			if (child.exitCode !== null) return child.exitCode;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};
}

/** A pino line's message, or undefined for a line that is no JSON log. */
export function logMessage(line: string): string | undefined {
	try {
		return (JSON.parse(line) as { msg?: string }).msg;
	} catch {
		return undefined;
	}
}

/** A fake Discord and the real bot logged in to it, ready; `close` kills the bot and stops the fake. */
export async function startBotWithFake(
	extra: Record<string, string> = {},
): Promise<{ fake: FakeDiscord; bot: BotProcess; close: () => Promise<void> }> {
	assertBuilt();
	const fake = await startFakeDiscord();
	const bot = startBotProcess(botEnv(fake, extra));
	try {
		await bot.waitForLine((l) => logMessage(l) === 'ready', 15_000);
	} catch (error) {
		// Nothing left running: the bench calls this outside a test runner that would end the process.
		await bot.stop('SIGKILL');
		await fake.close();
		throw error;
	}
	return {
		fake,
		bot,
		close: async () => {
			await bot.stop('SIGKILL');
			await fake.close();
		},
	};
}
