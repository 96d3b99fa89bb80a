/**
 * Discord's limits, each named once: the renderers shape replies within them, the payload builder
 * (src/discord/send.ts) enforces them on whatever reaches Discord, the router and the commands keep
 * to them, and the tests check against them. A value here is Discord's, never a choice of ours (ours,
 * like MAX_QUOTE_LENGTH, sit beside the code they tune). In core because the renderers need them.
 *
 * Lengths are measured with `String.length` (UTF-16 units), which is never less than Discord's count
 * of characters, so a text within a limit here is within Discord's.
 *
 * - Messages and embeds: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 *   and https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 * - Buttons and action rows: https://discord.com/developers/docs/components/reference#button and
 *   https://discord.com/developers/docs/components/reference#action-row
 * - Commands, options and autocomplete: https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure
 * - The response deadline: https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */

/** Characters of a message's content. */
export const MAX_MESSAGE_LENGTH = 2_000;
/** Embeds in one message. */
export const MAX_EMBEDS = 10;
/** Characters of an embed's title. */
export const MAX_EMBED_TITLE = 256;
/** Characters of an embed's description. */
export const MAX_EMBED_DESCRIPTION = 4_096;
/** Characters of an embed's footer text. */
export const MAX_EMBED_FOOTER = 2_048;
/** Characters of all the embeds of one message together: titles, descriptions, footers (and fields, authors). */
export const MAX_TOTAL_EMBED_CHARS = 6_000;
/** Characters of an embed's url: enforced by the API (a longer one fails the whole message), though not in the limits table. */
export const MAX_EMBED_URL = 2_048;
/** Characters of a component's custom id: the whole state a button carries must fit in it. */
export const MAX_CUSTOM_ID = 100;
/** Characters of a button's label. */
export const MAX_BUTTON_LABEL = 80;
/** Buttons in one action row. */
export const MAX_BUTTONS_PER_ROW = 5;
/** Action rows in one message. */
export const MAX_ACTION_ROWS = 5;
/** Choices in one autocomplete response. */
export const MAX_CHOICES = 25;
/** Characters of an autocomplete choice's name, and of its string value. */
export const MAX_CHOICE_LENGTH = 100;
/** Characters of a slash command's or an option's description: a longer one fails the deploy. */
export const MAX_COMMAND_DESCRIPTION = 100;
/** The largest `max_length` a string option may declare. */
export const MAX_STRING_OPTION_LENGTH = 6_000;
/** Milliseconds Discord waits for an interaction's first response (a reply or a deferral) before dropping it. */
export const MAX_INTERACTION_RESPONSE_MS = 3_000;
