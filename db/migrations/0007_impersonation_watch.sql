CREATE TABLE `flag_evidence` (
	`flag_id` integer PRIMARY KEY NOT NULL,
	`evidence` text NOT NULL,
	FOREIGN KEY (`flag_id`) REFERENCES `flags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `impersonation_budget` (
	`platform` text NOT NULL,
	`day` text NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`platform`, `day`)
);
--> statement-breakpoint
CREATE TABLE `impersonation_candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`platform_id` text,
	`display_name` text,
	`bio` text,
	`profile_url` text,
	`links` text DEFAULT '[]' NOT NULL,
	`profile_created_at` integer,
	`followers` integer,
	`imitates_account_id` integer,
	`score` real NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`alerted_at` integer,
	`decided_at` integer,
	`decided_by` integer,
	`reported_on` text,
	`note` text,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imitates_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `impersonation_candidates_entity_handle_uq` ON `impersonation_candidates` (`entity_id`,`platform`,`handle`);--> statement-breakpoint
CREATE INDEX `impersonation_candidates_entity_idx` ON `impersonation_candidates` (`entity_id`,`status`,`score`);--> statement-breakpoint
CREATE INDEX `impersonation_candidates_handle_idx` ON `impersonation_candidates` (`platform`,`handle`);--> statement-breakpoint
CREATE TABLE `impersonation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer NOT NULL,
	`job_id` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text DEFAULT 'running' NOT NULL,
	`found` integer DEFAULT 0 NOT NULL,
	`candidates` integer DEFAULT 0 NOT NULL,
	`alerts` integer DEFAULT 0 NOT NULL,
	`takeover_flags` integer DEFAULT 0 NOT NULL,
	`spent` text DEFAULT '{}' NOT NULL,
	`notes` text DEFAULT '[]' NOT NULL,
	`error` text,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `impersonation_runs_entity_idx` ON `impersonation_runs` (`entity_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `profile_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`at` integer NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `profile_changes_account_idx` ON `profile_changes` (`account_id`,`at`);