/** The SimulatorApi over a browser-mode RpcClient. */
import {
  KioskError,
  type simulatorEvents,
  type simulatorMethods,
  type ErrorCode,
  type SimulatorApi,
} from '../../contracts';
import type { RpcClient } from './rpc-client';

export type SimulatorRpcClient = RpcClient<typeof simulatorMethods, typeof simulatorEvents>;

/** One named function per simulator method, and `on('stateChanged')`. */
export function createSimulatorApi(client: SimulatorRpcClient): SimulatorApi {
  return {
    listDemoCards: (params) => client.call('listDemoCards', params),
    getState: (params) => client.call('getState', params),
    insertIdCard: (params) => client.call('insertIdCard', params),
    removeIdCard: (params) => client.call('removeIdCard', params),
    insertSsCard: (params) => client.call('insertSsCard', params),
    removeSsCard: (params) => client.call('removeSsCard', params),
    failNextPin: (params) => client.call('failNextPin', params),
    lockSsCard: (params) => client.call('lockSsCard', params),
    scanQr: (params) => client.call('scanQr', params),
    scanECard: (params) => client.call('scanECard', params),
    setPaper: (params) => client.call('setPaper', params),
    setCoverOpen: (params) => client.call('setCoverOpen', params),
    listPrintedReceipts: (params) => client.call('listPrintedReceipts', params),
    listA4Documents: (params) => client.call('listA4Documents', params),
    enrolFace: (params) => client.call('enrolFace', params),
    showPaymentCode: (params) => client.call('showPaymentCode', params),
    scanShownPaymentQr: (params) => client.call('scanShownPaymentQr', params),
    unplug: (params) => client.call('unplug', params),
    replug: (params) => client.call('replug', params),
    on: (event, listener) => client.on(event, listener),
  };
}

/** A SimulatorApi whose every call fails with `code`. */
export function unavailableSimulatorApi(code: ErrorCode, message: string): SimulatorApi {
  const fail = () => Promise.reject(new KioskError(code, message));
  return {
    listDemoCards: fail,
    getState: fail,
    insertIdCard: fail,
    removeIdCard: fail,
    insertSsCard: fail,
    removeSsCard: fail,
    failNextPin: fail,
    lockSsCard: fail,
    scanQr: fail,
    scanECard: fail,
    setPaper: fail,
    setCoverOpen: fail,
    listPrintedReceipts: fail,
    listA4Documents: fail,
    enrolFace: fail,
    showPaymentCode: fail,
    scanShownPaymentQr: fail,
    unplug: fail,
    replug: fail,
    on: () => () => undefined,
  };
}
