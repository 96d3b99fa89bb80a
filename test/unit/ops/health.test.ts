import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { createReadiness, startHealthServer, type HealthServer } from '../../../src/ops/health.js';
import { createMetrics } from '../../../src/ops/metrics.js';

const silent = createLogger('silent');
let server: HealthServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('createReadiness', () => {
	it('is ready once every condition holds, says what it waits for, and can fall back', () => {
		const r = createReadiness({ index: 'index not loaded yet', gateway: 'gateway not connected' });
		expect(r.current()).toEqual({ ready: false, reason: 'index not loaded yet; gateway not connected' });
		r.set('index', true);
		expect(r.current()).toEqual({ ready: false, reason: 'gateway not connected' });
		r.set('gateway', true);
		expect(r.current()).toEqual({ ready: true });
		r.set('gateway', false);
		expect(r.current()).toEqual({ ready: false, reason: 'gateway not connected' });
	});
});

describe('startHealthServer', () => {
	it('serves liveness, readiness (503 with the reason, then 200) and the metrics on a free port', async () => {
		const readiness = createReadiness({ index: 'index not loaded yet' });
		const metrics = createMetrics({ corpus: () => ({ sources: 5, paragraphs: 122 }), processMetrics: false });
		server = await startHealthServer({
			port: 0,
			host: '127.0.0.1',
			log: silent,
			source: {
				readiness: readiness.current,
				metrics: async () => ({ contentType: metrics.registry.contentType, text: await metrics.registry.metrics() }),
			},
		});
		const base = `http://127.0.0.1:${server.port}`;
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
		const before = await fetch(`${base}/readyz`);
		expect(before.status).toBe(503);
		expect(await before.json()).toEqual({ status: 'not ready', reason: 'index not loaded yet' });
		readiness.set('index', true);
		expect((await fetch(`${base}/readyz`)).status).toBe(200);
		const scraped = await fetch(`${base}/metrics`);
		expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		expect(await scraped.text()).toMatch(/^verbatim_sources_indexed 5$/m);
		expect((await fetch(`${base}/nope`)).status).toBe(404);
		expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
	});
});
