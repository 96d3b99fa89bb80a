import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CUSTOM_ID } from '../../../src/core/render/discord-limits.js';
import { MAX_BUTTON_STATE } from '../../../src/core/render/render.js';
import { buttonKey, createIdStore, TAG_LENGTH } from '../../../src/discord/custom-ids.js';

const KEY = buttonKey('test-token');

describe('button ids', () => {
	it('open to what was sealed, within Discord’s 100 characters, short ones as `id|tag`', () => {
		const ids = createIdStore(KEY);
		const sealed = ids.seal('source:page:asbarez-2024-05-13:2');
		expect(sealed).toMatch(new RegExp(`^source:page:asbarez-2024-05-13:2\\|[\\w-]{${TAG_LENGTH}}$`));
		expect(ids.open(sealed)).toEqual({ ok: true, value: 'source:page:asbarez-2024-05-13:2' });
	});

	it('keep working after a restart when the key comes from the same token', () => {
		const sealed = createIdStore(buttonKey('test-token')).seal('timeline:page:2:topic=border');
		expect(createIdStore(buttonKey('test-token')).open(sealed).ok).toBe(true);
		expect(createIdStore(buttonKey('another-token')).open(sealed)).toEqual({ ok: false, error: 'forged' });
	});

	it('refuse an id without a tag, with a changed state, or another command under the same tag', () => {
		const ids = createIdStore(KEY);
		const sealed = ids.seal('timeline:page:2:topic=border');
		const tag = sealed.slice(sealed.lastIndexOf('|'));
		expect(ids.open('ingest:page:1:url=http://127.0.0.1/x')).toEqual({ ok: false, error: 'forged' });
		expect(ids.open(`timeline:page:2:topic=borders${tag}`)).toEqual({ ok: false, error: 'forged' });
		expect(ids.open(`ingest:page:2:topic=border${tag}`)).toEqual({ ok: false, error: 'forged' });
		expect(ids.open(`${sealed.slice(0, -1)}${sealed.endsWith('A') ? 'B' : 'A'}`)).toEqual({
			ok: false,
			error: 'forged',
		});
	});

	it('send a state of up to MAX_BUTTON_STATE characters whole, so it survives a restart', () => {
		const ids = createIdStore(KEY);
		const state = `timeline:page:2:topic=${'b'.repeat(MAX_BUTTON_STATE - 'timeline:page:2:topic='.length)}`;
		expect(state).toHaveLength(MAX_BUTTON_STATE);
		const sealed = ids.seal(state);
		expect(sealed).toHaveLength(MAX_CUSTOM_ID);
		expect(createIdStore(KEY).open(sealed)).toEqual({ ok: true, value: state });
		expect(ids.seal(`${state}b`)).toMatch(/^~/);
	});

	it('remember a long id as ~hash, and say expired once it is forgotten or never was', () => {
		const ids = createIdStore(KEY, 1);
		const long = `ask:more:3:${'why '.repeat(40)}`;
		const short = ids.seal(long);
		expect(short).toMatch(/^~/);
		expect(short.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
		expect(ids.open(short)).toEqual({ ok: true, value: long });
		ids.seal(`ask:more:6:${'how '.repeat(40)}`);
		expect(ids.open(short)).toEqual({ ok: false, error: 'expired' });
		expect(ids.open('~forgottenhash0000000000')).toEqual({ ok: false, error: 'expired' });
	});

	it('never exceed 100 characters and always open back to their id (property)', () => {
		const ids = createIdStore(KEY);
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (state) => {
				const id = `ask:more:0:${state}`;
				const sealed = ids.seal(id);
				expect(sealed.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
				expect(ids.open(sealed)).toEqual({ ok: true, value: id });
			}),
		);
	});
});
