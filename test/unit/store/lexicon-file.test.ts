import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_LEXICON } from '../../../src/core/text/corpus-lexicon.js';
import { LEXICON_FILE, readLexiconFile } from '../../../src/store/lexicon-file.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'verbatim-lexicon-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const write = (content: unknown) =>
	writeFile(join(dir, LEXICON_FILE), typeof content === 'string' ? content : JSON.stringify(content));
const errorOf = async () => {
	const r = await readLexiconFile(dir);
	return r.ok ? undefined : r.error;
};

describe('readLexiconFile', () => {
	it('reads an absent file as an empty lexicon', async () => {
		expect(await readLexiconFile(dir)).toEqual({ ok: true, value: EMPTY_LEXICON });
	});

	it('reads a good file, filling the fields it leaves out', async () => {
		await write({ aliases: { pashinian: 'pashinyan' }, capitals: { kremlin: 'Russia' } });
		expect(await readLexiconFile(dir)).toEqual({
			ok: true,
			value: { aliases: { pashinian: 'pashinyan' }, synonyms: [], capitals: { kremlin: 'Russia' }, demonyms: {} },
		});
	});

	it('names the file when it is not JSON', async () => {
		await write('{"aliases": ');
		expect(await errorOf()).toMatch(new RegExp(`${LEXICON_FILE} is not valid JSON`));
	});

	it('names the field at fault: a wrong type, an unknown field, a group of one, two words as an alias', async () => {
		await write({ aliases: { pashinian: 3 } });
		expect(await errorOf()).toMatch(/lexicon\.json: aliases\.pashinian: /);
		await write({ phrases: [] });
		expect(await errorOf()).toMatch(/lexicon\.json: .*phrases/);
		await write({ synonyms: [['alone']] });
		expect(await errorOf()).toMatch(/synonyms\.0: a group needs two words/);
		await write({ aliases: { 'nagorno karabakh': 'karabakh' } });
		expect(await errorOf()).toMatch(/aliases\.nagorno karabakh: the key must be one word/);
	});

	it('names an entry the analyzer cannot read as one term', async () => {
		await write({ capitals: { kremlin: 'the Russian government' } });
		expect(await errorOf()).toMatch(/capitals\.kremlin: "the Russian government" is not read as one term/);
	});
});
