ALTER TABLE `user_settings` ADD `reviews_since_optimize` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing learners start from what the old check counted: reviews (not cram) since their latest run started.
UPDATE `user_settings` SET `reviews_since_optimize` = (
	SELECT count(*) FROM `review_logs` r
	WHERE r.`user_id` = `user_settings`.`user_id` AND r.`source` != 'cram'
	AND r.`review` > coalesce((SELECT max(o.`started_at`) FROM `optimizer_runs` o WHERE o.`user_id` = `user_settings`.`user_id`), -1)
);
