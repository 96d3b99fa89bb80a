import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
	APP_ID,
	channelOf,
	FAKE_TOKEN,
	GUILD_B_ID,
	GUILD_ID,
	shardOf,
	snowflake,
	type MessageBody,
	type User,
	type Where,
} from './fake-discord-ids.js';
import { botUser, guildCreate, interactionFrom, messageFrom } from './fake-discord-payloads.js';

export * from './fake-discord-ids.js';
export { messageFrom } from './fake-discord-payloads.js';

/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes discord.js and the deploy script
 * call (under `/api/v10`), and a gateway v10 WebSocket speaking JSON (HELLO, IDENTIFY → READY +
 * GUILD_CREATE for each of its servers, heartbeats, RESUME → RESUMED). Sharded as Discord is: an
 * IDENTIFY's `shard: [id, count]` gets only the servers with `(guild_id >> 22) % count === id`, and
 * each event goes to the shard of its server (a DM's to shard 0). Tests dispatch interactions (from
 * the test guild, unless told another server or a DM) and await the bot's answer.
 */

export interface RecordedRequest {
	readonly method: string;
	readonly path: string;
	readonly query: URLSearchParams;
	readonly authorization: string | undefined;
	readonly body: unknown;
	readonly at: number;
}

/** One thing the bot did to answer an interaction. */
export interface Answer {
	readonly via: 'callback' | 'edit' | 'followup' | 'delete';
	/** The callback's type (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete) or 0. */
	readonly type: number;
	readonly data: MessageBody;
	/** Milliseconds from the dispatch to this request. */
	readonly ms: number;
}

/**
 * An edit of the original response as Discord keeps it: a message deferred privately stays private
 * (an edit cannot change that, and carries no flags), so the recorded edit carries the deferral's
 * Ephemeral flag, and tests read who can see it from the answer alone.
 */
function editedAs(pending: { readonly answers: readonly Answer[] } | undefined, body: MessageBody): MessageBody {
	const deferral = pending?.answers.find((a) => a.via === 'callback' && a.type === 5);
	const flags = deferral?.data.flags ?? 0;
	return (flags & EPHEMERAL) === 0 ? body : { ...body, flags: (body.flags ?? 0) | EPHEMERAL };
}

/** Discord's Ephemeral message flag. */
const EPHEMERAL = 64;

interface GatewayPayload {
	readonly op: number;
	readonly d: unknown;
}

interface Pending {
	readonly sentAt: number;
	readonly answers: Answer[];
	readonly resolve: (answer: Answer) => void;
	settled: boolean;
}

/** A gateway frame's text: ws hands over a Buffer, or, depending on its binaryType, an ArrayBuffer or the fragments. */
const textOf = (raw: RawData): string =>
	(Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8');

const json = (res: ServerResponse, status: number, body?: unknown) => {
	if (body === undefined) {
		res.writeHead(status).end();
		return;
	}
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage): Promise<unknown> => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	return JSON.parse(text) as unknown;
};

/** A command's option as Discord sends it: a value, or a sub-command with its own options. */
export interface CommandOption {
	readonly name: string;
	readonly type: number;
	readonly value?: unknown;
	readonly focused?: boolean;
	readonly options?: readonly CommandOption[];
}

/** The servers the bot is in unless told: READY lists them, each then comes in a GUILD_CREATE. */
const GUILDS = [GUILD_ID, GUILD_B_ID] as const;

/** One gateway session: the shard it identified as, its socket while connected, what it was sent. */
interface Session {
	readonly id: string;
	readonly shard: readonly [id: number, count: number];
	socket: WebSocket | undefined;
	seq: number;
	/** Its dispatches, by sequence number: what a resuming client is sent again, as Discord does. */
	readonly sent: Array<{ readonly s: number; readonly frame: string }>;
}

