// A notice worker in its own process that dies between the gateway's acceptance and recording it:
// it sends through the simulator, prints `accepted <outId>` and then hangs until killed.
import { openDatabase } from '../../../server/db/open';
import { createSmsSimulator } from '../../../server/notices/sms-simulator';
import { NoticeWorker } from '../../../server/notices/worker';

const database = await openDatabase({ url: process.env.NOTICE_CHILD_DB_URL!, migrate: false, poolSize: 2 });
const sim = createSmsSimulator(database.db, { flowControl: { perMinute: 100, perHour: 100 } });
const worker = new NoticeWorker({
  db: database.db,
  signName: '测试人社',
  batchSize: 1,
  quietHours: null,
  provider: {
    ...sim,
    async send(request) {
      const result = await sim.send(request);
      process.stdout.write(`accepted ${request.outId}\n`);
      await new Promise(() => {});
      return result;
    },
  },
});
await worker.runOnce();
