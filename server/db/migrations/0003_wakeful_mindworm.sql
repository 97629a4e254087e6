CREATE TABLE `account_milestones` (
	`account_id` text NOT NULL,
	`milestone` text NOT NULL,
	`reached_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `milestone`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checklist_dismissals` (
	`account_id` text NOT NULL,
	`user_key` text NOT NULL,
	`checklist_key` text NOT NULL,
	`hidden_until` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `user_key`, `checklist_key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checklist_pins` (
	`account_id` text NOT NULL,
	`checklist_key` text NOT NULL,
	`version` integer NOT NULL,
	`pinned_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `checklist_key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checklist_progress` (
	`account_id` text NOT NULL,
	`checklist_key` text NOT NULL,
	`step_id` text NOT NULL,
	`user_key` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `checklist_key`, `step_id`, `user_key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checklists` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklists_tenant_key_version_idx` ON `checklists` (`tenant_id`,`key`,`version`);--> statement-breakpoint
CREATE TABLE `health_snapshots` (
	`account_id` text NOT NULL,
	`day` text NOT NULL,
	`score` integer NOT NULL,
	`risk` text NOT NULL,
	`measures` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `day`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminders_sent` (
	`account_id` text NOT NULL,
	`term_id` text NOT NULL,
	`days` integer NOT NULL,
	`status` text NOT NULL,
	`in_app` integer NOT NULL,
	`due_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `term_id`, `days`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scorecards` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_counters` (
	`account_id` text NOT NULL,
	`user_key` text NOT NULL,
	`name` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`account_id`, `user_key`, `name`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_daily` (
	`account_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`account_id`, `day`, `kind`, `key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_events` (
	`tenant_id` text NOT NULL,
	`event_id` text NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`feature` text,
	`module` text,
	`score` integer,
	`properties` text,
	`occurred_at` integer NOT NULL,
	`day` text NOT NULL,
	`source` text NOT NULL,
	`ingest_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `event_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
