import { describe, expect, it } from 'vitest';
import { commands, OPERATOR_CALLER } from '../../../commands/index.js';
import { err, ok } from '../../../src/core/result.js';
import { resolveButton } from '../../../src/discord/buttons.js';
import { corpusFrom, FIXTURE_DATA } from '../../helpers/corpus.js';

const context = { corpus: corpusFrom(FIXTURE_DATA), caller: OPERATOR_CALLER };
const resolve = (id: string) => resolveButton(ok(id), commands, context);

describe('resolveButton', () => {
	it('re-runs a read-only command with the options its id carries', () => {
		const more = resolve('ask:more:3:Who leads the delegation?');
		expect(more).toMatchObject({ kind: 'run', options: { offset: 3, question: 'Who leads the delegation?' } });
		expect(more.kind === 'run' && more.command.data.name).toBe('ask');
		const page = resolve('timeline:page:2:topic=border');
		expect(page).toMatchObject({ kind: 'run', options: { page: 2, topic: 'border' } });
	});

	it('refuses the generic pager for a command that is not read-only, whatever its options', () => {
		const action = resolve('ingest:page:1:url=http://127.0.0.1/article');
		expect(action).toMatchObject({ kind: 'refuse', reason: 'command not read-only' });
		expect(action.kind !== 'run' && action.reply.ephemeral).toBe(true);
	});

	it('refuses an id the store would not open as the bot’s own, and says a forgotten one expired', () => {
		expect(resolveButton(err('forged'), commands, context)).toMatchObject({
			kind: 'refuse',
			reason: 'unsigned button',
		});
		const expired = resolveButton(err('expired'), commands, context);
		expect(expired.kind === 'reply' && expired.reply.content).toMatch(/expired/);
	});

	it('marks exactly the commands that change nothing as read-only', () => {
		const readOnly = commands.filter((c) => c.readOnly === true).map((c) => c.data.name);
		expect(readOnly.sort()).toEqual(['ask', 'source', 'sources', 'timeline']);
	});
});
