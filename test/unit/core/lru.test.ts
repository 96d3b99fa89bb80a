import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from '../../../src/core/lru.js';

/** What an LRU should hold, written the slow, obvious way: entries oldest first. */
class ModelLru {
	readonly entries: Array<[number, string]> = [];
	readonly capacity: number;
	constructor(capacity: number) {
		this.capacity = capacity;
	}
	get(key: number): string | undefined {
		const at = this.entries.findIndex(([k]) => k === key);
		if (at === -1) return undefined;
		const [entry] = this.entries.splice(at, 1);
		this.entries.push(entry!);
		return entry![1];
	}
	set(key: number, value: string): void {
		const at = this.entries.findIndex(([k]) => k === key);
		if (at !== -1) this.entries.splice(at, 1);
		else if (this.entries.length >= this.capacity) this.entries.shift();
		this.entries.push([key, value]);
	}
}

/** Reads or writes over few keys, so the cache fills, hits and evicts often. */
const op = fc.oneof(
	fc.record({ kind: fc.constant('get' as const), key: fc.nat(5) }),
	fc.record({ kind: fc.constant('set' as const), key: fc.nat(5), value: fc.string({ maxLength: 3 }) }),
);

describe('Lru', () => {
	it('returns what was set, and undefined for a key never set', () => {
		const lru = new Lru<string, number>(2);
		lru.set('a', 1);
		expect(lru.get('a')).toBe(1);
		expect(lru.get('b')).toBeUndefined();
	});

	it('replaces the value of a key set again, without evicting another', () => {
		const lru = new Lru<string, number>(2);
		lru.set('a', 1);
		lru.set('b', 2);
		lru.set('a', 3);
		expect(lru.get('a')).toBe(3);
		expect(lru.get('b')).toBe(2);
	});

	it('evicts the least recently used entry, a read counting as a use', () => {
		const lru = new Lru<string, number>(2);
		lru.set('a', 1);
		lru.set('b', 2);
		lru.get('a');
		lru.set('c', 3);
		expect(lru.get('b')).toBeUndefined();
		expect(lru.get('a')).toBe(1);
		expect(lru.get('c')).toBe(3);
	});

	it('behaves as the obvious model under any reads and writes (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60, size: 'max' }), (capacity, ops) => {
				const lru = new Lru<number, string>(capacity);
				const model = new ModelLru(capacity);
				for (const o of ops) {
					if (o.kind === 'get') expect(lru.get(o.key)).toBe(model.get(o.key));
					else {
						lru.set(o.key, o.value);
						model.set(o.key, o.value);
					}
				}
			}),
		);
	});

	it('never holds more than its capacity: of any keys written, only the last `size` remain (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 20 }),
				fc.uniqueArray(fc.nat(1_000), { maxLength: 60, size: 'max' }),
				(capacity, keys) => {
					const lru = new Lru<number, number>(capacity);
					for (const k of keys) lru.set(k, k);
					const held = keys.filter((k) => lru.get(k) !== undefined);
					expect(held).toEqual(keys.slice(-capacity));
				},
			),
		);
	});
});
