import { z } from 'zod';
import { publishedLabel, type Source } from '../src/core/catalog.js';
import { newestFirst } from '../src/core/sources.js';
import { escapeMarkdown } from '../src/core/render/markdown.js';
import { buttonId, reply, type Reply } from '../src/core/render/render.js';
import { defineCommand, ownLibrary } from './define.js';
import { addedLine } from './library.js';

/** Sources listed a page: each line is short enough that ten fit in one message. */
export const SOURCES_PAGE_SIZE = 10;

/** A line of the list: id, title, publisher and date, and who added it when. */
const line = (s: Source) =>
	`\`${s.id}\` ${escapeMarkdown(s.title.slice(0, 120))} (${escapeMarkdown(s.publisher)}, ${publishedLabel(s)}) · ${addedLine(s)}`;

export const sources = defineCommand({
	// Its pager re-runs it: it only reads the sources.
	readOnly: true,
	data: {
		name: 'sources',
		description: 'List the sources this server can quote, its own library first, with who added them',
		options: [],
	},
	input: z.object({
		/** Set by the paging buttons (`sources:page:<n>`), not a slash option. */
		page: z.coerce.number({ error: 'page: a whole number from 1.' }).int().min(1).max(100_000).optional(),
	}),
	run: ({ page = 1 }, { corpus, caller }): Reply => {
		const own = ownLibrary(caller);
		const mine = corpus.sources.filter((s) => s.library === own && own !== 'shared').sort(newestFirst);
		const shared = corpus.sources.filter((s) => s.library === 'shared').sort(newestFirst);
		const all = [...mine, ...shared];
		const pages = Math.max(1, Math.ceil(all.length / SOURCES_PAGE_SIZE));
		const at = Math.min(page, pages);
		const shown = all.slice((at - 1) * SOURCES_PAGE_SIZE, at * SOURCES_PAGE_SIZE);
		const heading =
			own === 'shared'
				? `**${all.length} sources** in the shared library`
				: `**${all.length} sources**: ${mine.length} in this server’s library, ${shared.length} shared`;
		const body = shown.map(line).join('\n');
		const buttons =
			pages === 1
				? []
				: [
						{ id: buttonId('sources', 'page', at - 1), label: 'Previous', disabled: at <= 1 },
						{ id: buttonId('sources', 'page', at + 1), label: 'Next', disabled: at >= pages },
					];
		const footer = pages === 1 ? '' : `\npage ${at} of ${pages}`;
		return reply(`${heading}\n${body}${footer}`, { buttons });
	},
});
