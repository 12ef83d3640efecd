/** The KioskApi over a browser-mode RpcClient. */
import {
  KioskError,
  kioskMethodNames,
  type kioskEvents,
  type kioskMethods,
  type ErrorCode,
  type KioskApi,
} from '../../contracts';
import type { RpcClient } from './rpc-client';

export type KioskRpcClient = RpcClient<typeof kioskMethods, typeof kioskEvents>;

/**
 * One named function per method, `on` for events, exactly as the Electron preload exposes them.
 * Built from the contract's method list, so a service area's methods need no edit here.
 */
export function createKioskApi(client: KioskRpcClient): KioskApi {
  const methods = Object.fromEntries(
    kioskMethodNames.map((name) => [name, (params: unknown) => client.call(name, params as never)]),
  );
  return { ...methods, on: (event, listener) => client.on(event, listener) } as KioskApi;
}

/** A KioskApi whose every call fails with `code` (no secret in the address: nothing to connect to). */
export function unavailableKioskApi(code: ErrorCode, message: string): KioskApi {
  const fail = () => Promise.reject(new KioskError(code, message));
  const methods = Object.fromEntries(kioskMethodNames.map((name) => [name, fail]));
  return { ...methods, on: () => () => undefined } as unknown as KioskApi;
}
