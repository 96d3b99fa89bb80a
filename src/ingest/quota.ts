import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SHARED_LIBRARY, type Library, type Source } from '../core/catalog.js';
import { stop } from './problem.js';

/**
 * How much may be stored. A server's library is held to a number of sources and of paragraphs, so
 * that one server cannot fill the machine nor flood the shared index; everything together, the
 * shared library included, to a total of text. The shared library is the operator's and has no
 * count of its own.
 */
export interface Quotas {
	/** All text files together, in bytes (MAX_DATA_MB). */
	readonly maxTotalBytes: number;
	/** Sources in one server's library (GUILD_MAX_SOURCES). */
	readonly librarySources: number;
	/** Paragraphs in one server's library (GUILD_MAX_PARAGRAPHS). */
	readonly libraryParagraphs: number;
}

export const DEFAULT_QUOTAS: Quotas = {
	maxTotalBytes: 2_048 * 1024 * 1024,
	librarySources: 500,
	libraryParagraphs: 50_000,
};

/** What an entry records of its text's size (written with it; absent in older entries). */
export interface RecordedSize {
	readonly bytes?: number;
	readonly paragraphs?: number;
}

/** How a store tells a text's size when its entry records none. */
export type SizeOf = (source: Source) => Promise<number>;

/** A data directory's {@link SizeOf}: the text file's size (a stat, not a read); 0 when it is missing. */
export const fileSizeIn =
	(dir: string): SizeOf =>
	async (source) =>
		(await stat(join(dir, source.file)).catch(() => undefined))?.size ?? 0;

/** An entry's text size in bytes: as recorded, else the store's. */
async function bytesOf(sizeOf: SizeOf, source: Source, recorded: RecordedSize | undefined): Promise<number> {
	return recorded?.bytes ?? sizeOf(source);
}

/**
 * Stops the ingest with `full` unless `added` (bytes and paragraphs, replacing `replacing` if given)
 * fits in `library` and in the store (MAX_DATA_MB). Called under the store's write lock, on the
 * catalog as it is stored.
 */
export async function checkQuotas(
	sizeOf: SizeOf,
	sources: readonly Source[],
	sizes: ReadonlyMap<string, RecordedSize>,
	library: Library,
	added: { readonly bytes: number; readonly paragraphs: number },
	quotas: Quotas,
	replacing?: Source,
): Promise<void> {
	const others = sources.filter((s) => s.id !== replacing?.id);
	let total = added.bytes;
	for (const s of others) total += await bytesOf(sizeOf, s, sizes.get(s.id));
	if (total > quotas.maxTotalBytes)
		stop(
			'full',
			`the sources would pass MAX_DATA_MB (${Math.round(quotas.maxTotalBytes / 1024 / 1024)} MB); remove some or raise it`,
		);
	if (library === SHARED_LIBRARY) return;
	const own = others.filter((s) => s.library === library);
	if (own.length + 1 > quotas.librarySources)
		stop('full', `${library} holds ${own.length} sources, its limit (GUILD_MAX_SOURCES); remove one first`);
	const paragraphs = own.reduce((n, s) => n + (sizes.get(s.id)?.paragraphs ?? 0), added.paragraphs);
	if (paragraphs > quotas.libraryParagraphs)
		stop(
			'full',
			`${library} would hold ${paragraphs} paragraphs, over its limit of ${quotas.libraryParagraphs} (GUILD_MAX_PARAGRAPHS); remove some first`,
		);
}
