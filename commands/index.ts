import { ask } from './ask.js';
import type { Command, MessageCommand } from './define.js';
import { feed } from './feed.js';
import { findSources } from './find.js';
import { help } from './help.js';
import { ingest } from './ingest.js';
import { remove } from './remove.js';
import { sources } from './sources.js';
import { source } from './source.js';
import { timeline } from './timeline.js';

export type { Caller, Choice, Command, CommandContext, MessageCommand, Permission } from './define.js';
export { OPERATOR_CALLER, ownLibrary } from './define.js';
export { defineCommand } from './define.js';

/** Every slash command, in one array that deploy, the router and the console share. */
export const commands: readonly Command[] = [ask, source, sources, timeline, ingest, remove, feed, help];

/** Every message command (a message's ⋯ → Apps menu): deploy registers them beside the slash commands, the router answers them. */
export const messageCommands: readonly MessageCommand[] = [findSources];
