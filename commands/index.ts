import { ask } from './ask.js';
import type { Command } from './define.js';
import { feed } from './feed.js';
import { ingest } from './ingest.js';
import { remove } from './remove.js';
import { sources } from './sources.js';
import { source } from './source.js';
import { timeline } from './timeline.js';

export type { Caller, Choice, Command, CommandContext, Permission } from './define.js';
export { OPERATOR_CALLER, ownLibrary } from './define.js';
export { defineCommand } from './define.js';

/** Every slash command, in one array that deploy, the router and the console share. */
export const commands: readonly Command[] = [ask, source, sources, timeline, ingest, remove, feed];
