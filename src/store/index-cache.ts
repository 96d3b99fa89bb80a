import { open, readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { ENGINE_NAMES } from '../core/search/engine.js';
import { LayoutSchema } from '../core/search/postings-codec.js';
import type { SerializedIndex } from '../core/search/search-index.js';

/**
 * The index cache file: a magic string, the length of a JSON header (which engine, the column
 * engine's terms and counts, the everyday-word ranks, what the index covers, a CRC-32 of the rest),
 * padding to a 4-byte boundary, then the engine's body: the column engine's postings as raw 32-bit
 * words (loading takes views of them; nothing is parsed but the header), or MiniSearch's own JSON.
 */
const MAGIC = Buffer.from('VERBIDX3', 'latin1');
const ENDIAN = endianness();

/**
 * What an index covers, so that the next start can reuse it when sources were only added since:
 * the settings it was built with, and a hash per source in catalog order.
 */
export const CoverageSchema = z.object({ settings: z.string(), sources: z.array(z.string()) });
export type Coverage = z.infer<typeof CoverageSchema>;

const HeaderSchema = z.object({
	endian: z.literal(ENDIAN),
	crc: z.number().int().nonnegative(),
	engine: z.enum(ENGINE_NAMES),
	layout: LayoutSchema.optional(),
	background: z.array(z.tuple([z.string(), z.number()])),
	coverage: CoverageSchema,
});
type Header = z.infer<typeof HeaderSchema>;

const padded = (n: number) => Math.ceil(n / 4) * 4;

/** The bytes of a cache file for `index`, covering what `coverage` says. */
export function encodeIndexCache(index: SerializedIndex, coverage: Coverage): Buffer {
	const data =
		index.engine === 'columnar'
			? Buffer.from(index.data.buffer, index.data.byteOffset, index.data.byteLength)
			: Buffer.from(index.json, 'utf8');
	const fields: Header = {
		endian: ENDIAN,
		crc: crc32(data),
		engine: index.engine,
		...(index.engine === 'columnar' ? { layout: index.layout } : {}),
		background: index.background,
		coverage,
	};
	const header = Buffer.from(JSON.stringify(fields));
	const size = Buffer.alloc(4);
	size.writeUInt32LE(header.length);
	const start = padded(MAGIC.length + 4 + header.length);
	return Buffer.concat([MAGIC, size, header, Buffer.alloc(start - MAGIC.length - 4 - header.length), data]);
}

function parseHeader(bytes: Buffer, headerLength: number): { ok: true; value: Header } | { ok: false; error: string } {
	try {
		const parsed = HeaderSchema.safeParse(
			JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)),
		);
		return parsed.success
			? { ok: true, value: parsed.data }
			: { ok: false, error: `header: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
	} catch {
		return { ok: false, error: 'header is not JSON' };
	}
}

export interface IndexCache {
	readonly index: SerializedIndex;
	readonly coverage: Coverage;
}

/** The index in a cache file's bytes, or why they cannot be trusted (truncated, damaged, foreign). */
export function decodeIndexCache(bytes: Buffer): { ok: true; value: IndexCache } | { ok: false; error: string } {
	if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
		return { ok: false, error: 'not an index cache' };
	const headerLength = bytes.readUInt32LE(MAGIC.length);
	const start = padded(MAGIC.length + 4 + headerLength);
	if (start > bytes.length) return { ok: false, error: 'truncated' };
	const header = parseHeader(bytes, headerLength);
	if (!header.ok) return header;
	const { engine, layout, background, coverage, crc } = header.value;
	const body = bytes.subarray(start);
	if (crc32(body) !== crc) return { ok: false, error: 'checksum mismatch' };
	if (engine === 'minisearch')
		return { ok: true, value: { index: { engine, json: body.toString('utf8'), background }, coverage } };
	if (layout === undefined || body.length % 4 !== 0) return { ok: false, error: 'truncated' };
	// Views need 4-byte alignment; a small file read into Node's buffer pool may not have it: copy then.
	const aligned = body.byteOffset % 4 === 0 ? body : new Uint8Array(body);
	const data = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
	return { ok: true, value: { index: { engine, layout, data, background }, coverage } };
}

/** Reads a cache file; undefined when it is missing or cannot be trusted. */
export async function readIndexCache(path: string): Promise<IndexCache | undefined> {
	try {
		const decoded = decodeIndexCache(await readFile(path));
		return decoded.ok ? decoded.value : undefined;
	} catch {
		return undefined;
	}
}

/** What a cache file covers, read from its header alone (a large index is not read to learn it). */
export async function readIndexCoverage(path: string): Promise<Coverage | undefined> {
	let file;
	try {
		file = await open(path, 'r');
		const head = Buffer.alloc(MAGIC.length + 4);
		if (
			(await file.read(head, 0, head.length, 0)).bytesRead < head.length ||
			!head.subarray(0, MAGIC.length).equals(MAGIC)
		)
			return undefined;
		const headerLength = head.readUInt32LE(MAGIC.length);
		const bytes = Buffer.alloc(MAGIC.length + 4 + headerLength);
		if ((await file.read(bytes, 0, bytes.length, 0)).bytesRead < bytes.length) return undefined;
		const header = parseHeader(bytes, headerLength);
		return header.ok ? header.value.coverage : undefined;
	} catch {
		return undefined;
	} finally {
		await file?.close();
	}
}
