ALTER TABLE `webhook_endpoints` ADD `consecutive_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `failing_since` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `failing_alerted_at` integer;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_lease_idx` ON `webhook_deliveries` (`lease_until`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_tenant_status_idx` ON `webhook_deliveries` (`tenant_id`,`status`,`created_at`);