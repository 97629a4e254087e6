CREATE TABLE `nps_responses` (
	`account_id` text NOT NULL,
	`term_id` text NOT NULL,
	`user_id` text NOT NULL,
	`score` integer,
	`comment` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `term_id`, `user_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`term_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`params` text NOT NULL,
	`status` text NOT NULL,
	`shown_to` text NOT NULL,
	`shown_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`grant_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_term_kind_idx` ON `offers` (`account_id`,`term_id`,`kind`);--> statement-breakpoint
CREATE INDEX `offers_tenant_idx` ON `offers` (`tenant_id`,`shown_at`);--> statement-breakpoint
CREATE TABLE `renewal_opportunities` (
	`account_id` text NOT NULL,
	`term_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`owner` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `term_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`term_id`) REFERENCES `contract_terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `renewal_opportunities_tenant_idx` ON `renewal_opportunities` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `contract_terms` ADD `next_reminder_at` integer DEFAULT 0;--> statement-breakpoint
CREATE INDEX `contract_terms_next_reminder_idx` ON `contract_terms` (`next_reminder_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `reminders_changed_at` integer;