import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lexiconProblem } from '../core/text/analyze.js';
import { CorpusLexiconSchema, EMPTY_LEXICON, type CorpusLexicon } from '../core/text/corpus-lexicon.js';
import { err, ok, type Result } from '../core/result.js';

/** The optional file of a data directory that holds its corpus's own word knowledge. */
export const LEXICON_FILE = 'lexicon.json';

/**
 * The corpus lexicon of a data directory: empty when `lexicon.json` is absent, else the file checked
 * against {@link CorpusLexiconSchema}; the error names the file and the first field at fault.
 */
export async function readLexiconFile(dir: string): Promise<Result<CorpusLexicon, string>> {
	const path = join(dir, LEXICON_FILE);
	let raw: string;
	try {
		raw = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(EMPTY_LEXICON);
		return err(`cannot read ${path}: ${(error as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (error) {
		return err(`${path} is not valid JSON: ${(error as Error).message}`);
	}
	const parsed = CorpusLexiconSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
		// A bad key is reported as "Invalid key in record", its reason one level down.
		const reason = issue.code === 'invalid_key' ? `the key ${issue.issues[0]?.message ?? 'is invalid'}` : issue.message;
		return err(`${path}: ${field}${reason}`);
	}
	const problem = lexiconProblem(parsed.data);
	return problem === undefined ? ok(parsed.data) : err(`${path}: ${problem}`);
}
