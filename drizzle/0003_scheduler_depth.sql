CREATE TABLE `optimizer_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`reviews_used` integer DEFAULT 0 NOT NULL,
	`log_loss_default` real,
	`log_loss_fitted` real,
	`params` text,
	`kept` integer,
	`message` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `optimizer_runs_user_started` ON `optimizer_runs` (`user_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `card_states` ADD `reset_at` integer;--> statement-breakpoint
ALTER TABLE `user_settings` ADD `timezone_source` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE `user_settings` ADD `auto_optimize` integer DEFAULT true NOT NULL;