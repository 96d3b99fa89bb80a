import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { dirStore } from '../../../src/store/dir-store.js';
import { storeContract } from './store-contract.js';

let dir: string | undefined;
afterAll(async () => {
	if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

storeContract('data directory', {
	reset: async () => {
		if (dir !== undefined) await rm(dir, { recursive: true, force: true });
		dir = await mkdtemp(join(tmpdir(), 'verbatim-store-'));
		await writeFile(join(dir, 'sources.json'), '[]\n');
	},
	open: () => Promise.resolve(dirStore(dir!)),
});
