CREATE INDEX `entity_day_rollups_day_idx` ON `entity_day_rollups` (`day`);--> statement-breakpoint
CREATE INDEX `flags_status_reviewed_idx` ON `flags` (`status`,`reviewed_at`);