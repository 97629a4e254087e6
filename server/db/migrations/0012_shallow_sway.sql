CREATE TABLE `account_due` (
	`job` text NOT NULL,
	`account_id` text NOT NULL,
	`due_at` integer NOT NULL,
	PRIMARY KEY(`job`, `account_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_due_job_due_idx` ON `account_due` (`job`,`due_at`);--> statement-breakpoint
CREATE TABLE `job_cursors` (
	`job` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
