/** The KioskApi over a browser-mode RpcClient. */
import { KioskError, type kioskEvents, type kioskMethods, type ErrorCode, type KioskApi } from '../../contracts';
import type { RpcClient } from './rpc-client';

export type KioskRpcClient = RpcClient<typeof kioskMethods, typeof kioskEvents>;

/** One named function per method, `on` for events, exactly as the Electron preload exposes them. */
export function createKioskApi(client: KioskRpcClient): KioskApi {
  return {
    getStatus: (params) => client.call('getStatus', params),
    getSession: (params) => client.call('getSession', params),
    getSummary: (params) => client.call('getSummary', params),
    touchSession: (params) => client.call('touchSession', params),
    endSession: (params) => client.call('endSession', params),
    getCertificationStatus: (params) => client.call('getCertificationStatus', params),
    startCertificationAttempt: (params) => client.call('startCertificationAttempt', params),
    submitCertification: (params) => client.call('submitCertification', params),
    printCertificationReceipt: (params) => client.call('printCertificationReceipt', params),
    on: (event, listener) => client.on(event, listener),
  };
}

/** A KioskApi whose every call fails with `code` (no secret in the address: nothing to connect to). */
export function unavailableKioskApi(code: ErrorCode, message: string): KioskApi {
  const fail = () => Promise.reject(new KioskError(code, message));
  return {
    getStatus: fail,
    getSession: fail,
    getSummary: fail,
    touchSession: fail,
    endSession: fail,
    getCertificationStatus: fail,
    startCertificationAttempt: fail,
    submitCertification: fail,
    printCertificationReceipt: fail,
    on: () => () => undefined,
  };
}
