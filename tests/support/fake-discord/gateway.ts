import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { constants, createDeflate, deflateSync, type Deflate } from 'node:zlib';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { guildCreatePayload, guildOnShard, readyPayload } from './gateway-payloads.js';
import type { Json } from './payloads.js';
import { sessionId } from './snowflake.js';
import type { FakeState } from './state.js';

/** A gateway session: survives its socket so the client can RESUME and get missed events replayed. */
export interface GatewaySession {
  id: string;
  shard: [number, number] | null;
  intents: number;
  identify: Json;
  seq: number;
  /** Sent dispatches, kept for replay on RESUME. */
  sent: { s: number; payload: Json }[];
  connection: Connection | null;
}

interface Connection {
  socket: WebSocket;
  path: string;
  deflate: Deflate | null;
  identifyCompress: boolean;
  queue: Promise<void>;
  session: GatewaySession | null;
}

/** Settings of the {@link FakeGateway}. */
export interface GatewayOptions {
  state: FakeState;
  token: string | undefined;
  heartbeatIntervalMs: number;
  /** Base URL of the gateway, e.g. `ws://127.0.0.1:1234`. */
  url(): string;
}

/** A gateway v10 server speaking JSON, optionally zlib-stream compressed. */
export class FakeGateway {
  /** Every session ever identified (by session id). */
  readonly sessions = new Map<string, GatewaySession>();
  /** Every socket that connected: path and query, in order. */
  readonly connections: { path: string; query: Record<string, string> }[] = [];
  /** Every op 1 received. */
  heartbeats = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly live = new Set<Connection>();

  constructor(private readonly opts: GatewayOptions) {}

  /** The `upgrade` listener for node:http. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  };

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const query = Object.fromEntries(url.searchParams);
    this.connections.push({ path: url.pathname, query });
    const conn: Connection = {
      socket,
      path: url.pathname,
      deflate: query.compress === 'zlib-stream' ? createDeflate() : null,
      identifyCompress: false,
      queue: Promise.resolve(),
      session: null,
    };
    this.live.add(conn);
    socket.on('close', () => {
      this.live.delete(conn);
      conn.deflate?.close();
      if (conn.session?.connection === conn) conn.session.connection = null;
    });
    if (query.v !== '10') {
      socket.close(4012, 'Invalid API version');
      return;
    }
    if ((query.encoding ?? 'json') !== 'json') {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    if (query.compress !== undefined && query.compress !== 'zlib-stream') {
      socket.close(4000, 'Unknown compress');
      return;
    }
    socket.on('message', (data) => this.onMessage(conn, data));
    this.send(conn, {
      op: 10,
      s: null,
      t: null,
      d: {
        heartbeat_interval: this.opts.heartbeatIntervalMs,
        _trace: ['["fake-discord-gateway",{"micros":0}]'],
      },
    });
  }

  private onMessage(conn: Connection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      const text = (
        Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
      ).toString('utf8');
      payload = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      conn.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(conn, { op: 11, s: null, t: null, d: null });
        return;
      case 2:
        this.identify(conn, d);
        return;
      case 6:
        this.resume(conn, d);
        return;
      case 3:
      case 4:
      case 8:
        if (!conn.session) conn.socket.close(4003, 'Not authenticated.');
        return;
      default:
        conn.socket.close(4001, 'Unknown opcode.');
        return;
    }
  }

  private identify(conn: Connection, d: Json): void {
    if (conn.session) {
      conn.socket.close(4005, 'Already authenticated.');
      return;
    }
    if (typeof d.token !== 'string' || (this.opts.token !== undefined && d.token !== this.opts.token)) {
      conn.socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard = Array.isArray(d.shard) ? (d.shard as [number, number]) : null;
    if (shard && !(shard[0] >= 0 && shard[0] < shard[1])) {
      conn.socket.close(4010, 'Invalid shard.');
      return;
    }
    if (typeof d.intents !== 'number') {
      conn.socket.close(4013, 'Invalid intent(s).');
      return;
    }
    conn.identifyCompress = d.compress === true && !conn.deflate;
    const session: GatewaySession = {
      id: sessionId(),
      shard,
      intents: d.intents,
      identify: d,
      seq: 0,
      sent: [],
      connection: conn,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    const resumeUrl = `${this.opts.url()}/resume`;
    this.dispatchTo(session, 'READY', readyPayload(this.opts.state, { id: session.id, resumeUrl, shard }));
    for (const guild of this.opts.state.guilds.values()) {
      if (guildOnShard(guild.id, shard ?? [0, 1])) {
        this.dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(this.opts.state, guild));
      }
    }
  }

  private resume(conn: Connection, d: Json): void {
    const session = this.sessions.get(String(d.session_id));
    const badToken = this.opts.token !== undefined && d.token !== this.opts.token;
    if (!session || badToken || typeof d.seq !== 'number' || d.seq > session.seq) {
      this.send(conn, { op: 9, s: null, t: null, d: false });
      return;
    }
    session.connection?.socket.close(4009, 'Session timed out.');
    session.connection = conn;
    conn.session = session;
    const missed = d.seq;
    for (const { s, payload } of session.sent) if (s > missed) this.send(conn, payload);
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-discord-gateway",{"micros":0}]'] });
  }

  /** Sends a dispatch to every session that should see it (by guild shard when `guildId` is given). */
  dispatch(event: string, data: Json, guildId?: string | null, only?: number): number {
    const eligible = [...this.sessions.values()].filter(
      (session) => session.connection && !(guildId && !guildOnShard(guildId, session.shard ?? [0, 1])),
    );
    // `only`: one of several connections of the same shard (two bot processes), in identify order.
    const targets = only === undefined || !eligible.length ? eligible : [eligible[only % eligible.length]!];
    for (const session of targets) this.dispatchTo(session, event, data);
    return targets.length;
  }

  private dispatchTo(session: GatewaySession, event: string, data: Json): void {
    session.seq += 1;
    const payload = { op: 0, s: session.seq, t: event, d: data };
    session.sent.push({ s: session.seq, payload });
    if (session.sent.length > 500) session.sent.shift();
    if (session.connection) this.send(session.connection, payload);
  }

  /** Asks every client to reconnect and resume (op 7), as Discord does during maintenance. */
  requestReconnect(): void {
    for (const conn of this.live) this.send(conn, { op: 7, s: null, t: null, d: null });
  }

  /** Closes every socket with a close code (default 4000, resumable); sessions stay resumable. */
  disconnectAll(code = 4000): void {
    for (const conn of this.live) conn.socket.close(code, 'fake-discord: disconnect');
  }

  private send(conn: Connection, payload: Json): void {
    const json = JSON.stringify(payload);
    const { socket, deflate } = conn;
    if (!deflate) {
      if (socket.readyState === socket.OPEN) socket.send(conn.identifyCompress ? deflateSync(json) : json);
      return;
    }
    conn.queue = conn.queue.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const onData = (chunk: Buffer): void => void chunks.push(chunk);
          deflate.on('data', onData);
          deflate.write(json);
          deflate.flush(constants.Z_SYNC_FLUSH, () => {
            deflate.off('data', onData);
            if (socket.readyState === socket.OPEN) socket.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  /** Terminates every socket and the server. */
  async close(): Promise<void> {
    for (const conn of this.live) conn.socket.terminate();
    this.live.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
