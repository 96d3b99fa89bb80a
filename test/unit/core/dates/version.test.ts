import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DATES_VERSION as FROM_DATES } from '../../../../src/core/dates/dates.js';
import { timelineEvents } from '../../../../src/core/dates/timeline.js';
import { DATES_VERSION } from '../../../../src/core/dates/version.js';
import { corpusFrom, DEFAULT_DATA, FIXTURE_DATA } from '../../../helpers/corpus.js';

/**
 * The events the index cache keeps (source, paragraph, sentence, date, precision), merged or not, as
 * a short hash. Merging is left out: it depends on the analyzer, whose own version keys the cache.
 */
function eventsFingerprint(): string {
	const rows: string[] = [];
	for (const corpus of [corpusFrom(FIXTURE_DATA), corpusFrom(DEFAULT_DATA)]) {
		for (const e of timelineEvents(corpus)) {
			for (const told of [e, ...e.also])
				rows.push(JSON.stringify([told.source.id, told.paragraph, told.text, e.date, e.precision]));
		}
	}
	return createHash('sha256').update(rows.sort().join('\n')).digest('hex').slice(0, 16);
}

describe('DATES_VERSION', () => {
	it('is a whole number from 1, and the one dates.ts gives', () => {
		expect(Number.isInteger(DATES_VERSION)).toBe(true);
		expect(DATES_VERSION).toBeGreaterThanOrEqual(1);
		expect(FROM_DATES).toBe(DATES_VERSION);
	});

	it('changes with the events date extraction gives the test corpora (else caches keep stale timelines)', () => {
		// On failure the events changed: if date extraction changed (not just the test corpora), bump
		// DATES_VERSION in src/core/dates/version.ts so every cached timeline is recomputed; then record
		// the new pair here.
		expect({ version: DATES_VERSION, events: eventsFingerprint() }).toEqual({ version: 3, events: 'afbfb073bf232f16' });
	});

	it('loads without chrono-node, so a cache key costs no date parser', async () => {
		let loaded = false;
		vi.resetModules();
		vi.doMock('chrono-node', () => {
			loaded = true;
			return {};
		});
		try {
			await import('../../../../src/core/dates/version.js');
			expect(loaded).toBe(false);
			// The stand-in is live: dates.ts, which needs the parser, loads it.
			await import('../../../../src/core/dates/dates.js');
			expect(loaded).toBe(true);
		} finally {
			vi.doUnmock('chrono-node');
			vi.resetModules();
		}
	});
});