export class FakeDiscord {
	readonly requests: RecordedRequest[] = [];
	/** Routes the fake does not implement: a test fails if discord.js needed one. */
	readonly unknownRoutes: string[] = [];
	readonly gatewayLog: Array<{ op: number; t?: string }> = [];
	readonly commands = new Map<string, unknown[]>();
	identifies = 0;
	resumes = 0;
	/** Each IDENTIFY's shard, `[id, count]` (`[0, 1]` when it named none), in order. */
	readonly identified: Array<readonly [number, number]> = [];
	/** The shard each interaction was dispatched to, by interaction id. */
	readonly dispatchedTo = new Map<string, number>();
	/** What `GET /gateway/bot` recommends as the shard count (`SHARDS=auto`). */
	recommendedShards = 1;
	private readonly http = createServer(
		(req, res) => void this.route(req, res).catch((e: unknown) => json(res, 500, { message: String(e) })),
	);
	private readonly wss = new WebSocketServer({ server: this.http });
	/** The live session of each shard, by shard id; a new IDENTIFY for a shard replaces it. */
	private readonly sessions = new Map<number, Session>();
	private readonly sessionOf = new Map<WebSocket, Session>();
	private readonly pending = new Map<string, Pending>();
	private readonly waiters: Array<() => void> = [];

	private readonly token: string;
	private readonly heartbeatMs: number;
	private readonly guilds: readonly string[];

	constructor(token: string = FAKE_TOKEN, heartbeatMs = 1_000, guilds: readonly string[] = GUILDS) {
		this.token = token;
		this.heartbeatMs = heartbeatMs;
		this.guilds = guilds;
		this.wss.on('connection', (ws) => this.onConnection(ws));
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
		return this;
	}

	get port(): number {
		return (this.http.address() as AddressInfo).port;
	}

