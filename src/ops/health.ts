import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

/** Whether the process can serve: ready, or why not yet. */
export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** What the health server asks at each request. */
export interface HealthSource {
	readiness(): Readiness | Promise<Readiness>;
	/** The metrics in Prometheus's text format, and its content type. */
	metrics(): Promise<{ readonly contentType: string; readonly text: string }>;
}

/**
 * Readiness made of named conditions (`index`, `gateway`), each with the reason it gives while unmet;
 * ready once every one holds. A condition can fall back (a gateway that drops).
 */
export interface ReadinessState {
	set(condition: string, met: boolean): void;
	readonly current: () => Readiness;
}

export function createReadiness(conditions: Readonly<Record<string, string>>): ReadinessState {
	const met = new Map(Object.keys(conditions).map((c) => [c, false]));
	return {
		set(condition, value) {
			if (met.has(condition)) met.set(condition, value);
		},
		current() {
			const unmet = [...met].filter(([, ok]) => !ok).map(([c]) => conditions[c] ?? c);
			return unmet.length === 0 ? { ready: true } : { ready: false, reason: unmet.join('; ') };
		},
	};
}

export interface HealthServer {
	readonly port: number;
	close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, type: string, body: string) =>
	res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
const sendJson = (res: ServerResponse, status: number, body: unknown) =>
	send(res, status, 'application/json', JSON.stringify(body));

/**
 * One small `node:http` server: `GET /healthz` (200 while the process runs), `GET /readyz` (200 once
 * ready, else 503 with the reason as JSON) and `GET /metrics` (Prometheus text). Anything else is
 * 404; no request body is read. Resolves once listening; `port` is the one bound (0 picks a free one).
 */
export async function startHealthServer(options: {
	readonly port: number;
	readonly host: string;
	readonly source: HealthSource;
	readonly log: Logger;
}): Promise<HealthServer> {
	const { source, log } = options;
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const answer = async () => {
			if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' });
			if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
			if (path === '/readyz') {
				const r = await source.readiness();
				return sendJson(
					res,
					r.ready ? 200 : 503,
					r.ready ? { status: 'ready' } : { status: 'not ready', reason: r.reason },
				);
			}
			if (path === '/metrics') {
				const { contentType, text } = await source.metrics();
				return send(res, 200, contentType, text);
			}
			return sendJson(res, 404, { error: 'not found: /healthz, /readyz, /metrics' });
		};
		answer().catch((error: unknown) => {
			log.warn({ err: error, path }, 'health request failed');
			if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	// Never what keeps the process running: it ends when its real work (console input, gateway, shards) does,
	// or when it fails before any (a corpus that does not load).
	server.unref();
	const { port } = server.address() as AddressInfo;
	log.info({ port, host: options.host }, 'health server listening');
	return {
		port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
