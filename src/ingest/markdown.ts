import { Marked } from 'marked';
import { readBlocks } from './blocks.js';
import { parseFragment } from './dom.js';
import { normalizeSpace, splitFrontMatter } from './text.js';

const markdown = new Marked({ gfm: true, async: false });

/** A Markdown document read as paragraphs, with what its front matter and first heading say. */
export interface MarkdownText {
	readonly paragraphs: readonly string[];
	/** Front matter fields, keys lowercased. */
	readonly fields: Readonly<Record<string, string>>;
	/** The first level-1 heading, if any. */
	readonly heading?: string;
}

/**
 * Markdown as text paragraphs: rendered to HTML by marked and read block by block, so markup
 * (emphasis, links, images, code marks) goes and headings stay as short lines of their own.
 */
export function markdownParagraphs(source: string): MarkdownText {
	const { fields, body } = splitFrontMatter(source);
	const root = parseFragment(markdown.parse(body) as string);
	const heading = normalizeSpace(root.querySelector('h1')?.textContent ?? '');
	const paragraphs = readBlocks(root).map((b) => b.text);
	return heading === '' ? { paragraphs, fields } : { paragraphs, fields, heading };
}
