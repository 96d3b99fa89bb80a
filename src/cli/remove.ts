import { publishedLabel } from '../core/catalog.js';
import { removeSource } from '../ingest/remove.js';
import { exitCodeOf } from '../ingest/problem.js';
import { UsageError } from '../env.js';
import { parseCommandArgs } from './args.js';
import type { IngestContext } from './ingest.js';

/**
 * `remove <id> [--library L] [--json]`: takes a source out of its library (shared unless named).
 * Exit 0 when removed; 2 when the library has no such source; 1 when the store fails.
 */
export async function runRemove(args: string[], context: IngestContext): Promise<number> {
	const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
	const [id, ...extra] = positionals;
	if (id === undefined || extra.length > 0)
		throw new UsageError('remove needs one source id: remove <id> [--library L]');
	const result =
		context.store === undefined
			? await removeSource(context.dataDir, id, context.library)
			: await context.store.removeSource(id, context.library);
	if (!result.ok) {
		context.warn(`error: ${result.error.message}`);
		return exitCodeOf(result.error);
	}
	const s = result.value;
	if (values.json === true) context.write(JSON.stringify({ removed: s }, null, 2));
	else
		context.write(`removed ${s.id}: "${s.title}" (${s.publisher}, ${publishedLabel(s)}) from the ${s.library} library`);
	return 0;
}
