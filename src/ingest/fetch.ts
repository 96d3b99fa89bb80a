import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Result } from '../core/result.js';
import { classifyAddress, type AddressClass } from './address.js';
import { contentCodings, get, MAX_CONTENT_CODINGS, type Answer } from './http.js';
import { IngestStop, stop, type IngestProblem } from './problem.js';
import { parseHttpUrl } from './url.js';

/** Limits and policy of one fetch; defaults in {@link FETCH_DEFAULTS}. */
export interface FetchOptions {
	/** ALLOW_PRIVATE_HOSTS: fetch from loopback, private, link-local and metadata addresses too. */
	readonly allowPrivateHosts: boolean;
	/** Media types accepted (lowercase, no parameters). */
	readonly accept: readonly string[];
	/** For the whole fetch, redirects and body included, in milliseconds. */
	readonly timeoutMs?: number;
	/** Largest body read, in bytes; a larger one is refused, not cut. */
	readonly maxBytes?: number;
	readonly maxRedirects?: number;
	/**
	 * Resolves a host name to all its addresses (tests stand in for DNS here). Called once a hop:
	 * the addresses it answers are the ones checked and the only ones the connection may use.
	 */
	readonly lookup?: (hostname: string) => Promise<readonly string[]>;
	/** Judges an address for the SSRF guard; {@link classifyAddress} unless a test stands in. */
	readonly classify?: (address: string) => AddressClass;
	/**
	 * FETCH_PORTS: the ports any hop may connect to. Only 80 and 443 by default, so a URL cannot
	 * probe a host's other services (an admin port, a database) or tell which ports are open.
	 */
	readonly ports?: readonly number[];
}

export const FETCH_DEFAULTS = {
	timeoutMs: 10_000,
	maxBytes: 5 * 1024 * 1024,
	maxRedirects: 5,
	ports: [80, 443] as readonly number[],
} as const;

