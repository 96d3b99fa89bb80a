import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { LayoutSchema } from '../core/search/postings-codec.js';
import type { SerializedIndex } from '../core/search/search-index.js';

/**
 * The index cache file: a magic string, the length of a JSON header (the terms, the counts, the
 * everyday-word ranks, a CRC-32 of the rest), padding to a 4-byte boundary, then the postings as
 * raw 32-bit words. Loading takes views of those words; nothing is parsed but the header.
 */
const MAGIC = Buffer.from('VERBIDX2', 'latin1');
const ENDIAN = endianness();

const HeaderSchema = z.object({
	endian: z.literal(ENDIAN),
	crc: z.number().int().nonnegative(),
	layout: LayoutSchema,
	background: z.array(z.tuple([z.string(), z.number()])),
});

const padded = (n: number) => Math.ceil(n / 4) * 4;

/** The bytes of a cache file for `index`. */
export function encodeIndexCache(index: SerializedIndex): Buffer {
	const data = Buffer.from(index.data.buffer, index.data.byteOffset, index.data.byteLength);
	const header = Buffer.from(JSON.stringify({ endian: ENDIAN, crc: crc32(data), layout: index.layout, background: index.background }));
	const size = Buffer.alloc(4);
	size.writeUInt32LE(header.length);
	const start = padded(MAGIC.length + 4 + header.length);
	return Buffer.concat([MAGIC, size, header, Buffer.alloc(start - MAGIC.length - 4 - header.length), data]);
}

/** The index in a cache file's bytes, or why they cannot be trusted (truncated, damaged, foreign). */
export function decodeIndexCache(bytes: Buffer): { ok: true; value: SerializedIndex } | { ok: false; error: string } {
	if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, error: 'not an index cache' };
	const headerLength = bytes.readUInt32LE(MAGIC.length);
	const start = padded(MAGIC.length + 4 + headerLength);
	if (start > bytes.length || (bytes.length - start) % 4 !== 0) return { ok: false, error: 'truncated' };
	let header: z.infer<typeof HeaderSchema>;
	try {
		const parsed = HeaderSchema.safeParse(JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)));
		if (!parsed.success) return { ok: false, error: `header: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
		header = parsed.data;
	} catch {
		return { ok: false, error: 'header is not JSON' };
	}
	const body = bytes.subarray(start);
	if (crc32(body) !== header.crc) return { ok: false, error: 'checksum mismatch' };
	// Views need 4-byte alignment; a small file read into Node's buffer pool may not have it: copy then.
	const aligned = body.byteOffset % 4 === 0 ? body : new Uint8Array(body);
	const data = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
	return { ok: true, value: { layout: header.layout, data, background: header.background } };
}

/** Reads a cache file; undefined when it is missing or cannot be trusted. */
export async function readIndexCache(path: string): Promise<SerializedIndex | undefined> {
	try {
		const decoded = decodeIndexCache(await readFile(path));
		return decoded.ok ? decoded.value : undefined;
	} catch {
		return undefined;
	}
}
