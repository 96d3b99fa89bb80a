import { publishedLabel, SHARED_LIBRARY } from '../core/catalog.js';
import { closeIds } from '../core/text/close-ids.js';
import type { Corpus } from '../core/corpus.js';
import { UsageError } from '../env.js';
import { parseCommandArgs } from './args.js';

/** `source <id> [--json]` and `source --list [--json]` (tab-separated: id, date, publisher, title, library). */
export function runSource(args: string[], corpus: Corpus, write: (s: string) => void): void {
	const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, list: { type: 'boolean' } });
	const json = values.json === true;
	if (values.list === true) {
		// A server's own library first (with --library guild:<id>), then the shared one, each in catalog order.
		const sources = [
			...corpus.sources.filter((s) => s.library !== SHARED_LIBRARY),
			...corpus.sources.filter((s) => s.library === SHARED_LIBRARY),
		];
		if (json) write(JSON.stringify({ sources }, null, 2));
		else for (const s of sources) write(`${s.id}\t${publishedLabel(s)}\t${s.publisher}\t${s.title}\t${s.library}`);
		return;
	}
	const [id, ...rest] = positionals;
	if (id === undefined || rest.length > 0)
		throw new UsageError('source needs one id: source <id> [--json], or source --list');
	const found = corpus.byId.get(id);
	if (found === undefined) {
		const ids = [...corpus.byId.keys()];
		const close = closeIds(ids, id);
		const hint =
			close.length > 0
				? `did you mean ${close.join(', ')}?`
				: `known ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
		throw new UsageError(`no source "${id.slice(0, 80)}": ${hint}`);
	}
	const paragraphs = (corpus.paragraphsOf.get(id) ?? []).map((p) => p.text);
	if (json) {
		write(JSON.stringify({ source: found, paragraphs }, null, 2));
		return;
	}
	write(
		`${found.title}\n${found.publisher} · ${publishedLabel(found)}${found.authors.length > 0 ? ` · ${found.authors.join(', ')}` : ''}\n${found.url}\n`,
	);
	paragraphs.forEach((p, i) => write(`[${i + 1}] ${p}`));
}
