import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/ingest/address.js';
import { fetchSafely as fetchAny, PAGE_TYPES, type FetchOptions } from '../../src/ingest/fetch.js';
import { INGEST_FIXTURES, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

let site: FixtureSite;
beforeAll(async () => {
	site = await startFixtureSite();
});
afterAll(() => site.close());

/** The fetch under test, the fixture's port allowed besides 80 and 443 (unless a test sets its own ports). */
const fetchSafely = (url: string, options: FetchOptions) => fetchAny(url, { ports: [80, 443, site.port], ...options });
const allow: FetchOptions = { allowPrivateHosts: true, accept: PAGE_TYPES };
/** A stand-in policy under which the fixture's 127.0.0.1 counts as public (nothing else changes). */
const pretendPublic = (address: string) => (address === '127.0.0.1' ? 'public' : classifyAddress(address));
const problem = async (url: string, options: FetchOptions = allow) => {
	const r = await fetchSafely(url, options);
	if (r.ok) throw new Error(`fetched ${url}`);
	return r.error;
};

describe('fetchSafely', () => {
	it('follows up to five redirects, relative ones included, and reports the final URL and type', async () => {
		const r = await fetchSafely(`${site.base}/chain/4`, allow);
		expect(r.ok && { url: r.value.url, type: r.value.mediaType }).toEqual({
			url: `${site.base}/article.html`,
			type: 'text/html',
		});
		expect(r.ok && r.value.text).toContain('Lake Sevan');
		expect(await problem(`${site.base}/chain/5`)).toMatchObject({
			code: 'redirects',
			message: expect.stringMatching(/more than 5 redirects/),
		});
	});

	it('catches redirect loops, redirects off the web, and refuses other schemes outright', async () => {
		expect(await problem(`${site.base}/loop-a`)).toMatchObject({
			code: 'redirects',
			message: expect.stringMatching(/^redirect loop: /),
		});
		expect(await problem(`${site.base}/to-file`)).toMatchObject({ code: 'redirects' });
		expect(await problem('file:///etc/passwd')).toMatchObject({ code: 'usage' });
		expect(await problem('http://user:pw@example.com/')).toMatchObject({ code: 'usage' });
	});

	it('checks every hop’s addresses: a public first hop may not redirect to a private one', async () => {
		// The stand-in policy calls the fixture's 127.0.0.1 public, so only the redirect's target is judged for real.
		const lookup = (host: string) => Promise.resolve(host === 'localhost' ? ['127.0.0.1'] : [host]);
		const port = new URL(site.base).port;
		const options: FetchOptions = { allowPrivateHosts: false, accept: PAGE_TYPES, lookup, classify: pretendPublic };
		expect((await fetchSafely(`http://localhost:${port}/moved`, options)).ok).toBe(true);
		expect(await problem(`http://localhost:${port}/to-private`, options)).toEqual({
			code: 'refused-host',
			message:
				'refused to fetch from 10.0.0.1: it resolves to 10.0.0.1, a private address (ALLOW_PRIVATE_HOSTS=true allows it)',
		});
		expect(site.requests).toContain('/to-private');
	});

	it('closes DNS rebinding: a host answering public to the check and 127.0.0.1 afterwards never reaches the loopback page', async () => {
		let calls = 0;
		// 127.0.0.2 stands for the public address (nothing listens there: the site is bound to 127.0.0.1),
		// so the test stays on loopback; 127.0.0.1 is the rebound, private answer.
		const rebinding = () => Promise.resolve(calls++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']);
		const classify = (address: string) => (address === '127.0.0.2' ? 'public' : classifyAddress(address));
		const port = new URL(site.base).port;
		const before = site.requests.length;
		const r = await fetchSafely(`http://localhost:${port}/article.html`, {
			allowPrivateHosts: false,
			accept: PAGE_TYPES,
			lookup: rebinding,
			classify,
			timeoutMs: 1_500,
		});
		// The one connection may go only to the checked 127.0.0.2, where it is refused: the resolver was
		// asked once, and the site on 127.0.0.1 saw no request.
		expect(r.ok).toBe(false);
		expect(calls).toBe(1);
		expect(site.requests.slice(before)).toEqual([]);
		expect(r.ok && r.value.text.includes('Lake Sevan')).toBe(false);
	});

	it('connects to the very address it checked, resolved once a hop, not to a later answer nor the system’s', async () => {
		// `rebind.invalid` has no system DNS answer, so a fetch that resolved again by itself would fail outright.
		const asked: string[] = [];
		const rebinding = (host: string) => {
			asked.push(host);
			return Promise.resolve(asked.length === 1 ? ['127.0.0.1'] : ['10.0.0.1']);
		};
		const port = new URL(site.base).port;
		const r = await fetchSafely(`http://rebind.invalid:${port}/article.html`, {
			allowPrivateHosts: false,
			accept: PAGE_TYPES,
			lookup: rebinding,
			classify: pretendPublic,
		});
		expect(r.ok && r.value.text).toContain('Lake Sevan');
		expect(asked).toEqual(['rebind.invalid']);
		// A redirect is a new hop: resolved (once) and checked again, so the rebound answer is refused.
		asked.length = 0;
		expect(
			await problem(`http://rebind.invalid:${port}/moved`, {
				allowPrivateHosts: false,
				accept: PAGE_TYPES,
				lookup: rebinding,
				classify: pretendPublic,
			}),
		).toMatchObject({
			code: 'refused-host',
			message: expect.stringMatching(/resolves to 10\.0\.0\.1, a private address/),
		});
		expect(asked).toEqual(['rebind.invalid', 'rebind.invalid']);
	});

	it('still fetches from loopback with ALLOW_PRIVATE_HOSTS, by IP, by name and through the stand-in resolver', async () => {
		const port = new URL(site.base).port;
		for (const [url, lookup] of [
			[`${site.base}/article.html`, undefined],
			[`http://localhost:${port}/moved`, undefined],
			[`http://fixture.invalid:${port}/chain/2`, () => Promise.resolve(['127.0.0.1'])],
		] as const) {
			const r = await fetchSafely(url, lookup === undefined ? allow : { ...allow, lookup });
			expect(r.ok && r.value.url, url).toMatch(/\/article\.html$/);
			expect(r.ok && r.value.text, url).toContain('Lake Sevan');
		}
		expect(
			await problem(`${site.base.replace('127.0.0.1', 'localhost')}/article.html`, {
				allowPrivateHosts: false,
				accept: PAGE_TYPES,
			}),
		).toMatchObject({ code: 'refused-host' });
	});

	it('undoes gzip, deflate and br content codings, the size cap counting the decoded bytes', async () => {
		const page = await readFile(join(INGEST_FIXTURES, 'article.html'));
		const server = createServer((req, res) => {
			const coding = req.url!.slice(1);
			const body =
				coding === 'gzip' ? gzipSync(page) : coding === 'deflate' ? deflateSync(page) : brotliCompressSync(page);
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const codings = { ...allow, ports: [(server.address() as AddressInfo).port] };
		try {
			for (const coding of ['gzip', 'deflate', 'br']) {
				const r = await fetchSafely(`${base}/${coding}`, codings);
				expect(r.ok && r.value.text, coding).toBe(page.toString('utf8'));
				expect(await problem(`${base}/${coding}`, { ...codings, maxBytes: page.length - 1 })).toMatchObject({
					code: 'too-large',
				});
			}
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('fetches only from ports 80 and 443 unless FETCH_PORTS allows others, on every hop', async () => {
		const before = site.requests.length;
		expect(await fetchAny(`${site.base}/article.html`, allow)).toEqual({
			ok: false,
			error: {
				code: 'refused-host',
				message: `refused to fetch from 127.0.0.1:${site.port}: port ${site.port} is not fetched (FETCH_PORTS allows it)`,
			},
		});
		// Refused before any connection: the site saw nothing, so the answer tells nothing about what listens there.
		expect(site.requests.slice(before)).toEqual([]);
		expect(
			await fetchAny('http://public.example:22/', { ...allow, lookup: () => Promise.resolve(['127.0.0.1']) }),
		).toMatchObject({ ok: false, error: { code: 'refused-host', message: expect.stringMatching(/port 22 /) } });
		// A redirect to another port is a hop like any other.
		const r = await fetchAny(`${site.base}/to-port-1`, { ...allow, ports: [site.port] });
		expect(r.ok || r.error.message).toBe(
			'refused to fetch from 127.0.0.1:1: port 1 is not fetched (FETCH_PORTS allows it)',
		);
		expect(site.requests.slice(before)).toEqual(['/to-port-1']);
	});

	it('undoes two stacked content codings and refuses three or more, unread', async () => {
		const page = await readFile(join(INGEST_FIXTURES, 'article.html'));
		const server = createServer((req, res) => {
			const layers = req.url!.slice(1).split('-');
			let body: Buffer = page;
			for (const coding of layers) body = coding === 'gzip' ? gzipSync(body) : brotliCompressSync(body);
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': layers.join(', ') });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		const options = { ...allow, ports: [port] };
		try {
			const two = await fetchSafely(`http://127.0.0.1:${port}/gzip-br`, options);
			expect(two.ok && two.value.text).toBe(page.toString('utf8'));
			expect(await problem(`http://127.0.0.1:${port}/gzip-gzip-br`, options)).toEqual({
				code: 'content-type',
				message: `http://127.0.0.1:${port}/gzip-gzip-br is sent with 3 content codings stacked (gzip, gzip, br); at most 2 are undone`,
			});
			expect(await problem(`http://127.0.0.1:${port}/gzip-gzip-gzip-gzip`, options)).toMatchObject({
				code: 'content-type',
				message: expect.stringMatching(/4 content codings stacked/),
			});
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('refuses a host when any one of its addresses is not public', async () => {
		const lookup = () => Promise.resolve(['93.184.216.34', '::ffff:192.168.0.7']);
		expect(
			await problem('http://two-faced.example/', { allowPrivateHosts: false, accept: PAGE_TYPES, lookup }),
		).toMatchObject({
			code: 'refused-host',
			message: expect.stringMatching(/::ffff:192\.168\.0\.7, a private address/),
		});
		expect(await problem('http://nowhere.invalid/', { allowPrivateHosts: false, accept: PAGE_TYPES })).toMatchObject({
			code: 'network',
		});
	});

	it('stops at the deadline and at the size cap, streaming', async () => {
		const started = Date.now();
		expect(await problem(`${site.base}/hang`, { ...allow, timeoutMs: 300 })).toMatchObject({
			code: 'timeout',
			message: expect.stringMatching(/did not answer within 0.3 s/),
		});
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(await problem(`${site.base}/big`, { ...allow, maxBytes: 100_000 })).toMatchObject({ code: 'too-large' });
	});

	it('refuses PDFs (by type or by their bytes), other types, 4xx and 5xx', async () => {
		expect(await problem(`${site.base}/report.pdf`)).toMatchObject({
			code: 'content-type',
			message: expect.stringMatching(/is a PDF/),
		});
		expect(await problem(`${site.base}/pdf-in-disguise`)).toMatchObject({
			code: 'content-type',
			message: expect.stringMatching(/is a PDF/),
		});
		expect(await problem(`${site.base}/image.png`)).toMatchObject({ code: 'content-type' });
		expect(await problem(`${site.base}/untyped-pdf`)).toMatchObject({
			code: 'content-type',
			message: expect.stringMatching(/is a PDF/),
		});
		const untyped = await fetchSafely(`${site.base}/untyped`, allow);
		expect(untyped.ok && untyped.value.mediaType).toBe('text/html');
		expect(await problem(`${site.base}/missing.html`)).toMatchObject({
			code: 'http-status',
			message: expect.stringMatching(/HTTP 404/),
		});
		expect(await problem(`${site.base}/broken`)).toMatchObject({
			code: 'unavailable',
			message: expect.stringMatching(/HTTP 503/),
		});
	});
});

describe('sniffType', () => {
	it('reads a body of no stated type by its first bytes', async () => {
		const { sniffType } = await import('../../src/ingest/fetch.js');
		const bytes = (s: string) => new TextEncoder().encode(s);
		expect(sniffType(bytes('%PDF-1.7'))).toBe('application/pdf');
		expect(sniffType(bytes('\ufeff  <!DOCTYPE html><html>'))).toBe('text/html');
		expect(sniffType(bytes('<p>Hello</p>'))).toBe('text/html');
		expect(sniffType(bytes('<?xml version="1.0"?><rss version="2.0">'))).toBe('application/xml');
		expect(sniffType(bytes('<?xml version="1.0"?><!DOCTYPE html><html xmlns="x">'))).toBe('application/xhtml+xml');
		expect(sniffType(bytes('{"version": "https://jsonfeed.org/version/1.1"}'))).toBe('application/json');
		expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe('application/octet-stream');
		expect(sniffType(bytes('Just some text.'))).toBe('text/plain');
	});
});
