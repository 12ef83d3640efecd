/** How the hall server authenticates terminals (issue 14); README "Terminal keys" explains each. */

export interface TerminalAuthConfig {
  /** A signed request's time may differ from the server's clock by this much (default 60 s). */
  clockWindowS: number;
  /**
   * For this long after a terminal enrols its key, its bare secret is still accepted (a fleet
   * migrating in steps); 0, the default: never.
   */
  bearerGraceS: number;
  /**
   * True: a terminal without a key may use its secret only to enrol one (every other route 401).
   * False (the default, for installs whose terminals are not all updated yet): an unkeyed terminal
   * still works with its secret; a keyed one never does.
   */
  requireKey: boolean;
}

export const defaultTerminalAuthConfig: TerminalAuthConfig = { clockWindowS: 60, bearerGraceS: 0, requireKey: false };

/** `TERMINAL_CLOCK_WINDOW_S`, `TERMINAL_BEARER_GRACE_S`, `TERMINAL_REQUIRE_KEY` (1/true). */
export function terminalAuthConfigFromEnv(env: Record<string, string | undefined>): TerminalAuthConfig {
  const seconds = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of seconds`);
    return value;
  };
  return {
    clockWindowS: Math.max(1, seconds('TERMINAL_CLOCK_WINDOW_S', defaultTerminalAuthConfig.clockWindowS)),
    bearerGraceS: seconds('TERMINAL_BEARER_GRACE_S', defaultTerminalAuthConfig.bearerGraceS),
    requireKey: /^(1|true|yes)$/i.test(env.TERMINAL_REQUIRE_KEY ?? ''),
  };
}
