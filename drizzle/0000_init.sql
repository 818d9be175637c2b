CREATE TABLE `card_states` (
	`user_id` text NOT NULL,
	`item_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`kind` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`suspended` integer DEFAULT false NOT NULL,
	`buried_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `item_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `card_states_user_due` ON `card_states` (`user_id`,`due`);--> statement-breakpoint
CREATE TABLE `lesson_reads` (
	`user_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `topic_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`item_id` text NOT NULL,
	`rating` integer NOT NULL,
	`state` integer NOT NULL,
	`log_due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`last_elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`review` integer NOT NULL,
	`prev_due` integer,
	`had_state` integer NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT 'review' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_logs_user_review` ON `review_logs` (`user_id`,`review`);--> statement-breakpoint
CREATE INDEX `review_logs_user_item` ON `review_logs` (`user_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `user_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`desired_retention` real DEFAULT 0.9 NOT NULL,
	`new_per_day` integer DEFAULT 20 NOT NULL,
	`max_reviews_per_day` integer DEFAULT 200 NOT NULL,
	`learning_steps` text DEFAULT '["1m","10m"]' NOT NULL,
	`relearning_steps` text DEFAULT '["10m"]' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`day_start_hour` integer DEFAULT 4 NOT NULL,
	`fuzz` integer DEFAULT true NOT NULL,
	`maximum_interval` integer DEFAULT 36500 NOT NULL,
	`fsrs_params` text,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`password_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);