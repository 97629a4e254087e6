import type { Db } from "../../db/client.ts";

/**
 * One piece of due work. `run` does what is due at `now` and returns how many things it did.
 * Every job must be safe when two ticks overlap: claim work with a conditional update or a
 * unique insert, never with a read-then-write.
 */
export interface Job {
  name: string;
  run(db: Db, now: number): Promise<number>;
}

/** Every job the scheduler's `tick` runs, in order. Issues add their jobs here. */
export const jobs: Job[] = [];
