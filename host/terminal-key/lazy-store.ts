/** A key store chosen on first use (choosing looks at files and devices, which a constructor cannot await). */
import { log } from '../log';
import type { KeyStoreKind, TerminalKeyStore } from './key-store';

/** Defers `choose` until the key is first read; logs which store was chosen and why. */
export function lazyKeyStore(
  choose: () => Promise<{ store: TerminalKeyStore; why: string }>,
  kind: KeyStoreKind = 'file',
): TerminalKeyStore {
  let chosen: Promise<TerminalKeyStore> | null = null;
  const store = () =>
    (chosen ??= choose().then(({ store: s, why }) => {
      log.info('host', `terminal key store: ${s.kind} (${why}) at ${s.location}`);
      return s;
    }));
  return {
    kind,
    location: '(not chosen yet)',
    read: async () => (await store()).read(),
    write: async (bytes) => (await store()).write(bytes),
  };
}
