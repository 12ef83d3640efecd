// One hall server instance for the load benchmarks (bench/queue-load.ts, bench/hall-throughput.ts
// start these as separate processes over one PostgreSQL). Env: DATABASE_URL, PORT,
// DATABASE_POOL_SIZE, PREPARED=1 (ticket batches as a named prepared statement). Prints `listening <url>`; answers the IPC message 'cpu' with its own
// process.cpuUsage(), so a benchmark can charge CPU to the server process alone.
import { usePreparedStatements } from '../server/queue/issue-batch';
import { startHallServer } from '../server/start';

usePreparedStatements(process.env.PREPARED === '1');

const server = await startHallServer({
  url: process.env.DATABASE_URL!,
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  seedIfEmpty: false,
  poolSize: process.env.DATABASE_POOL_SIZE ? Number(process.env.DATABASE_POOL_SIZE) : undefined,
});
console.log(`listening ${server.url}`);
process.on('message', (m) => {
  if (m === 'cpu') process.send?.(process.cpuUsage());
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
