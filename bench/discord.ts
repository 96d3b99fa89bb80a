import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { startBotWithFake } from '../test/helpers/fake-discord-bot.js';
import { SAMPLE_QUESTIONS } from '../test/helpers/corpus.js';
import type { Answer } from '../test/helpers/fake-discord.js';
import { quantile } from './metrics.js';
import type { Section } from './table.js';

/** The target for a reply: far inside Discord's 3 s deadline, fast enough to feel instant. */
export const TARGET_MS = 50;

export interface DiscordOptions {
	/** Interactions measured, one after the other. */
	readonly interactions: number;
	/** Interactions sent first and not measured (JIT, first index use, connection set-up). */
	readonly warmup: number;
	/** The data directory the bot answers from. */
	readonly dataDir: string;
	readonly log?: (s: string) => void;
}

export interface DiscordReport {
	readonly interactions: number;
	readonly warmup: number;
	readonly dataDir: string;
	/** From the fake Discord's dispatch of INTERACTION_CREATE to the bot's request carrying the reply, ms. */
	readonly p50: number;
	readonly p95: number;
	readonly p99: number;
	readonly mean: number;
	readonly max: number;
	/** Replies that came as a deferral and a later edit rather than as the first callback. */
	readonly deferred: number;
	/** From starting the fake Discord and the bot to the bot's "ready" log line, ms. */
	readonly startMs: number;
	readonly wallMs: number;
}

/** A distinct user per interaction: the bot's default cooldown (20 per user in 10 s) is kept, never hit. */
const user = (n: number) => ({ id: String(1_300_000_000_000_400_000n + BigInt(n)), username: `bench${n}` });

function check(a: Answer, n: number): void {
	const content = a.data.content ?? '';
	if ((a.data.flags ?? 0) & MessageFlags.Ephemeral || /Slow down/.test(content))
		throw new Error(`interaction ${n} was refused: ${content.slice(0, 200)}`);
	if ((a.data.embeds ?? []).length === 0 && content === '')
		throw new Error(`interaction ${n} got an empty reply (${a.via}, type ${a.type})`);
}

/**
 * Interaction → reply latency through the fake Discord on 127.0.0.1 (test/helpers/fake-discord.ts)
 * with the real bot (`node dist/src/main.js`) logged in to it: `/ask` interactions dispatched over the
 * gateway one at a time, each timed until the bot's callback (or, if it deferred, its edit) arrives.
 * A failure (the bot does not start, a reply is refused or empty) is returned, not thrown, so the
 * other sections still print.
 */
export async function benchDiscord(options: DiscordOptions): Promise<DiscordReport | { readonly error: string }> {
	try {
		return await measure(options);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		options.log?.(`Discord: not measured: ${message}`);
		return { error: message };
	}
}

async function measure(options: DiscordOptions): Promise<DiscordReport> {
	const started = performance.now();
	const { fake, close } = await startBotWithFake({ INDEX_DATA_DIR: options.dataDir, LOG_LEVEL: 'info' });
	const startMs = performance.now() - started;
	try {
		const ms: number[] = [];
		let deferred = 0;
		const total = options.warmup + options.interactions;
		for (let n = 0; n < total; n++) {
			const question = SAMPLE_QUESTIONS[n % SAMPLE_QUESTIONS.length]!;
			const a = await fake.interact(
				fake.command(user(n), 'ask', [
					{ name: 'question', type: ApplicationCommandOptionType.String, value: question },
				]),
				10_000,
			);
			check(a, n);
			if (n < options.warmup) continue;
			ms.push(a.ms);
			if (a.via !== 'callback') deferred++;
			if ((n - options.warmup + 1) % 100 === 0)
				options.log?.(`Discord: ${n - options.warmup + 1}/${options.interactions} interactions`);
		}
		if (fake.unknownRoutes.length > 0)
			throw new Error(`the bot called routes the fake Discord does not know: ${fake.unknownRoutes.join(', ')}`);
		return {
			interactions: ms.length,
			warmup: options.warmup,
			dataDir: options.dataDir,
			p50: quantile(ms, 0.5),
			p95: quantile(ms, 0.95),
			p99: quantile(ms, 0.99),
			mean: ms.reduce((s, x) => s + x, 0) / Math.max(1, ms.length),
			max: Math.max(...ms),
			deferred,
			startMs,
			wallMs: performance.now() - started,
		};
	} finally {
		await close();
	}
}

export function discordSection(r: DiscordReport | { readonly error: string }): Section {
	const title = 'Discord round trip';
	if ('error' in r) {
		return {
			title,
			baseline: 'target',
			rows: [{ figure: 'interaction → reply p95, ms', ours: 'failed', baseline: TARGET_MS, digits: 0 }],
			notes: [`not measured: ${r.error.replace(/\s*\n\s*/g, ' | ')}`],
		};
	}
	return {
		title,
		baseline: 'target',
		rows: [
			{ figure: 'interaction → reply p50, ms', ours: r.p50, baseline: TARGET_MS, digits: 1 },
			{ figure: 'interaction → reply p95, ms', ours: r.p95, baseline: TARGET_MS, digits: 1 },
			{ figure: 'interaction → reply p99, ms', ours: r.p99, baseline: TARGET_MS, digits: 1 },
		],
		notes: [
			`${r.interactions} /ask interactions one after the other (after ${r.warmup} not timed), each from its own user, on ${r.dataDir}`,
			`the real bot (node dist/src/main.js) logged in to the fake Discord of test/helpers on 127.0.0.1: from the gateway dispatch to the bot's reply request`,
			`mean ${r.mean.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; ${r.deferred} deferred; fake Discord + bot ready in ${Math.round(r.startMs)} ms`,
		],
	};
}
