/** The WebSocket seen through three callbacks, so the client can be driven by a fake in tests. */

export interface SocketHandlers {
  onOpen(): void;
  /** `data` is whatever arrived; the client ignores anything but JSON text. */
  onMessage(data: unknown): void;
  /** Called once, whether the socket failed to connect or dropped later. */
  onClose(): void;
}

export interface SocketLike {
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** The browser's WebSocket. This folder is the only renderer code that opens one. */
export const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  // An `error` is always followed by `close`; reporting both would double the reconnects.
  ws.onclose = () => handlers.onClose();
  return {
    send: (data) => ws.send(data),
    close: () => ws.close(),
  };
};
