/** Tiny `--name value` / `--flag` argument parsing for the server CLIs. */

/** Parsed flags: `--people 100` → { people: '100' }, `--reset` → { reset: 'true' }. */
export function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[name] = argv[++i]!;
    else out[name] = 'true';
  }
  return out;
}

/** The database the CLI works on: --database-url / DATABASE_URL, else --pglite-dir / PGLITE_DIR. */
export function databaseTarget(args: Record<string, string>): { url?: string; dataDir?: string } {
  const url = args['database-url'] ?? process.env.DATABASE_URL;
  if (url) return { url };
  const dataDir = args['pglite-dir'] ?? process.env.PGLITE_DIR;
  return dataDir ? { dataDir } : {};
}
