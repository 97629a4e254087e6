import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/** How far each scheduled job has read the change feed (`change_versions.seq`). */
export const jobCursors = sqliteTable("job_cursors", {
  job: text("job").primaryKey(),
  seq: integer("seq").notNull(),
});
