/**
 * A generic call/event client over the browser-mode WebSocket protocol (WsClientMessage /
 * WsServerMessage): numbered calls, replies matched by id, events fanned out to listeners,
 * reconnection with backoff. It serves the KioskApi and the SimulatorApi alike.
 */
import type { z } from 'zod';
import { KioskError, WsServerMessage, unwrapReply, type WsClientMessage } from '../../contracts';
import { browserSocket, type SocketFactory, type SocketLike } from './socket';

/** Method name -> params and result schemas (`kioskMethods`, `simulatorMethods`). */
export type MethodTable = Record<string, { params: z.ZodType; result: z.ZodType }>;
/** Event name -> payload schema (`kioskEvents`, `simulatorEvents`). */
export type EventTable = Record<string, z.ZodType>;

/** A connected API: typed calls and event subscriptions. */
export interface RpcClient<M extends MethodTable, E extends EventTable> {
  call<K extends keyof M & string>(method: K, params: z.infer<M[K]['params']>): Promise<z.infer<M[K]['result']>>;
  on<K extends keyof E & string>(event: K, listener: (payload: z.infer<E[K]>) => void): () => void;
  /** Closes the socket for good; pending calls fail with `serverUnreachable`. */
  close(): void;
}

export interface RpcClientOptions<M extends MethodTable, E extends EventTable> {
  url: string;
  methods: M;
  events: E;
  createSocket?: SocketFactory;
  /** Delay before reconnect attempt `n` (0-based). */
  backoffMs?: (attempt: number) => number;
  /** A call with no reply after this long fails with `serverUnreachable`. */
  callTimeoutMs?: number;
}

/** 0.5 s, 1 s, 2 s, ... capped at 10 s. */
export const defaultBackoff = (attempt: number): number => Math.min(500 * 2 ** attempt, 10_000);

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: KioskError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Opens the socket at once and keeps it open until `close()`. */
export function createRpcClient<M extends MethodTable, E extends EventTable>(
  options: RpcClientOptions<M, E>,
): RpcClient<M, E> {
  const { url, methods, events } = options;
  const createSocket = options.createSocket ?? browserSocket;
  const backoff = options.backoffMs ?? defaultBackoff;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;

  const pending = new Map<number, Pending>();
  const unsent: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let state: 'connecting' | 'open' | 'waiting' | 'closed' = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  function failAll(message: string): void {
    unsent.length = 0;
    for (const [id, p] of pending) {
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new KioskError('serverUnreachable', message));
    }
  }

  function connect(): void {
    state = 'connecting';
    const mine = createSocket(url, {
      onOpen: () => {
        if (socket !== mine) return;
        state = 'open';
        attempt = 0;
        for (const data of unsent.splice(0)) mine.send(data);
      },
      onMessage: (data) => {
        if (socket === mine) receive(data);
      },
      onClose: () => {
        if (socket !== mine || state === 'closed') return;
        socket = null;
        state = 'waiting';
        failAll('the connection to the kiosk host was lost');
        reconnectTimer = setTimeout(connect, backoff(attempt++));
      },
    });
    socket = mine;
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      console.warn('kiosk bridge: ignored a message that is not JSON');
      return;
    }
    const parsed = WsServerMessage.safeParse(json);
    if (!parsed.success) {
      console.warn('kiosk bridge: ignored a malformed message');
      return;
    }
    const message = parsed.data;
    if (message.type === 'reply') {
      const p = pending.get(message.id);
      if (!p) return; // a late reply to a call that already failed or timed out
      pending.delete(message.id);
      clearTimeout(p.timer);
      try {
        const value = unwrapReply<unknown>(message.reply);
        const result = methods[p.method]!.result.safeParse(value);
        if (result.success) p.resolve(result.data);
        else p.reject(new KioskError('internal', `malformed result for ${p.method}`));
      } catch (error) {
        p.reject(error instanceof KioskError ? error : new KioskError('internal'));
      }
      return;
    }
    const schema = Object.prototype.hasOwnProperty.call(events, message.event) ? events[message.event] : undefined;
    const payload = schema?.safeParse(message.payload);
    if (!payload?.success) {
      console.warn(`kiosk bridge: ignored a malformed or unknown event ${message.event.slice(0, 64)}`);
      return;
    }
    for (const listener of listeners.get(message.event) ?? []) {
      try {
        listener(payload.data);
      } catch (error) {
        console.error(`kiosk bridge: a ${message.event} listener threw`, error);
      }
    }
  }

  function call(method: string, params: unknown): Promise<unknown> {
    if (!Object.prototype.hasOwnProperty.call(methods, method)) {
      return Promise.reject(new KioskError('invalidRequest', `unknown method ${method}`));
    }
    if (!methods[method]!.params.safeParse(params).success) {
      return Promise.reject(new KioskError('invalidRequest', `bad params for ${method}`));
    }
    if (state === 'waiting' || state === 'closed') {
      return Promise.reject(new KioskError('serverUnreachable', 'not connected to the kiosk host'));
    }
    const id = nextId++;
    const message: WsClientMessage = { type: 'call', id, method, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new KioskError('serverUnreachable', `no reply to ${method}`));
      }, callTimeoutMs);
      pending.set(id, { method, resolve, reject, timer });
      const data = JSON.stringify(message);
      if (state === 'open' && socket) socket.send(data);
      else unsent.push(data);
    });
  }

  connect();

  return {
    call: call as RpcClient<M, E>['call'],
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
    close() {
      if (state === 'closed') return;
      state = 'closed';
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const s = socket;
      socket = null;
      failAll('the kiosk bridge was closed');
      s?.close();
    },
  };
}
