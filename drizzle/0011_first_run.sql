ALTER TABLE `users` ADD `goal` text;--> statement-breakpoint
ALTER TABLE `users` ADD `onboarded_at` integer;--> statement-breakpoint
-- Accounts that existed before the first run have already started: never send them through it.
UPDATE `users` SET `onboarded_at` = `created_at`;
