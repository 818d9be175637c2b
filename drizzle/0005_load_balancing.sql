ALTER TABLE `user_settings` ADD `load_balance` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `user_settings` ADD `easy_days` text DEFAULT '[1,1,1,1,1,1,1]' NOT NULL;