/** The port a URL connects to: its own, else its scheme's default. */
export const portOf = (url: URL): number => (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** Refuses a hop whose port is not allowed, before anything is resolved or connected. */
function checkPort(url: URL, options: FetchOptions): void {
	const port = portOf(url);
	if (!(options.ports ?? FETCH_DEFAULTS.ports).includes(port))
		stop('refused-host', `refused to fetch from ${url.host}: port ${port} is not fetched (FETCH_PORTS allows it)`);
}

/** Media types an article may come as. */
export const PAGE_TYPES = [
	'text/html',
	'application/xhtml+xml',
	'text/plain',
	'text/markdown',
	'text/x-markdown',
] as const;

/** What was fetched: the final URL (after redirects), its media type and its decoded text. */
export interface Fetched {
	readonly url: string;
	readonly mediaType: string;
	readonly text: string;
}

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Verbatim/0.1 (news quotation bot)';

const defaultLookup = async (hostname: string): Promise<readonly string[]> =>
	(await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A hop's addresses, resolved once (an IP literal is its own), and refused when any one is not
 * public (unless allowed). The connection then goes only to these: no second resolution that a
 * rebinding DNS server could answer differently.
 */
async function resolveHost(url: URL, options: FetchOptions): Promise<readonly string[]> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	let addresses: readonly string[] = [host];
	if (isIP(host) === 0) {
		try {
			addresses = await (options.lookup ?? defaultLookup)(host);
		} catch {
			stop('network', `cannot resolve the host ${host}`);
		}
	}
	if (addresses.length === 0) stop('network', `cannot resolve the host ${host}`);
	if (options.allowPrivateHosts) return addresses;
	for (const address of addresses) {
		const kind = (options.classify ?? classifyAddress)(address);
		if (kind !== 'public') {
			stop(
				'refused-host',
				`refused to fetch from ${url.host}: it resolves to ${address}, a ${kind} address (ALLOW_PRIVATE_HOSTS=true allows it)`,
			);
		}
	}
	return addresses;
}

/** The media type and charset of a Content-Type header. */
export function parseContentType(header: string | null): { mediaType: string; charset?: string } {
	if (header === null) return { mediaType: '' };
	const [type = '', ...params] = header.split(';');
	const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
	return charset === undefined
		? { mediaType: type.trim().toLowerCase() }
		: { mediaType: type.trim().toLowerCase(), charset };
}

/** A body's text: a BOM wins, then the header's charset, then an HTML `<meta charset>`, then UTF-8. */
export function decodeBody(bytes: Uint8Array, charset: string | undefined, mediaType: string): string {
	let label = charset;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
	else if (label === undefined && mediaType.includes('html')) {
		const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
		label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
	}
	try {
		return new TextDecoder(label ?? 'utf-8').decode(bytes);
	} catch {
		return new TextDecoder('utf-8').decode(bytes);
	}
}

async function readCapped(response: Answer, maxBytes: number, url: string): Promise<Uint8Array> {
	const declared = Number(response.header('content-length') ?? '0');
	const tooLarge = () =>
		stop('too-large', `${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; not ingested`);
	if (declared > maxBytes) {
		response.discard();
		tooLarge();
	}
	const chunks: Uint8Array[] = [];
	let total = 0;
	for await (const chunk of response.body) {
		total += chunk.byteLength;
		if (total > maxBytes) {
			response.discard();
			tooLarge();
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

const refusePdf = (url: string): never =>
	stop(
		'content-type',
		`${url} is a PDF; only HTML pages, plain text and Markdown can be ingested (save its text to a .txt file and ingest that with --url)`,
	);

const refuseType = (url: string, mediaType: string, accept: readonly string[]): never =>
	stop('content-type', `${url} is ${mediaType}; only ${accept.join(', ')} can be read here`);

/** Types that say nothing about the body, so its first bytes decide (as browsers do). */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** What a body of no stated type most likely is, by its first bytes. */
export function sniffType(head: Uint8Array): string {
	const bytes = Buffer.from(head.subarray(0, 512));
	const start = bytes
		.toString('latin1')
		.replace(/^\xef\xbb\xbf/, '')
		.trimStart()
		.toLowerCase();
	if (start.startsWith('%pdf-')) return 'application/pdf';
	if (start.startsWith('<?xml')) return /<html[\s>]/.test(start) ? 'application/xhtml+xml' : 'application/xml';
	if (/^<(?:rss|feed|rdf:rdf)[\s>]/.test(start)) return 'application/xml';
	if (/^<(?:!doctype html|html|head|body|!--|p|div|article|main|section|meta|title|h1|h2)[\s>]/.test(start))
		return 'text/html';
	if (bytes.includes(0)) return 'application/octet-stream';
	return start.startsWith('{') ? 'application/json' : 'text/plain';
}

/**
 * Refuses what the headers rule out before the body is read; then, from the body, a PDF whatever
 * it was called, and an untyped body whose bytes are of no accepted type. Returns the media type.
 */
function checkType(declared: string, body: Uint8Array | undefined, url: string, accept: readonly string[]): string {
	if (declared === 'application/pdf') refusePdf(url);
	if (!UNTYPED.has(declared) && !accept.includes(declared)) refuseType(url, declared, accept);
	if (body === undefined) return declared;
	const sniffed = sniffType(body);
	if (sniffed === 'application/pdf') refusePdf(url);
	if (!UNTYPED.has(declared)) return declared;
	if (!accept.includes(sniffed))
		refuseType(url, `${declared || 'of no stated type'} (${sniffed} by its content)`, accept);
	return sniffed;
}

/** Refuses a body with more content codings stacked than are undone (each layer can multiply its size). */
function checkCodings(response: Answer, url: string): void {
	const codings = contentCodings(response.header('content-encoding'));
	if (codings.length > MAX_CONTENT_CODINGS)
		stop(
			'content-type',
			`${url} is sent with ${codings.length} content codings stacked (${codings.join(', ')}); at most ${MAX_CONTENT_CODINGS} are undone`,
		);
}

/** The next URL of a redirect, or a stop when there is none, it loops, or there are too many. */
function nextHop(response: Answer, current: URL, seen: Set<string>, hops: number, maxRedirects: number): URL {
	const location = response.header('location');
	if (location === null)
		stop('http-status', `${current.href} answered HTTP ${response.status} with no Location to follow`);
	const next = parseHttpUrl(location, current.href);
	if (next === undefined)
		stop('redirects', `${current.href} redirects to ${location.slice(0, 200)}, which is not an http(s) URL`);
	next.hash = '';
	if (seen.has(next.href)) stop('redirects', `redirect loop: ${current.href} leads back to ${next.href}`);
	if (hops >= maxRedirects) stop('redirects', `more than ${maxRedirects} redirects, the last to ${next.href}`);
	return next;
}

async function follow(start: URL, options: FetchOptions, signal: AbortSignal): Promise<Fetched> {
	const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
	const seen = new Set<string>();
	const headers = {
		'user-agent': USER_AGENT,
		accept: `${options.accept.join(', ')};q=0.9, */*;q=0.1`,
		'accept-encoding': 'gzip, deflate, br',
	};
	let current = start;
	for (let hops = 0; ; hops++) {
		seen.add(current.href);
		checkPort(current, options);
		const addresses = await resolveHost(current, options);
		const response = await get(current, addresses, headers, signal);
		if (REDIRECT_STATUS.has(response.status)) {
			response.discard();
			current = nextHop(response, current, seen, hops, maxRedirects);
			continue;
		}
		if (response.status < 200 || response.status > 299) {
			response.discard();
			const reason = `${current.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
			stop(response.status >= 500 ? 'unavailable' : 'http-status', reason);
		}
		const declared = parseContentType(response.header('content-type'));
		try {
			checkCodings(response, current.href);
			checkType(declared.mediaType, undefined, current.href, options.accept);
		} catch (error) {
			response.discard();
			throw error;
		}
		const body = await readCapped(response, options.maxBytes ?? FETCH_DEFAULTS.maxBytes, current.href);
		const mediaType = checkType(declared.mediaType, body, current.href, options.accept);
		return { url: current.href, mediaType, text: decodeBody(body, declared.charset, mediaType) };
	}
}

/** Why a fetch threw, as one line (a system error's code, such as ECONNREFUSED, when it has one). */
function networkReason(error: unknown): string {
	const { code, cause, message } = error as {
		code?: string;
		cause?: { code?: string; message?: string };
		message?: string;
	};
	return code ?? cause?.code ?? cause?.message ?? message ?? String(error);
}

/**
 * Fetches an http(s) URL the safe way: every hop's host resolved once and refused when any address
 * is not public (unless allowed), the connection pinned to those checked addresses (so DNS
 * rebinding cannot swap them, see http.ts), redirects followed by hand (at most `maxRedirects`, loops caught),
 * one deadline for everything, the body streamed up to `maxBytes`, and its type checked (a PDF is
 * refused by name). Throws only {@link IngestStop}.
 */
export async function fetchOrStop(url: string, options: FetchOptions): Promise<Fetched> {
	const start = parseHttpUrl(url);
	if (start === undefined) stop('usage', `${url.slice(0, 200)} is not an http(s) URL`);
	if (start.username !== '' || start.password !== '')
		stop('usage', 'URLs with a user name or password are not fetched');
	start.hash = '';
	const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
	const signal = AbortSignal.timeout(timeoutMs);
	try {
		return await Promise.race([follow(start, options, signal), abortion(signal)]);
	} catch (error) {
		if (error instanceof IngestStop) throw error;
		if (signal.aborted) stop('timeout', `${start.href} did not answer within ${timeoutMs / 1000} s`);
		stop('network', `could not fetch ${start.href}: ${networkReason(error)}`);
	}
}

/** Rejects when the signal aborts, so a slow DNS lookup is bounded by the same deadline. */
function abortion(signal: AbortSignal): Promise<never> {
	return new Promise((_resolve, reject) =>
		signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
	);
}

/** {@link fetchOrStop} with its refusal as a value. */
export async function fetchSafely(url: string, options: FetchOptions): Promise<Result<Fetched, IngestProblem>> {
	try {
		return { ok: true, value: await fetchOrStop(url, options) };
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		throw error;
	}
}
