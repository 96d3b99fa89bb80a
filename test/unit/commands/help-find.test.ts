import { describe, expect, it } from 'vitest';
import { findSources, questionOf } from '../../../commands/find.js';
import { help, renderHelp } from '../../../commands/help.js';
import { OPERATOR_CALLER, type CommandContext } from '../../../commands/index.js';
import { viewOf } from '../../../src/core/corpus.js';
import { corpusFrom, DEFAULT_DATA } from '../../helpers/corpus.js';
import { shownResults } from '../../helpers/answer-text.js';

const corpus = corpusFrom(DEFAULT_DATA);
const context: CommandContext = { corpus, caller: OPERATOR_CALLER };

describe('/help', () => {
	it('is private, counts the sources the caller reads, names the newest, and offers their titles as questions', () => {
		const r = help.run({}, context);
		expect(r.ephemeral).toBe(true);
		expect(r.content).toContain(`**${corpus.sources.length} sources**`);
		const newest = [...corpus.sources].sort((a, b) =>
			(b.addedAt ?? b.published ?? '').localeCompare(a.addedAt ?? a.published ?? ''),
		)[0]!;
		expect(r.content).toContain(newest.publisher);
		expect(r.content).toContain(`\`/ask question:${newest.title.slice(0, 40)}`);
	});

	it('counts only the caller’s view, and says how to add a source when it is empty', () => {
		const r = help.run({}, { ...context, corpus: viewOf(corpus, ['guild:1']) });
		expect(r.content).toContain('no sources here yet');
		expect(r.content).toContain('/ingest');
	});

	it('says a source was added when it was, else when it was published', () => {
		const [s] = corpus.sources;
		expect(renderHelp([{ ...s!, addedAt: '2026-01-02T03:04:05.000Z' }]).content).toContain('was added 2026-01-02');
		const { addedAt: _added, ...plain } = s!;
		expect(renderHelp([plain]).content).toContain(`was published ${s!.published}`);
	});
});

describe('Find sources', () => {
	it('is a message command (type 3)', () => {
		expect(findSources.data).toEqual({ type: 3, name: 'Find sources' });
	});

	it('asks the message’s text as /ask does, privately', async () => {
		const r = await findSources.run('Serdar Kilic leads the Turkish delegation to Armenia', context);
		expect(r.ephemeral).toBe(true);
		expect(shownResults(r.content).length).toBeGreaterThan(0);
	});

	it('drops links, mentions and custom emoji from the question', () => {
		expect(questionOf('<@123> said <:ok:456> https://x.test/a b  c')).toBe('said b c');
	});

	it('answers a message without text with a clear private reply', async () => {
		const r = await findSources.run(' https://example.com ', context);
		expect(r.ephemeral).toBe(true);
		expect(r.content).toContain('no text to check');
	});

	it('checks an over-long message by its beginning and says so', async () => {
		const r = await findSources.run(`Turkish delegation ${'word '.repeat(200)}`, context);
		expect(r.ephemeral).toBe(true);
		expect(r.content).toContain('its beginning was checked');
	});
});
