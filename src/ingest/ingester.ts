import type { Source } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import type { Logger } from '../log.js';
import type { IngestOutcome } from './commit.js';
import { ingestSource, type IngestOptions } from './ingest.js';
import type { IngestProblem } from './problem.js';

/** Adds the article at a URL to the sources; what `/ingest` runs (see CommandContext.ingest). */
export type Ingest = (url: string) => Promise<Result<IngestOutcome, IngestProblem>>;

export interface IngesterOptions extends Pick<IngestOptions, 'dataDir' | 'allowPrivateHosts' | 'fetch' | 'lock'> {
	readonly log?: Pick<Logger, 'info' | 'warn'>;
	/** Called once a source is stored (the bot extends its live corpus here); a failure is logged. */
	readonly onAdded?: (sources: readonly Source[]) => void | Promise<void>;
}

/** An {@link Ingest} bound to a data directory and policy, for the bot and the console to hand to commands. */
export function createIngester(options: IngesterOptions): Ingest {
	return async (url) => {
		const result = await ingestSource(url, options);
		if (!result.ok) {
			options.log?.info({ code: result.error.code, problem: result.error.message }, 'ingest refused');
			return result;
		}
		options.log?.info({ status: result.value.status, id: result.value.source.id }, 'ingested');
		if (result.value.status === 'added') {
			try {
				await options.onAdded?.([result.value.source]);
			} catch (error) {
				options.log?.warn(
					{ err: error instanceof Error ? error : new Error(String(error)) },
					'the new source is stored but not yet live',
				);
			}
		}
		return result;
	};
}
