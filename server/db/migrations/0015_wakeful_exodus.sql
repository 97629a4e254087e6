ALTER TABLE `tenants` ADD `previous_identity_secret` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `previous_identity_secret_until` integer;