CREATE TABLE `quiz_answers` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`chosen_option` integer NOT NULL,
	`correct` integer NOT NULL,
	`answered_at` integer NOT NULL,
	`review_log_id` text,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text,
	`question_ids` text NOT NULL,
	`option_orders` text NOT NULL,
	`immediate_feedback` integer NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`finished_at` integer,
	`score` integer,
	`total` integer NOT NULL,
	`passed` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_started` ON `quiz_attempts` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_source` ON `quiz_attempts` (`user_id`,`source_id`);