/**
 * Renders what the bot sends for /ask, /timeline and /source the way Discord draws it (dark theme,
 * its markdown, embeds, buttons) as HTML pages, and, when Debian's Chromium is installed, screenshots
 * them at desktop (1280 px) and phone (360 px) width, printing each rendering's height. A tool for
 * looking at replies as users do; not part of the build or the tests.
 *
 *   npx tsx scripts/render-replies.ts <out-dir> [label] [command:value]…
 *
 * Extra samples after the label: `ask:<question>` or `source:<id>`; INDEX_DATA_DIR reads another
 * data directory than the default corpus (a mixed-language one, say).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commands, type Caller, type CommandContext } from '../commands/index.js';
import { viewOf } from '../src/core/corpus.js';
import type { Reply } from '../src/core/render/render.js';
import { buildPayload, type Payload } from '../src/discord/send.js';
import { createLogger } from '../src/log.js';
import { loadDataDir } from '../src/store/data-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const WIDTHS = { desktop: 1280, phone: 360 } as const;

const SAMPLES: { name: string; command: string; options: Record<string, unknown> }[] = [
	{ name: 'ask', command: 'ask', options: { question: 'Who leads the Turkish delegation to Armenia?' } },
	{ name: 'timeline', command: 'timeline', options: {} },
	{ name: 'source', command: 'source', options: { id: 'asbarez-2024-05-13' } },
];

const escapeHtml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Discord's inline markdown, enough to look at replies: escapes, bold, italics, code, masked links, bare links. */
function inline(text: string): string {
	const escapes: string[] = [];
	let s = text.replace(/\\([\\`*_~|>#\-[\]()<@!.:])/g, (_m, c: string) => `\uE000${escapes.push(c) - 1}\uE000`);
	s = escapeHtml(s);
	s = s.replace(/`([^`]+)`/g, '<code>$1</code>');
	s = s.replace(/\[([^\]]+)\]\(&lt;(https?:[^)]*?)&gt;\)/g, '<a href="$2">$1</a>');
	s = s.replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
	s = s.replace(/&lt;(https?:[^\s]+?)&gt;/g, '<a href="$1">$1</a>');
	s = s.replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>');
	s = s.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<i>$2</i>');
	s = s.replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<i>$2</i>');
	return s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => escapeHtml(escapes[Number(i)] ?? ''));
}

/** Block markdown: quotes (`> `), subtext (`-# `), headings, lines. */
function markdown(text: string): string {
	const out: string[] = [];
	for (const line of text.split('\n')) {
		if (line.startsWith('> ')) out.push(`<div class="quote">${inline(line.slice(2))}</div>`);
		else if (line.startsWith('-# ')) out.push(`<div class="sub">${inline(line.slice(3))}</div>`);
		else if (/^#{1,3} /.test(line)) out.push(`<div class="h">${inline(line.replace(/^#+ /, ''))}</div>`);
		else out.push(`<div class="line">${line.trim() === '' ? '&nbsp;' : inline(line)}</div>`);
	}
	return out.join('');
}

function messageHtml(payload: Payload): string {
	const embeds = payload.embeds
		.map(
			(e) =>
				`<div class="embed">${
					e.title === undefined
						? ''
						: `<div class="etitle">${e.url === undefined ? inline(e.title) : `<a href="${escapeHtml(e.url)}">${inline(e.title)}</a>`}</div>`
				}${e.description === undefined ? '' : `<div class="edesc">${markdown(e.description)}</div>`}${
					e.footer === undefined ? '' : `<div class="efoot">${escapeHtml(e.footer.text)}</div>`
				}</div>`,
		)
		.join('');
	const rows = payload.components
		.map(
			(row) =>
				`<div class="row">${row.components.map((b) => `<span class="btn${b.disabled === true ? ' off' : ''}">${escapeHtml(b.label ?? '')}</span>`).join('')}</div>`,
		)
		.join('');
	const ephemeral = payload.flags === undefined ? '' : '<div class="eph">Only you can see this</div>';
	return `<div class="msg"><div class="avatar"></div><div class="body"><div class="name">Verbatim <span class="bot">APP</span></div>${markdown(payload.content)}${embeds}${rows}${ephemeral}</div></div>`;
}

const CSS = `body{margin:0;background:#313338;color:#dbdee1;font:16px/1.375 "gg sans","Noto Sans","Helvetica Neue",Arial,sans-serif}
.msg{display:flex;padding:8px 16px 8px 16px}.avatar{flex:none;width:40px;height:40px;border-radius:50%;background:#5865f2;margin-right:16px}
.body{min-width:0;flex:1}.name{font-weight:600;color:#f2f3f5}.bot{background:#5865f2;color:#fff;font-size:10px;padding:1px 4px;border-radius:3px;vertical-align:2px}
.line{white-space:pre-wrap;overflow-wrap:anywhere}.quote{border-left:4px solid #4e5058;padding:0 8px 0 12px;white-space:pre-wrap;overflow-wrap:anywhere}
.sub{font-size:13px;color:#949ba4;overflow-wrap:anywhere}.h{font-weight:700;font-size:20px}
a{color:#00a8fc;text-decoration:none}code{background:#2b2d31;padding:0 3px;border-radius:3px;font-size:14px}
.embed{background:#2b2d31;border-left:4px solid #5865f2;border-radius:4px;padding:8px 16px 16px 12px;margin-top:8px;max-width:520px;overflow-wrap:anywhere}
.etitle{font-weight:600;margin-top:8px}.edesc{font-size:14px;margin-top:8px}.efoot{font-size:12px;color:#b5bac1;margin-top:8px}
.row{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}.btn{background:#4e5058;color:#fff;border-radius:3px;padding:2px 16px;font-size:14px;line-height:32px}
.btn.off{opacity:.5}.eph{font-size:12px;color:#949ba4;margin-top:4px}`;

/** The page at a fixed width, so that its height can be read whatever window Chromium lays it out in. */
const page = (payload: Payload, width: number) =>
	`<!doctype html><html><head><meta charset="utf-8"><title>?</title><style>${CSS}body{width:${width}px}</style></head><body>${messageHtml(payload)}<script>document.title=String(document.body.scrollHeight)</script></body></html>`;

async function main(): Promise<void> {
	const out = resolve(process.argv[2] ?? 'bench/out/replies');
	const label = process.argv[3] ?? 'now';
	mkdirSync(out, { recursive: true });
	const dir = process.env.INDEX_DATA_DIR ?? join(import.meta.dirname, '..', 'index-data');
	const { corpus } = await loadDataDir(dir, createLogger('silent'), { timeline: true });
	const extra = process.argv.slice(4).map((arg, i) => {
		const [command, ...rest] = arg.split(':');
		const value = rest.join(':');
		return {
			name: `${command}-${i + 1}`,
			command: command!,
			options: command === 'ask' ? { question: value } : { id: value },
		};
	});
	const caller: Caller = { userId: '1300000000000000100', guildId: '1300000000000000002', owner: false };
	const context: CommandContext = { corpus: viewOf(corpus, ['shared']), caller };
	for (const sample of [...SAMPLES, ...extra]) {
		const command = commands.find((c) => c.data.name === sample.command)!;
		const reply: Reply = await command.run(command.input.parse(sample.options), context);
		const payload = buildPayload(reply);
		const base = join(out, `${label}-${sample.name}`);
		writeFileSync(`${base}.json`, JSON.stringify(payload, null, 2));
		for (const [device, width] of Object.entries(WIDTHS)) {
			const html = `${base}-${device}.html`;
			writeFileSync(html, page(payload, width));
			if (!existsSync(CHROMIUM)) continue;
			const args = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${width},800`];
			const dom = execFileSync(CHROMIUM, [...args, '--dump-dom', `file://${html}`], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			});
			const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1] ?? 800);
			execFileSync(
				CHROMIUM,
				[
					...args.slice(0, -1),
					`--window-size=${width},${height}`,
					`--screenshot=${base}-${device}.png`,
					`file://${html}`,
				],
				{ stdio: 'ignore' },
			);
			console.log(`${label} ${sample.name} ${device}: ${height} px (${base}-${device}.png)`);
		}
	}
}

await main();
