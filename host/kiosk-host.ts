/** The host as a shell (Electron main, or the browser-mode server) sees it. */
import type { EnrolFaceRequest, KioskEvent, KioskReply } from '../contracts';
import type { RecoveryRequest } from './recovery/renderer-recovery';

/** A running kiosk host: validated KioskApi calls in, events out. */
export interface KioskHost {
  /** Validates and runs one KioskApi call; never throws, errors come back in the envelope. */
  call(method: string, params: unknown): Promise<KioskReply>;
  /** Subscribes to host events (already validated payloads); returns the unsubscribe function. */
  onEvent(listener: (event: KioskEvent, payload: unknown) => void): () => void;
  /** Internal event: a QR or barcode that is not an e-card code was scanned (not sent to the renderer). */
  onQrScanned(listener: (text: string) => void): () => void;
  /** Staff or the watchdog asked for the application to restart (the shell relaunches once). */
  onRestartRequested(listener: () => void): () => void;
  /** The page must be reloaded or the shell relaunched (renderer watchdog, idle-time faults, nightly). */
  onRecovery(listener: (request: RecoveryRequest) => void): () => void;
  /** The shell saw a fault (failed load, process gone, memory): recover at the next idle moment. */
  recoverWhenIdle(request: RecoveryRequest): void;
  /** Simulator page only: stores a demo retiree's face reference on the hall server (its simulator-only route). */
  enrolFaceReference?(body: EnrolFaceRequest): Promise<{ enrolledAt: string }>;
  /** Simulator page only: the payment QR the kiosk shows now (the simulated phone scans it), or null. */
  shownPaymentQr?(): string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}
