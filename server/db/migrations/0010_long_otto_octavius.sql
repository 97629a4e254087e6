DROP INDEX `renewal_declines_term_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `renewal_declines_term_user_idx` ON `renewal_declines` (`account_id`,`term_id`,`user_id`);