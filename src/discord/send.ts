import {
	ButtonStyle,
	ComponentType,
	MessageFlags,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
} from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import {
	MAX_ACTION_ROWS,
	MAX_BUTTON_LABEL,
	MAX_BUTTONS_PER_ROW,
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_FOOTER,
	MAX_EMBED_TITLE,
	MAX_EMBED_URL,
	MAX_EMBEDS,
	MAX_MESSAGE_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from '../core/render/discord-limits.js';
import { withoutTextFragment } from '../core/render/link.js';
import type { Button, Card, Reply } from '../core/render/render.js';
import { clip, splitText } from './split.js';

/** Below this many characters left, a card is left out rather than cut to a stub. */
const MIN_USEFUL_DESCRIPTION = 200;
/** The embeds' side colour. */
export const EMBED_COLOR = 0x3b6ea5;

/** Mentions are never parsed: no reply pings anyone, whatever its text holds. */
const NO_MENTIONS = { parse: [] as [] };

/** A message as discord.js takes it: the one shape every reply, edit and update is sent in. */
export interface Payload {
	readonly content: string;
	readonly embeds: APIEmbed[];
	readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
	readonly allowedMentions: { readonly parse: [] };
	readonly flags?: MessageFlags.Ephemeral;
}

const embedChars = (e: APIEmbed): number =>
	(e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);

/**
 * A card's link within Discord's limit, which fails the whole message when passed: as given, else
 * without its text fragment (a long quote in a long address), else none (the footer still cites it).
 */
function embedUrl(url: string | undefined): string | undefined {
	if (url === undefined || url.length <= MAX_EMBED_URL) return url;
	const page = withoutTextFragment(url);
	return page.length <= MAX_EMBED_URL ? page : undefined;
}

/** A card as embeds: one, or several when its description is over Discord's limit (split, marked). */
function cardEmbeds(card: Card): APIEmbed[] {
	const parts = card.description.length > 0 ? splitText(card.description, MAX_EMBED_DESCRIPTION) : [''];
	const url = embedUrl(card.url);
	return parts.map((description, i) => ({
		color: EMBED_COLOR,
		...(i === 0 ? { title: clip(card.title, MAX_EMBED_TITLE) } : {}),
		...(i === 0 && url !== undefined ? { url } : {}),
		...(description.length > 0 ? { description } : {}),
		...(i === parts.length - 1 && card.footer !== undefined
			? { footer: { text: clip(card.footer, MAX_EMBED_FOOTER) } }
			: {}),
	}));
}

/** Keeps embeds within 10 a message and 6,000 characters in all; says how many were left out. */
function fitEmbeds(all: readonly APIEmbed[]): { embeds: APIEmbed[]; left: number } {
	const embeds: APIEmbed[] = [];
	let used = 0;
	for (const [i, e] of all.entries()) {
		const room = MAX_TOTAL_EMBED_CHARS - used;
		if (embeds.length < MAX_EMBEDS && embedChars(e) <= room) {
			embeds.push(e);
			used += embedChars(e);
			continue;
		}
		const roomForText = room - (e.title?.length ?? 0) - (e.footer?.text.length ?? 0);
		if (embeds.length < MAX_EMBEDS && e.description !== undefined && roomForText >= MIN_USEFUL_DESCRIPTION) {
			embeds.push({ ...e, description: clip(e.description, roomForText) });
			return { embeds, left: all.length - i - 1 };
		}
		return { embeds, left: all.length - i };
	}
	return { embeds, left: 0 };
}

/** Buttons in rows of five, at most five rows; ids sealed (signed, or shortened to Discord's 100 characters). */
function buttonRows(buttons: readonly Button[], shortenId: (id: string) => string): Payload['components'] {
	const rows: Payload['components'] = [];
	const kept = buttons.slice(0, MAX_BUTTONS_PER_ROW * MAX_ACTION_ROWS);
	for (let i = 0; i < kept.length; i += MAX_BUTTONS_PER_ROW) {
		rows.push({
			type: ComponentType.ActionRow,
			components: kept.slice(i, i + MAX_BUTTONS_PER_ROW).map((b) => ({
				type: ComponentType.Button,
				style: ButtonStyle.Secondary,
				custom_id: shortenId(b.id),
				label: clip(b.label, MAX_BUTTON_LABEL),
				disabled: b.disabled ?? false,
			})),
		});
	}
	return rows;
}

/**
 * Converts a core reply to the message Discord is sent, keeping every limit: content to 2,000
 * characters, a card too long for one embed split over several at paragraph or sentence boundaries,
 * at most 10 embeds and 6,000 embed characters (what does not fit is cut with "…" and counted in a
 * note), links within 2,048 characters, buttons five to a row. Mentions are never parsed; `ephemeral` becomes the Ephemeral flag.
 */
export function buildPayload(reply: Reply, shortenId: (id: string) => string = (id) => id): Payload {
	const { embeds, left } = fitEmbeds(reply.cards.flatMap(cardEmbeds));
	const note =
		left > 0
			? `\n${left === 1 ? 'One more part' : `${left} more parts`} did not fit in one Discord message; the links open the full text.`
			: '';
	let content = clip(reply.content, MAX_MESSAGE_LENGTH - note.length) + note;
	if (content.trim().length === 0 && embeds.length === 0) content = '(nothing to show)';
	return {
		content,
		embeds,
		components: buttonRows(reply.buttons, shortenId),
		allowedMentions: NO_MENTIONS,
		...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
	};
}

export type Answerable = ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;

/** How a reply goes out: as a new message, or (a button's result) in place of the message clicked. */
export type SendMode = 'reply' | 'update';

/** The payload without its flags: edits and updates cannot change whether a message is ephemeral. */
const unflagged = ({ flags: _flags, ...rest }: Payload): Omit<Payload, 'flags'> => rest;

/**
 * Sends a reply: the only way the bot answers an interaction. Picks the call Discord expects: `reply`
 * or `update` first, `editReply` once deferred, `followUp` once replied. An ephemeral reply after a
 * public deferral goes out as an ephemeral follow-up, and the "thinking…" placeholder is removed.
 */
export async function send(
	interaction: Answerable,
	reply: Reply,
	mode: SendMode,
	shortenId?: (id: string) => string,
): Promise<void> {
	const payload = buildPayload(reply, shortenId);
	if (interaction.replied) {
		await interaction.followUp(payload);
	} else if (!interaction.deferred) {
		if (mode === 'update' && !reply.ephemeral && interaction.isButton()) await interaction.update(unflagged(payload));
		else await interaction.reply(payload);
	} else if (reply.ephemeral && !interaction.ephemeral) {
		await interaction.followUp(payload);
		if (mode === 'reply') await interaction.deleteReply();
	} else {
		await interaction.editReply(unflagged(payload));
	}
}
