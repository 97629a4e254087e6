CREATE TABLE `plans` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`features` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `seat_alerts` (
	`account_id` text NOT NULL,
	`threshold` text NOT NULL,
	`reached_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `threshold`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	`publish_until` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signing_keys_tenant_idx` ON `signing_keys` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `contract_terms` ADD `seat_policy` text;--> statement-breakpoint
ALTER TABLE `contract_terms` ADD `overage_seats` integer;--> statement-breakpoint
ALTER TABLE `grants` ADD `feature` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `enabled` integer;--> statement-breakpoint
ALTER TABLE `grants` ADD `feature_limit` integer;--> statement-breakpoint
ALTER TABLE `grants` ADD `revokes` text;