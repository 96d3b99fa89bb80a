import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { dateRange, parsePartialDate } from '../src/core/dates/dates.js';
import type { Corpus } from '../src/core/corpus.js';
import { errorReply, type Reply } from '../src/core/render/render.js';
import { renderTimeline } from '../src/core/render/timeline.js';
import { timeline as timelineOf } from '../src/core/dates/timeline.js';
import { defineCommand } from './define.js';

/** Longest topic accepted: short enough that the paging buttons' ids carry it whole. */
export const MAX_TOPIC_LENGTH = 50;
const MAX_DATE_LENGTH = 10;

const dateHint = (name: string) =>
	`${name}: give a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024, 2024-05 or 2024-05-11.`;

/** An optional date option: empty means unset; anything but a real YYYY[-MM[-DD]] date is refused. */
const dateOption = (name: string) =>
	z
		.string({ error: dateHint(name) })
		.trim()
		.max(MAX_DATE_LENGTH, dateHint(name))
		.refine((v) => v === '' || parsePartialDate(v) !== null, dateHint(name))
		.transform((v) => (v === '' ? undefined : v))
		.optional();

const TimelineInput = z.object({
	topic: z
		.string({ error: 'The topic must be text.' })
		.trim()
		.max(MAX_TOPIC_LENGTH, `Topics are limited to ${MAX_TOPIC_LENGTH} characters; shorten it.`)
		.transform((v) => (v === '' ? undefined : v))
		.optional(),
	since: dateOption('since'),
	until: dateOption('until'),
	/** Set by the paging buttons (`timeline:page:<n>:…`), not a slash option. */
	page: z.coerce.number({ error: 'page: a whole number from 1.' }).int().min(1).max(100_000).optional(),
});
type TimelineInput = z.infer<typeof TimelineInput>;

export const timeline = defineCommand({
	// Buttons re-run it ("More", the pagers): it only reads the sources.
	readOnly: true,
	data: {
		name: 'timeline',
		description: 'List dated events from the sources, newest first, each quoted word for word with a link',
		options: [
			{
				type: ApplicationCommandOptionType.String,
				name: 'topic',
				description: 'Only events whose sentence matches these words',
				required: false,
				max_length: MAX_TOPIC_LENGTH,
			},
			{
				type: ApplicationCommandOptionType.String,
				name: 'since',
				description: 'Only events on or after this date: 2024, 2024-05 or 2024-05-11',
				required: false,
				max_length: MAX_DATE_LENGTH,
			},
			{
				type: ApplicationCommandOptionType.String,
				name: 'until',
				description: 'Only events on or before this date: 2025, 2025-03 or 2025-03-31',
				required: false,
				max_length: MAX_DATE_LENGTH,
			},
		],
	},
	input: TimelineInput,
	run: (input, { corpus }) => timelineReply(input, corpus, todayOf(new Date())),
});

/** A day as `YYYY-MM-DD`, in UTC: what the timeline calls today. */
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * /timeline's reply for parsed options, with `today` (`YYYY-MM-DD`) given: events dated after it are
 * listed as scheduled. The command passes the clock's day; tests pass a fixed one.
 */
export function timelineReply(input: TimelineInput, corpus: Corpus, today: string): Reply {
	const { topic, since, until, page } = input;
	const from = since === undefined ? undefined : parsePartialDate(since);
	const to = until === undefined ? undefined : parsePartialDate(until);
	if (from === null) return errorReply(dateHint('since'));
	if (to === null) return errorReply(dateHint('until'));
	if (from !== undefined && to !== undefined && dateRange(from).start > dateRange(to).end) {
		return errorReply(`since (${from.date}) is after until (${to.date}): swap them or widen the dates.`);
	}
	const { events } = timelineOf(corpus, { since: from, until: to, query: topic });
	return renderTimeline(events, today, { topic, since, until, page });
}
