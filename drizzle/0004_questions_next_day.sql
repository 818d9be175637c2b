ALTER TABLE `review_logs` ADD `shown_order` text;--> statement-breakpoint
-- Quiz questions no longer take the short learning steps: one waiting on a step is moved to a day from now (its history is kept).
UPDATE `card_states` SET `due` = MAX(`due`, CAST(unixepoch('subsec') * 1000 AS INTEGER) + 86400000) WHERE `kind` = 'question' AND `state` IN (1, 3);
