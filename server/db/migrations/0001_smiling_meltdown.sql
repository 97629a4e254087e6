CREATE TABLE `webhook_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`fanned_out_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_messages_dedupe_idx` ON `webhook_messages` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `webhook_messages_fanout_idx` ON `webhook_messages` (`fanned_out_at`);