	/** What DISCORD_API_BASE should be: discord.js appends `/v10`. */
	get apiBase(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.port}`;
	}

	async close(): Promise<void> {
		for (const client of this.wss.clients) client.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
		this.http.closeAllConnections();
		await new Promise<void>((resolve) => this.http.close(() => resolve()));
	}

	/** Resolves when `test` holds, checked after every gateway or REST event. */
	async until(test: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!test()) {
			if (Date.now() > deadline) throw new Error(`fake discord: timed out waiting for ${what}`);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, 50);
				this.waiters.push(() => {
					clearTimeout(t);
					resolve();
				});
			});
		}
	}

	private notify(): void {
		for (const w of this.waiters.splice(0)) w();
	}

	/**
	 * Closes the gateway socket (every shard's, unless one is named); 4000 ("unknown error") lets the
	 * client resume its session.
	 */
	disconnect(code = 4000, shard?: number): void {
		for (const [id, session] of this.sessions)
			if (shard === undefined || shard === id) session.socket?.close(code, 'fake discord: test disconnect');
	}

	/** The shard a server's events go to, by the shard count the bot identified with (shard 0 for a DM). */
	shardFor(guildId: string | undefined): number {
		const count = [...this.sessions.values()][0]?.shard[1] ?? 1;
		return guildId === undefined ? 0 : shardOf(guildId, count);
	}

	/**
	 * Sends a dispatch to the client, on the shard of the server it names (`d.guild_id`; shard 0
	 * without one). One sent while that shard is away (its socket closing or not yet resumed) is kept
	 * and replayed when it resumes, as Discord replays missed events.
	 */
	dispatch(t: string, d: unknown, session = this.sessions.get(this.shardFor(guildOf(d)))): void {
		if (session === undefined) throw new Error('fake discord: no gateway connection for that shard');
		const s = ++session.seq;
		const frame = JSON.stringify({ op: 0, t, s, d });
		session.sent.push({ s, frame });
		if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
	}

	/**
	 * Dispatches an interaction and resolves with the bot's answer: its callback, or once deferred,
	 * the edit or follow-up that carries the content. Every later request is kept in `answersTo`.
	 */
	interact(interaction: Record<string, unknown>, timeoutMs = 10_000): Promise<Answer> {
		const id = String(interaction.id);
		return new Promise<Answer>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`fake discord: no answer to interaction ${id} within ${timeoutMs} ms`)),
				timeoutMs,
			);
			this.pending.set(id, {
				sentAt: performance.now(),
				answers: [],
				settled: false,
				resolve: (a) => {
					clearTimeout(timer);
					resolve(a);
				},
			});
			this.dispatchInteraction(interaction);
		});
	}

	/** Dispatches an interaction to the shard of its server, and records which shard that was. */
	private dispatchInteraction(interaction: Record<string, unknown>): void {
		this.dispatchedTo.set(String(interaction.id), this.shardFor(guildOf(interaction)));
		this.dispatch('INTERACTION_CREATE', interaction);
	}

	/** Everything the bot sent for an interaction, in order. */
	answersTo(interactionId: string): readonly Answer[] {
		return this.pending.get(interactionId)?.answers ?? [];
	}

	private byToken(token: string): [string, Pending] | undefined {
		for (const [id, p] of this.pending) if (this.tokens.get(id) === token) return [id, p];
		return undefined;
	}

	private readonly tokens = new Map<string, string>();

	/** Interactions whose callbacks fail as Discord's do after 3 s: 404 "Unknown interaction". */
	readonly expired = new Set<string>();

	/** Dispatches an interaction whose callback will fail, and resolves once the bot tried to answer. */
	async dispatchExpired(interaction: Record<string, unknown>): Promise<void> {
		const id = String(interaction.id);
		this.expired.add(id);
		this.dispatchInteraction(interaction);
		await this.until(
			() => this.requests.some((r) => r.path.startsWith(`/interactions/${id}/`)),
			5_000,
			'a callback attempt',
		);
	}

	/** Remembers an interaction's token so webhook calls can be matched to it. */
	register(interaction: { id: string; token: string }): void {
		this.tokens.set(interaction.id, interaction.token);
	}

	private record(pending: Pending | undefined, answer: Omit<Answer, 'ms'>): void {
		if (pending === undefined) return;
		const full = { ...answer, ms: performance.now() - pending.sentAt };
		pending.answers.push(full);
		const final =
			answer.via === 'edit' ||
			answer.via === 'followup' ||
			(answer.via === 'callback' && answer.type !== 5 && answer.type !== 6);
		if (final && !pending.settled) {
			pending.settled = true;
			pending.resolve(full);
		}
	}

	private authorized(req: IncomingMessage): boolean {
		return req.headers.authorization === `Bot ${this.token}`;
	}

	private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const body = await readBody(req);
		const method = req.method ?? 'GET';
		const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
		this.requests.push({
			method,
			path,
			query: url.searchParams,
			authorization: req.headers.authorization,
			body,
			at: Date.now(),
		});
		this.notify();
		const key = `${method} ${path}`;
		const handled =
			url.pathname.startsWith('/api/v10/') &&
			(this.routeBot(key, req, res, body) || this.routeInteraction(key, url, res, body));
		if (!handled) this.unknown(res, method, url.pathname);
		this.notify();
	}

	/** Routes that need the bot token: the gateway, the bot's user, application commands. */
	private routeBot(key: string, req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
		const m = /^(PUT|GET) \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(key);
		if (key !== 'GET /gateway/bot' && key !== 'GET /users/@me' && m === null) {
			if (key !== 'GET /gateway' && key !== 'GET /applications/@me') return false;
		} else if (!this.authorized(req)) {
			json(res, 401, { message: '401: Unauthorized', code: 0 });
			return true;
		}
		if (key.startsWith('GET /gateway')) {
			json(res, 200, {
				url: this.gatewayUrl,
				shards: this.recommendedShards,
				session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
			});
		} else if (key === 'GET /users/@me') {
			json(res, 200, botUser);
		} else if (key === 'GET /applications/@me') {
			json(res, 200, { id: APP_ID, name: 'Verbatim', flags: 0, bot: botUser });
		} else if (m !== null) {
			const scope = m[3] === undefined ? `global:${m[2]}` : `guild:${m[2]}:${m[3]}`;
			if (m[1] === 'PUT')
				this.commands.set(
					scope,
					(body as Array<Record<string, unknown>>).map((c) => ({
						...c,
						id: snowflake(),
						application_id: m[2],
						version: snowflake(),
					})),
				);
			json(res, 200, this.commands.get(scope) ?? []);
		}
		return true;
	}

	/** Interaction callbacks and the interaction webhook (edit, delete, follow-up): no bot token. */
	private routeInteraction(key: string, url: URL, res: ServerResponse, body: unknown): boolean {
		let m: RegExpExecArray | null;
		if ((m = /^POST \/interactions\/(\d+)\/([^/]+)\/callback$/.exec(key)) && this.expired.has(m[1]!)) {
			json(res, 404, { message: 'Unknown interaction', code: 10062 });
		} else if (m !== null) {
			const { type, data = {} } = body as { type: number; data?: MessageBody };
			this.record(this.pending.get(m[1]!), { via: 'callback', type, data });
			if (url.searchParams.get('with_response') !== 'true') json(res, 204);
			else json(res, 200, { interaction: { id: m[1], type: 2 }, resource: { type, message: messageFrom(data) } });
		} else if ((m = /^(PATCH|GET|DELETE) \/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(key))) {
			const pending = this.byToken(m[3]!)?.[1];
			if (m[1] === 'PATCH')
				this.record(pending, { via: 'edit', type: 0, data: editedAs(pending, body as MessageBody) });
			if (m[1] === 'DELETE') this.record(pending, { via: 'delete', type: 0, data: {} });
			if (m[1] === 'DELETE') json(res, 204);
			else json(res, 200, messageFrom(body ?? {}));
		} else if ((m = /^POST \/webhooks\/(\d+)\/([^/]+)$/.exec(key))) {
			this.record(this.byToken(m[2]!)?.[1], { via: 'followup', type: 0, data: body as MessageBody });
			json(res, 200, messageFrom(body as MessageBody));
		} else {
			return false;
		}
		return true;
	}

	private unknown(res: ServerResponse, method: string, path: string): void {
		this.unknownRoutes.push(`${method} ${path}`);
		json(res, 404, { message: '404: Not Found', code: 0 });
	}

	private onConnection(ws: WebSocket): void {
		ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs } }));
		ws.on('message', (raw) => this.onGatewayMessage(ws, JSON.parse(textOf(raw)) as GatewayPayload));
		ws.on('close', () => {
			const session = this.sessionOf.get(ws);
			this.sessionOf.delete(ws);
			if (session?.socket === ws) session.socket = undefined;
			this.notify();
		});
	}

	/** Whether any shard's gateway socket is open. */
	get connected(): boolean {
		return [...this.sessions.values()].some((s) => s.socket !== undefined);
	}

	private onGatewayMessage(ws: WebSocket, payload: GatewayPayload): void {
		this.gatewayLog.push({ op: payload.op });
		if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
		else if (payload.op === 2) this.onIdentify(ws, payload.d as { token: string; intents: number });
		else if (payload.op === 6)
			this.onResume(ws, payload.d as { token: string; session_id: string; seq: number | null });
		this.notify();
	}

	private onIdentify(ws: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
		if (d.token !== this.token) {
			ws.close(4004, 'Authentication failed.');
			return;
		}
		const shard = d.shard ?? [0, 1];
		if (shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
			ws.close(4010, 'Invalid shard.');
			return;
		}
		this.identifies++;
		this.identified.push([shard[0], shard[1]]);
		this.intents = d.intents;
		const session: Session = { id: `session-${snowflake()}`, shard, socket: ws, seq: 0, sent: [] };
		this.sessions.get(shard[0])?.socket?.close(4000, 'fake discord: replaced by a new session');
		this.sessions.set(shard[0], session);
		this.sessionOf.set(ws, session);
		const guilds = this.guilds.filter((id) => shardOf(id, shard[1]) === shard[0]);
		const greet = () => this.greet(session, guilds);
		if (this.holdReady) this.held.push(greet);
		else greet();
	}

	/** While true, an IDENTIFY gets no READY until {@link releaseReady}: a bot connected but not yet ready. */
	holdReady = false;
	private readonly held: Array<() => void> = [];

	/** Sends the READY (and GUILD_CREATEs) held back since {@link holdReady} was set, and stops holding. */
	releaseReady(): void {
		this.holdReady = false;
		for (const greet of this.held.splice(0)) greet();
	}

	private greet(session: Session, guilds: readonly string[]): void {
		const { shard } = session;
		this.dispatch(
			'READY',
			{
				v: 10,
				user: botUser,
				guilds: guilds.map((id) => ({ id, unavailable: true })),
				session_id: session.id,
				resume_gateway_url: this.gatewayUrl,
				shard,
				application: { id: APP_ID, flags: 0 },
			},
			session,
		);
		for (const id of guilds) this.dispatch('GUILD_CREATE', guildCreate(id), session);
	}

	intents: number | undefined;

	private onResume(ws: WebSocket, d: { token: string; session_id: string; seq: number | null }): void {
		const session = [...this.sessions.values()].find((s) => s.id === d.session_id);
		if (d.token !== this.token || session === undefined) {
			ws.send(JSON.stringify({ op: 9, d: false }));
			return;
		}
		this.resumes++;
		session.socket = ws;
		this.sessionOf.set(ws, session);
		// Every dispatch after the last one the client saw, then RESUMED.
		for (const { s, frame } of session.sent) if (s > (d.seq ?? 0)) ws.send(frame);
		this.dispatch('RESUMED', {}, session);
	}

	/**
	 * The interaction a user's `/name options…` sends (type 4: autocomplete), from the test guild, or
	 * from `where`: another server's id, or DM.
	 */
	command(
		user: User,
		name: string,
		options: CommandOption[],
		type = 2,
		where: Where = GUILD_ID,
	): Record<string, unknown> {
		const data = { id: snowflake(), name, type: 1, options, ...(where === null ? {} : { guild_id: where }) };
		return this.interaction(user, type, data, where);
	}

	/**
	 * The interaction a user's message command (⋯ → Apps → `name`) on a message holding `content`
	 * sends: type 2 with data type 3, the target's id and the message itself under `resolved`.
	 */
	messageCommand(user: User, name: string, content: string, where: Where = GUILD_ID): Record<string, unknown> {
		const targetId = snowflake();
		const target = messageFrom({ content }, targetId, channelOf(where));
		const data = {
			id: snowflake(),
			name,
			type: 3,
			target_id: targetId,
			resolved: { messages: { [targetId]: where === null ? target : { ...target, guild_id: where } } },
			...(where === null ? {} : { guild_id: where }),
		};
		return this.interaction(user, 2, data, where);
	}

	/**
	 * The interaction a click on a button of `message` sends, in the test guild or `where`; `message`
	 * was asked for by `asker`, the clicker unless told.
	 */
	click(
		user: User,
		customId: string,
		message: MessageBody,
		where: Where = GUILD_ID,
		asker: User = user,
	): Record<string, unknown> {
		const sent = messageFrom(message, snowflake(), channelOf(where), asker);
		return {
			...this.interaction(user, 3, { component_type: 2, custom_id: customId }, where),
			message: where === null ? sent : { ...sent, guild_id: where },
		};
	}

	private interaction(user: User, type: number, data: unknown, where: Where): Record<string, unknown> {
		const interaction = interactionFrom(user, type, data, where);
		this.register(interaction as { id: string; token: string });
		return interaction;
	}
}

/** The server an event is about: its `guild_id`, if it names one. */
const guildOf = (d: unknown): string | undefined => {
	const id = (d as { guild_id?: unknown } | null)?.guild_id;
	return typeof id === 'string' ? id : undefined;
};

/** A fake Discord listening on a free port; `guilds` are the servers the bot is in (the test guild and a second unless told). */
export async function startFakeDiscord(
	options: { token?: string; heartbeatMs?: number; guilds?: readonly string[] } = {},
): Promise<FakeDiscord> {
	return new FakeDiscord(options.token, options.heartbeatMs, options.guilds).listen();
}
