CREATE TABLE `path_enrollments` (
	`user_id` text NOT NULL,
	`path_id` text NOT NULL,
	`started_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `path_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `user_settings` ADD `target_date` text;--> statement-breakpoint
ALTER TABLE `user_settings` ADD `target_path` text;