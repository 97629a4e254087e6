import type { Db } from "../../db/client.ts";
import { expireRenewalsJob } from "../renewals/end-renewal.ts";
import { deliverWebhooksJob } from "../webhooks/deliver.ts";
import { fanOutWebhooksJob } from "../webhooks/fan-out.ts";
import type { SchedulerDeps } from "./deps.ts";
import { entitlementStateJob } from "./state-changes.ts";
import { firstValueJob } from "../checklists/first-value-job.ts";
import { healthSnapshotJob } from "../health/snapshot-job.ts";
import { remindersJob } from "../reminders/reminders-job.ts";
import { purgeUsageEventsJob } from "../usage/purge-events.ts";

/**
 * One piece of due work. `run` does what is due at `now` and returns how many things it did.
 * Every job must be safe when two ticks overlap: claim work with a conditional update or a
 * unique insert, never with a read-then-write.
 */
export interface Job {
  name: string;
  run(db: Db, now: number, deps: SchedulerDeps): Promise<number>;
}

/** Every job the scheduler's `tick` runs, in order. Issues add their jobs here. */
export const jobs: Job[] = [
  // Issue 4: lapse unpaid renewals first, then announce states. Add jobs that write
  // webhook events above the two webhook jobs, which stay last so a tick sends what it wrote.
  expireRenewalsJob,
  entitlementStateJob,
  // Issue 5: reminder timeline, daily health snapshots (risk alerts), first value watch.
  remindersJob,
  healthSnapshotJob,
  firstValueJob,
  // Raw usage events past their retention (hourly; rollups are kept).
  purgeUsageEventsJob,
  fanOutWebhooksJob,
  deliverWebhooksJob,
];
