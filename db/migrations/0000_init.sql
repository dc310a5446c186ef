CREATE TABLE `account_owners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`custodian_name` text,
	`custodian_email` text,
	`backup_name` text,
	`backup_email` text,
	`credential_custody` text DEFAULT 'unknown' NOT NULL,
	`two_factor` text DEFAULT 'unknown' NOT NULL,
	`recovery_contact` text,
	`attested_at` integer,
	`note` text,
	`valid_from` integer NOT NULL,
	`valid_to` integer,
	`changed_by` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_owners_account_idx` ON `account_owners` (`account_id`,`valid_to`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`platform_id` text,
	`class` text NOT NULL,
	`holder_name` text,
	`holder_title` text,
	`managed_by` text,
	`linked_official_account_id` integer,
	`handover_plan` text,
	`verification_requested` integer DEFAULT false NOT NULL,
	`display_name` text,
	`bio` text,
	`profile_url` text,
	`avatar_url` text,
	`verified` integer,
	`followers` integer,
	`profile_created_at` integer,
	`contact_links` text DEFAULT '[]' NOT NULL,
	`profile_fetched_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`registry_status` text DEFAULT 'registered' NOT NULL,
	`cursor` text,
	`last_post_at` integer,
	`synthetic` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_platform_handle_uq` ON `accounts` (`platform`,`handle`);--> statement-breakpoint
CREATE INDEX `accounts_entity_idx` ON `accounts` (`entity_id`,`class`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`entity_id` integer,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_id`,`at`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`website` text,
	`email_domains` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entities_slug_unique` ON `entities` (`slug`);--> statement-breakpoint
CREATE TABLE `entity_day_rollups` (
	`entity_id` integer NOT NULL,
	`day` text NOT NULL,
	`posts` integer DEFAULT 0 NOT NULL,
	`flags` integer DEFAULT 0 NOT NULL,
	`weighted_flags` real DEFAULT 0 NOT NULL,
	`open_flags` integer DEFAULT 0 NOT NULL,
	`by_category` text DEFAULT '{}' NOT NULL,
	`by_severity` text DEFAULT '{}' NOT NULL,
	`by_clause` text DEFAULT '{}' NOT NULL,
	`flags_raised` integer DEFAULT 0 NOT NULL,
	`reviewed_on_time` integer DEFAULT 0 NOT NULL,
	`reviewed` integer DEFAULT 0 NOT NULL,
	`review_seconds` real DEFAULT 0 NOT NULL,
	`controls_applicable` integer DEFAULT 0 NOT NULL,
	`controls_met` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`entity_id`, `day`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fetch_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`job_id` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text DEFAULT 'running' NOT NULL,
	`posts_new` integer DEFAULT 0 NOT NULL,
	`posts_changed` integer DEFAULT 0 NOT NULL,
	`posts_deleted` integer DEFAULT 0 NOT NULL,
	`error` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fetch_runs_account_idx` ON `fetch_runs` (`account_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_key` text NOT NULL,
	`post_id` integer,
	`account_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`clause_id` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`score` real NOT NULL,
	`spans` text DEFAULT '[]' NOT NULL,
	`policy_version` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`escalated` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reviewed_at` integer,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_subject_rule_policy_uq` ON `flags` (`subject_key`,`rule_id`,`policy_version`);--> statement-breakpoint
CREATE INDEX `flags_entity_status_idx` ON `flags` (`entity_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `flags_status_created_idx` ON `flags` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `flags_post_idx` ON `flags` (`post_id`);--> statement-breakpoint
CREATE INDEX `flags_account_idx` ON `flags` (`account_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_idx` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `platform_credentials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`label` text NOT NULL,
	`sealed` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `post_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `post_versions_post_version_uq` ON `post_versions` (`post_id`,`version`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`platform_post_id` text NOT NULL,
	`url` text,
	`text` text NOT NULL,
	`lang` text,
	`published_at` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`raw` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_account_platform_post_uq` ON `posts` (`account_id`,`platform_post_id`);--> statement-breakpoint
CREATE INDEX `posts_account_published_idx` ON `posts` (`account_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `posts_published_idx` ON `posts` (`published_at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`entity_id` integer,
	`week_start` text NOT NULL,
	`locale` text DEFAULT 'ar' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`pages` integer,
	`generated_at` integer NOT NULL,
	`generated_by` text NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_scope_entity_week_locale_version_uq` ON `reports` (`scope`,`entity_id`,`week_start`,`locale`,`version`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flag_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`decision` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`flag_id`) REFERENCES `flags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_flag_idx` ON `reviews` (`flag_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`entity_id` integer,
	`locale` text DEFAULT 'ar' NOT NULL,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_entity_idx` ON `users` (`entity_id`);