/**
 * Self-healing between the renderer and the host: the page's heartbeat, the faults it caught
 * (shown to the person as 正在恢复, recorded for the fleet view), and the host asking the page to
 * reload itself at an idle moment.
 */
import { z } from 'zod';

/** What the page caught: a render error (error boundary), a window `error`, an `unhandledrejection`. */
export const RendererFaultKind = z.enum(['renderError', 'windowError', 'unhandledRejection']);
export type RendererFaultKind = z.infer<typeof RendererFaultKind>;

/** How often the page beats, and how long the host waits without a beat before it acts (defaults). */
export const RENDERER_BEAT_MS = 2_000;

export const recoveryKioskMethods = {
  /** The page is alive (a timer on its main thread): the host's renderer watchdog resets. */
  rendererBeat: { params: z.object({}).strict(), result: z.null() },
  /**
   * The page caught an error and is recovering: the host ends any session (wiping it) and records
   * `renderer:<kind>` for the fleet view. No message or stack crosses: they could hold personal data.
   */
  reportRendererFault: { params: z.object({ kind: RendererFaultKind }).strict(), result: z.null() },
} as const;

export const recoveryKioskEvents = {
  /** The host asks the page to reload to the start screen (sent only while no session is open). */
  reloadRenderer: z.object({ reason: z.string().max(80) }).strict(),
} as const;
