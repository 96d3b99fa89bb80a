import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePostings, encodePostings, LayoutSchema } from '../../../../src/core/search/postings-codec.js';
import { addDocument, createPostings, type Postings } from '../../../../src/core/search/postings.js';

// test/unit/core/postings.test.ts already checks that search results survive the round trip and that a
// truncated form, an out-of-range id and a twice-listed term are refused; these check the columns themselves.

function build(docs: readonly (readonly string[])[][], fields = 2): Postings {
	const p = createPostings(fields);
	for (const d of docs) addDocument(p, d);
	return p;
}

/** A postings' content as plain arrays, whatever its columns are stored as. */
const plain = (p: Postings) => ({
	terms: [...p.terms],
	docCount: p.docCount,
	ids: [...p.ids],
	fields: p.fields.map((f) => ({
		docs: f.docs.map((c) => [...c]),
		freqs: f.freqs.map((c) => [...c]),
		lengths: [...f.lengths],
		totalLength: f.totalLength,
	})),
});

const term = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const doc = fc.tuple(fc.array(term, { maxLength: 8 }), fc.array(term, { maxLength: 3 }));

// Two documents, terms a, b, c. Field 0: lengths [2, 2], offsets [0, 1, 3, 3], ids [0 | 0 1 | ], freqs.
const SMALL = build([
	[['a', 'b'], ['c']],
	[['b', 'b'], []],
]);

describe('encodePostings', () => {
	it('lays out, per field, the lengths, the offsets, then the ids and the frequencies', () => {
		const { layout, data } = encodePostings(SMALL);
		expect(LayoutSchema.parse(layout)).toEqual(layout);
		expect(layout).toEqual({
			terms: ['a', 'b', 'c'],
			docCount: 2,
			fields: [
				{ totalLength: 4, postings: 3 },
				{ totalLength: 1, postings: 1 },
			],
		});
		expect([...data.subarray(0, 12)]).toEqual([2, 2, 0, 1, 3, 3, 0, 0, 1, 1, 1, 2]);
		expect([...data.subarray(12)]).toEqual([1, 0, 0, 0, 0, 1, 0, 1]);
	});

	it('encodes empty postings as the offsets alone', () => {
		const { layout, data } = encodePostings(createPostings(2));
		expect(layout).toEqual({
			terms: [],
			docCount: 0,
			fields: [
				{ totalLength: 0, postings: 0 },
				{ totalLength: 0, postings: 0 },
			],
		});
		expect([...data]).toEqual([0, 0]);
		expect(decodePostings(layout, data).ok).toBe(true);
	});
});

describe('decodePostings', () => {
	it('gives back every column, length and total as encoded', () => {
		fc.assert(
			fc.property(fc.array(doc, { maxLength: 25 }), (docs) => {
				const p = build(docs);
				const { layout, data } = encodePostings(p);
				const decoded = decodePostings(layout, data);
				expect(decoded.ok).toBe(true);
				if (decoded.ok) expect(plain(decoded.value)).toEqual(plain(p));
			}),
			{ numRuns: 200 },
		);
	});

	it('takes views of the data rather than copies', () => {
		const { layout, data } = encodePostings(SMALL);
		const decoded = decodePostings(layout, data);
		if (!decoded.ok) throw new Error(decoded.error);
		const docs = decoded.value.fields[0]!.docs[1]!;
		expect(docs).toBeInstanceOf(Uint32Array);
		expect((docs as Uint32Array).buffer).toBe(data.buffer);
	});

	it('refuses offsets that run backwards', () => {
		const { layout, data } = encodePostings(SMALL);
		const bad = Uint32Array.from(data);
		bad[2 + 2] = 0; // offsets [0, 1, 0, 3]: term b would run from 1 back to 0
		expect(decodePostings(layout, bad)).toMatchObject({ ok: false, error: expect.stringMatching(/offsets/) });
	});

	it('refuses offsets past the postings, or ending short of them', () => {
		const { layout, data } = encodePostings(SMALL);
		const past = Uint32Array.from(data);
		past[2 + 2] = 9;
		past[2 + 3] = 9;
		expect(decodePostings(layout, past)).toMatchObject({ ok: false, error: expect.stringMatching(/out of order/) });
		const short = Uint32Array.from(data);
		short[2 + 3] = 2;
		short[2 + 2] = 2;
		expect(decodePostings(layout, short)).toMatchObject({ ok: false, error: expect.stringMatching(/do not end/) });
	});

	it('refuses document ids that repeat or go down within a term', () => {
		const { layout, data } = encodePostings(SMALL);
		const repeated = Uint32Array.from(data);
		repeated[6 + 2] = 0; // term b's ids: 0, 0
		expect(decodePostings(layout, repeated)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/out of order or range/),
		});
	});

	it('refuses data longer than the layout says, or a layout claiming more postings', () => {
		const { layout, data } = encodePostings(SMALL);
		const longer = new Uint32Array(data.length + 1);
		longer.set(data);
		expect(decodePostings(layout, longer)).toMatchObject({ ok: false, error: expect.stringMatching(/words/) });
		const more = { ...layout, fields: [{ ...layout.fields[0]!, postings: 4 }, layout.fields[1]!] };
		expect(decodePostings(more, data).ok).toBe(false);
		expect(decodePostings({ ...layout, docCount: 3 }, data).ok).toBe(false);
	});

	it('never throws on random words, and whatever it accepts has ids in range and in order', () => {
		const { layout } = encodePostings(SMALL);
		const words = fc.array(fc.nat({ max: 5 }), { minLength: 20, maxLength: 20 }).map((a) => Uint32Array.from(a));
		fc.assert(
			fc.property(words, (data) => {
				const decoded = decodePostings(layout, data);
				if (!decoded.ok) return;
				for (const f of decoded.value.fields) {
					for (const ids of f.docs) {
						const a = [...ids];
						for (let i = 0; i < a.length; i++) {
							expect(a[i]).toBeLessThan(layout.docCount);
							if (i > 0) expect(a[i]).toBeGreaterThan(a[i - 1]!);
						}
					}
				}
			}),
			{ numRuns: 300 },
		);
	});
});
