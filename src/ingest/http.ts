import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * One GET over node:http(s) whose socket may connect only to addresses resolved and checked
 * beforehand (see fetch.ts). The global fetch resolves the host name again by itself, so a DNS
 * server answering a public address to the check and a private one to the connection (DNS
 * rebinding) could steer it anywhere; here there is no second resolution to steer.
 */

/** A status line, headers and a body stream, content-encoding (gzip, deflate, br) undone. */
export interface Answer {
	readonly status: number;
	readonly statusText: string;
	header(name: string): string | null;
	readonly body: AsyncIterable<Uint8Array>;
	/** Drops the body unread, and the connection with it. */
	discard(): void;
}

const familyOf = (family: number | 'IPv4' | 'IPv6' | undefined): number =>
	family === 'IPv4' ? 4 : family === 'IPv6' ? 6 : (family ?? 0);

/**
 * A `lookup` for net/tls that answers the given addresses and nothing else, whatever the name
 * (an IP-literal host never reaches a lookup: the socket goes to the literal itself).
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
	return (hostname, options, callback) => {
		const family = familyOf(options.family);
		const all = addresses
			.map((address) => ({ address, family: isIP(address) }))
			.filter((a) => a.family !== 0 && (family === 0 || a.family === family));
		const first = all[0];
		if (first === undefined) {
			const error: NodeJS.ErrnoException = new Error(`no checked address of ${hostname} to connect to`);
			error.code = 'ENOTFOUND';
			callback(error, '', 0);
			return;
		}
		if (options.all === true) callback(null, all);
		else callback(null, first.address, first.family);
	};
}

/**
 * The most content codings undone on one body. Each layer multiplies what a few bytes may expand
 * to, and no real server stacks more than two, so more is refused (see fetch.ts), never decoded.
 */
export const MAX_CONTENT_CODINGS = 2;

/** A Content-Encoding header's codings, in the order applied (`identity` dropped). */
export const contentCodings = (header: string | null | undefined): string[] =>
	(header ?? '')
		.split(',')
		.map((c) => c.trim().toLowerCase())
		.filter((c) => c !== '' && c !== 'identity');

/**
 * The body of a response with its content codings undone; an unknown coding, or more than
 * {@link MAX_CONTENT_CODINGS}, leaves it as sent.
 */
function decoded(res: IncomingMessage): Readable {
	const codings = contentCodings(res.headers['content-encoding']);
	if (codings.length > MAX_CONTENT_CODINGS) return res;
	const sync = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
	const decoders = codings
		.reverse()
		.map((c) =>
			c === 'gzip' || c === 'x-gzip'
				? createGunzip(sync)
				: c === 'deflate'
					? createInflate(sync)
					: c === 'br'
						? createBrotliDecompress()
						: undefined,
		);
	let body: Readable = res;
	if (decoders.some((d) => d === undefined)) return body;
	// pipeline destroys both stages when either fails; reading the last one surfaces the error.
	for (const decoder of decoders) body = pipeline(body, decoder!, () => {});
	return body;
}

function answerOf(res: IncomingMessage, req: ClientRequest): Answer {
	res.on('error', () => {}); // read errors reach the reader; a discarded body's must not crash the process
	const body = decoded(res);
	return {
		status: res.statusCode ?? 0,
		statusText: res.statusMessage ?? '',
		header: (name) => {
			const value = res.headers[name.toLowerCase()];
			return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
		},
		body,
		discard: () => {
			req.destroy();
			body.destroy();
		},
	};
}

/**
 * GETs `url`, connecting only to one of `addresses` (the host name still goes in the Host header
 * and, over https, in SNI and the certificate check). No agent, so no pooled socket made under
 * another fetch's policy is reused; `signal` aborts the request at any stage.
 */
export function get(
	url: URL,
	addresses: readonly string[],
	headers: Readonly<Record<string, string>>,
	signal: AbortSignal,
): Promise<Answer> {
	const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const req = send(url, { method: 'GET', headers, signal, agent: false, lookup: pinnedLookup(addresses) }, (res) =>
			resolve(answerOf(res, req)),
		);
		req.on('error', reject);
		req.end();
	});
}
