// One hall server instance for the queue load test (bench/queue-load.ts starts 3 of these as
// separate processes over one PostgreSQL). Env: DATABASE_URL, PORT. Prints `listening <url>`.
import { startHallServer } from '../server/start';

const server = await startHallServer({
  url: process.env.DATABASE_URL!,
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  seedIfEmpty: false,
});
console.log(`listening ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
