import { describe, expect, it } from 'vitest';
import { libraryTag, slugify, sourceId } from '../../../src/ingest/slug.js';

describe('sourceId', () => {
	it('is publisher-date, made unique with -2, -3…', () => {
		expect(slugify('Türkiye Today')).toBe('turkiye-today');
		const taken = new Set(['asbarez-2024-05-13']);
		expect(sourceId('Asbarez', '2024-05-13', (id) => taken.has(id))).toBe('asbarez-2024-05-13-2');
	});

	it("gives a server's source an id that does not depend on what other servers hold", () => {
		const a = libraryTag('guild:111111111111111111');
		const b = libraryTag('guild:222222222222222222');
		expect(a).toMatch(/^[0-9a-z]{1,6}$/);
		expect(a).not.toBe(b);
		const alone = sourceId('Asbarez', '2024-05-13', () => false, 'source', b);
		const afterA = new Set([sourceId('Asbarez', '2024-05-13', () => false, 'source', a), 'asbarez-2024-05-13']);
		expect(sourceId('Asbarez', '2024-05-13', (id) => afterA.has(id), 'source', b)).toBe(alone);
		expect(alone).toBe(`asbarez-2024-05-13-${b}`);
	});
});
