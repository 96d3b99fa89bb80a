import { describe, expect, it } from 'vitest';
import { scoreTimeline, type ScoredEvent, type TimelineItem } from '../../../bench/timeline-eval.js';

const item = (id: string, source: string, date: string | null, gold: string, kind = 'absolute'): TimelineItem => ({
	id,
	source,
	date,
	gold,
	kind,
	note: '',
});
const event = (source: string, date: string, text: string, also: ScoredEvent['also'] = []): ScoredEvent => ({
	source: { id: source },
	date,
	text,
	also,
});

describe('scoreTimeline', () => {
	const events = [
		event('a', '2024-05-10', 'The talks opened on Friday in Berlin.'),
		event('a', '2024-05', 'The talks opened on Friday in Berlin.'),
		event('b', '2021', 'The bridge was closed in 2021 after a flood.', [
			{ source: { id: 'c' }, text: 'A flood closed the bridge in 2021.' },
		]),
	];

	it('finds an event only with its very date at the same precision, from its own source', () => {
		const score = scoreTimeline(events, [
			item('1', 'a', '2024-05-10', 'opened on Friday'),
			item('2', 'a', '2024-05-11', 'opened on Friday'),
			item('3', 'a', '2024', 'opened on Friday'),
			item('4', 'b', '2024-05-10', 'opened on Friday'),
		]);
		expect(score).toMatchObject({ found: 1, total: 4, exact: 0.25, trapsSprung: 0, traps: 0 });
		expect(score.misses.map((m) => [m.item.id, m.got])).toEqual([
			['2', ['2024-05-10', '2024-05']],
			['3', ['2024-05-10', '2024-05']],
			['4', []],
		]);
	});

	it('counts a merged twin in `also` as an event of its own source, dated like the event it joined', () => {
		const score = scoreTimeline(events, [item('1', 'c', '2021', 'A flood closed the bridge')]);
		expect(score).toMatchObject({ found: 1, total: 1, exact: 1, misses: [] });
	});

	it('springs a trap when any listed event holds its gold, and counts traps apart from events', () => {
		const score = scoreTimeline(events, [
			item('t1', 'b', null, 'closed in 2021 after', 'not-an-event'),
			item('t2', 'b', null, 'costs $40 million', 'not-an-event'),
		]);
		expect(score).toMatchObject({ found: 0, total: 0, exact: 0, trapsSprung: 1, traps: 2 });
		expect(score.misses.map((m) => m.item.id)).toEqual(['t1']);
	});
});
