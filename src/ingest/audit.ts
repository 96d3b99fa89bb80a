import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The audit record: one JSON line per change to the sources or the feeds, appended, never rewritten. */
export const AUDIT_FILE = 'audit.jsonl';

export interface AuditRecord {
	readonly action: 'add' | 'update' | 'remove' | 'feed-add' | 'feed-remove';
	readonly library: string;
	/** The source's id, for source actions. */
	readonly id?: string;
	readonly url?: string;
	/** A Discord user id, or `operator` for the command line. */
	readonly by: string;
}

/**
 * Appends a record, stamped with the time. Written after the change itself, under the same lock: a
 * process killed between the two leaves the change without its line (the catalog is the truth; the
 * record is for people), never a line for a change not made. A failure to append is not the change's.
 */
export async function audit(dir: string, record: AuditRecord, at: Date = new Date()): Promise<void> {
	await appendFile(join(dir, AUDIT_FILE), `${JSON.stringify({ at: at.toISOString(), ...record })}\n`).catch(
		() => undefined,
	);
}
