CREATE TABLE `change_versions` (
	`key` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`seq` integer NOT NULL,
	`origin` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_versions_seq_idx` ON `change_versions` (`seq`);--> statement-breakpoint
CREATE INDEX `change_versions_tenant_seq_idx` ON `change_versions` (`tenant_id`,`seq`);