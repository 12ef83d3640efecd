/** drizzle-kit config: `npm run db:generate` writes SQL migrations to server/db/migrations/. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
});
