import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './corpus.js';

export interface Run {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs a built entry point (`dist/…`) as a child process, feeding `input` on stdin. */
export function runNode(
	script: string,
	args: string[],
	options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(ROOT, script), ...args], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...options.env },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(options.input ?? '');
	});
}

export const cli = (args: string[], options?: Parameters<typeof runNode>[2]) =>
	runNode('dist/src/cli/main.js', args, options);
