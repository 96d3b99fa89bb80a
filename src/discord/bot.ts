import type { Corpus } from '../core/corpus.js';
import type { Env } from '../env.js';
import { UsageError } from '../env.js';
import type { Logger } from '../log.js';

export interface BotOptions {
	readonly env: Env;
	readonly log: Logger;
	readonly corpus: Corpus;
	readonly token: string;
}

/** The Discord bot (see the Discord issue); until it lands, a token is refused with a clear message. */
export async function startBot(_options: BotOptions): Promise<void> {
	throw new UsageError('the Discord bot is not built yet: unset DISCORD_TOKEN to use the console');
}
