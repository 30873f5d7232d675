import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack.js';
import { eventCallback, slashCommandFields } from './slack-signing.js';

/** The envelope types Slack sends over Socket Mode that an app acks. */
export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

/** What the app answered to an envelope: `{ envelope_id, payload? }`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** Base ws:// URL; apps.connections.open on the attached fake Slack hands out `url?ticket=N`. */
  url: string;
  /** Every connection the app opened so far (a reconnect adds one). */
  connectionCount(): number;
  isConnected(): boolean;
  /** Resolves once `count` connections have been opened and greeted with `hello`. */
  waitForConnection(count?: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the connected app and resolves with its ack; rejects when none comes within timeoutMs. */
  send(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  sendSlashCommand(fields?: Record<string, string>, timeoutMs?: number): Promise<SocketAck>;
  sendEvent(event: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  sendInteraction(payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  /** Every ack received, in order. */
  acks: SocketAck[];
  /** Asks the app to reconnect, as Slack does when it recycles a server (`{ type: 'disconnect' }`). */
  requestReconnect(reason?: 'warning' | 'refresh_requested' | 'link_disabled'): void;
  /** Drops the socket without a close handshake, as a broken network would. */
  drop(): void;
  close(): Promise<void>;
}

let envelopeCounter = 0;

/**
 * Starts a loopback Socket Mode server (package `ws`) and, when given the fake Slack, points its
 * apps.connections.open at it. Like Slack it greets each connection with `hello`, sends `{ envelope_id, type,
 * payload, accepts_response_payload }` frames, and expects `{ envelope_id, payload? }` acks. `ws` answers the
 * client's pings with pongs on its own, which is what @slack/socket-mode's heartbeat checks.
 */
export async function startFakeSocketMode(slack?: FakeSlack): Promise<FakeSocketMode> {
  const server = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server });
  const acks: SocketAck[] = [];
  const ackWaiters = new Map<string, (ack: SocketAck) => void>();
  const connectionWaiters = new Set<() => void>();
  let current: WebSocket | undefined;
  let connections = 0;
  let tickets = 0;

  wss.on('connection', (socket) => {
    current = socket;
    connections += 1;
    socket.send(JSON.stringify({
      type: 'hello', num_connections: 1,
      debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: 'A0FAKEAPP' },
    }));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      acks.push(ack);
      ackWaiters.get(ack.envelope_id)?.(ack);
    });
    socket.on('close', () => {
      if (current === socket) current = undefined;
    });
    for (const waiter of connectionWaiters) waiter();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  slack?.setSocketModeUrl(() => `${url}?ticket=${++tickets}`);

  function send(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs = 5_000): Promise<SocketAck> {
    const socket = current;
    if (!socket) return Promise.reject(new Error('fake Socket Mode: no app is connected'));
    const envelopeId = `env-${++envelopeCounter}`;
    const extra = type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {};
    // Slack lets the ack carry a response only where one is meaningful (commands, view submissions).
    const acceptsResponsePayload = type === 'slash_commands' || payload.type === 'view_submission';
    const ack = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        ackWaiters.delete(envelopeId);
        reject(new Error(`fake Socket Mode: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      ackWaiters.set(envelopeId, (received) => {
        clearTimeout(timer);
        ackWaiters.delete(envelopeId);
        resolve(received);
      });
    });
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload, ...extra }));
    return ack;
  }

  return {
    url,
    acks,
    connectionCount: () => connections,
    isConnected: () => current !== undefined,
    waitForConnection: (count = 1, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (connections < count || !current) return;
          clearTimeout(timer);
          connectionWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          connectionWaiters.delete(check);
          reject(new Error(`fake Socket Mode: ${connections} connection(s), wanted ${count}, after ${timeoutMs} ms`));
        }, timeoutMs);
        connectionWaiters.add(check);
        check();
      }),
    send,
    sendSlashCommand: (fields, timeoutMs) => send('slash_commands', slashCommandFields(fields), timeoutMs),
    sendEvent: (event, timeoutMs) => send('events_api', eventCallback(event), timeoutMs),
    sendInteraction: (payload, timeoutMs) => send('interactive', payload, timeoutMs),
    requestReconnect(reason = 'refresh_requested') {
      current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
    },
    drop() {
      current?.terminate();
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        slack?.setSocketModeUrl(undefined);
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
