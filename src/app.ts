import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './env.js';

/** The project root: the nearest folder above this module holding package.json (works from src/ and dist/). */
export function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(dir, 'package.json'))) {
		const up = dirname(dir);
		if (up === dir) return process.cwd();
		dir = up;
	}
	return dir;
}

/** The data directory: INDEX_DATA_DIR (relative to the working directory), else the project's index-data. */
export function dataDir(env: Pick<Env, 'INDEX_DATA_DIR'>): string {
	return env.INDEX_DATA_DIR === undefined ? join(projectRoot(), 'index-data') : resolve(env.INDEX_DATA_DIR);
}
