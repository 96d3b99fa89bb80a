import { z } from 'zod';
import type { Column, FieldPostings, Postings } from './postings.js';
import type { Result } from '../result.js';

/**
 * Postings as one flat Uint32Array plus a small description (the terms, the counts), so that the cache
 * loads by taking views of the file's bytes instead of parsing and rebuilding millions of entries.
 * Per field, in order: lengths (one per document), offsets (one per term, and one past the end), then
 * the document ids and the frequencies of every posting.
 */
export const LayoutSchema = z.object({
	terms: z.array(z.string()),
	docCount: z.number().int().nonnegative(),
	fields: z.array(z.object({ totalLength: z.number().nonnegative(), postings: z.number().int().nonnegative() })),
});
export type Layout = z.infer<typeof LayoutSchema>;

const u32 = (c: Column) => (Array.isArray(c) ? Uint32Array.from(c) : c);

/** The flat form of `p`. */
export function encodePostings(p: Postings): { layout: Layout; data: Uint32Array } {
	const sizes = p.fields.map((f) => f.docs.reduce((n, d) => n + d.length, 0));
	const words = p.fields.reduce((n, _, i) => n + p.docCount + p.terms.length + 1 + 2 * sizes[i]!, 0);
	const data = new Uint32Array(words);
	let at = 0;
	p.fields.forEach((field, f) => {
		data.set(u32(field.lengths), at);
		at += p.docCount;
		const offsets = at;
		at += p.terms.length + 1;
		let docsAt = at;
		let freqsAt = at + sizes[f]!;
		field.docs.forEach((docs, t) => {
			data[offsets + t] = docsAt - at;
			data.set(u32(docs), docsAt);
			data.set(u32(field.freqs[t]!), freqsAt);
			docsAt += docs.length;
			freqsAt += docs.length;
		});
		data[offsets + p.terms.length] = sizes[f]!;
		at += 2 * sizes[f]!;
	});
	const layout = {
		terms: p.terms,
		docCount: p.docCount,
		fields: p.fields.map((f, i) => ({ totalLength: f.totalLength, postings: sizes[i]! })),
	};
	return { layout, data };
}

const bad = (message: string): Result<never, string> => ({ ok: false, error: message });

/**
 * Postings from their flat form, the columns being views of `data` (no copy). Every offset and
 * document id is checked, so a damaged cache is refused rather than trusted.
 */
export function decodePostings(layout: Layout, data: Uint32Array): Result<Postings, string> {
	const { terms, docCount } = layout;
	const expected = layout.fields.reduce((n, f) => n + docCount + terms.length + 1 + 2 * f.postings, 0);
	if (data.length !== expected) return bad(`postings hold ${data.length} words, the layout says ${expected}`);
	const fields: FieldPostings[] = [];
	let at = 0;
	for (const { totalLength, postings } of layout.fields) {
		const lengths = data.subarray(at, at + docCount);
		const offsets = data.subarray(at + docCount, at + docCount + terms.length + 1);
		const base = at + docCount + terms.length + 1;
		const docs: Column[] = [];
		const freqs: Column[] = [];
		for (let t = 0; t < terms.length; t++) {
			const from = offsets[t]!;
			const to = offsets[t + 1]!;
			if (from > to || to > postings) return bad(`term ${t}: offsets ${from}..${to} out of order`);
			const ids = data.subarray(base + from, base + to);
			for (let i = 0; i < ids.length; i++) {
				if (ids[i]! >= docCount || (i > 0 && ids[i]! <= ids[i - 1]!))
					return bad(`term ${t}: document ids out of order or range`);
			}
			docs.push(ids);
			freqs.push(data.subarray(base + postings + from, base + postings + to));
		}
		if (offsets[terms.length] !== postings) return bad('offsets do not end where the postings do');
		fields.push({ docs, freqs, lengths, totalLength });
		at = base + 2 * postings;
	}
	const ids = new Map(terms.map((t, i) => [t, i]));
	if (ids.size !== terms.length) return bad('a term is listed twice');
	return { ok: true, value: { ids, terms: [...terms], fields, docCount } };
}
