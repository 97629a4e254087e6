CREATE TABLE `ingest_dead_letters` (
	`message_id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`tenant_id` text,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`dead_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingest_dead_letters_tenant` ON `ingest_dead_letters` (`tenant_id`,`dead_at`);