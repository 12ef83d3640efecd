// One hall server instance of the payment chaos test (tests/server/payment-chaos.test.ts), run as its
// own process so the test can SIGKILL it mid-request. Its channel is the simulator in the test process
// (CHAOS_SIM_URL, CHAOS_SIM_MERCHANT, CHAOS_SIM_KEY); its database PostgreSQL (CHAOS_DB_URL) or a
// PGlite data dir (CHAOS_DB_DIR); its clock the test's (real time minus CHAOS_CLOCK_OFFSET_MS, the
// seed's day). Always the same port (CHAOS_PORT), so the channel's notification retries find it again.
// On start the payment sweep finishes whatever the previous instance left in flight. Prints `listening`.
import { buildServer } from '../../../server/app';
import { openDatabase } from '../../../server/db/open';
import { httpPaymentProvider } from '../../../server/payment/http-provider';

const env = process.env;
const offset = Number(env.CHAOS_CLOCK_OFFSET_MS ?? 0);
const now = () => new Date(Date.now() - offset);
const database = await openDatabase({ url: env.CHAOS_DB_URL, dataDir: env.CHAOS_DB_DIR, migrate: false, poolSize: 4 });
const provider = httpPaymentProvider({
  baseUrl: env.CHAOS_SIM_URL!,
  merchantId: env.CHAOS_SIM_MERCHANT!,
  key: env.CHAOS_SIM_KEY!,
  timeoutMs: 1500,
});
const app = buildServer({
  ...database,
  now,
  payment: { provider, followIntervalMs: 300, uncertainAfterMs: 3000, orderTtlMs: 60_000 },
});
await app.listen({ port: Number(env.CHAOS_PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
