CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text DEFAULT (lower(hex(randomblob(16)))) NOT NULL,
	`event_id` integer NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`user_id` integer,
	`hook_id` integer,
	`mail_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`first_attempt_at` integer,
	`last_attempt_at` integer,
	`response_code` integer,
	`duration_ms` integer,
	`error` text,
	`body` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mail_id`) REFERENCES `mails`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_uid_unique` ON `deliveries` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_channel_target_uq` ON `deliveries` (`event_id`,`channel`,`target`);--> statement-breakpoint
CREATE INDEX `deliveries_hook_idx` ON `deliveries` (`hook_id`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_mail_idx` ON `deliveries` (`mail_id`);--> statement-breakpoint
CREATE INDEX `deliveries_pending_idx` ON `deliveries` (`created_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `demo_mailbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`message_id` text,
	`from_addr` text NOT NULL,
	`to_addr` text NOT NULL,
	`subject` text NOT NULL,
	`html` text,
	`text` text,
	`headers` text DEFAULT '{}' NOT NULL,
	`bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text DEFAULT (lower(hex(randomblob(16)))) NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`entity_id` integer,
	`flag_id` integer,
	`account_id` integer,
	`report_id` integer,
	`severity` text,
	`data` text DEFAULT '{}' NOT NULL,
	`occurred_at` integer NOT NULL,
	`dispatched_at` integer,
	`processed_at` integer,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`flag_id`) REFERENCES `flags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_uid_unique` ON `events` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_key_unique` ON `events` (`key`);--> statement-breakpoint
CREATE INDEX `events_undispatched_idx` ON `events` (`id`) WHERE dispatched_at IS NULL;--> statement-breakpoint
CREATE INDEX `events_unprocessed_idx` ON `events` (`dispatched_at`) WHERE processed_at IS NULL;--> statement-breakpoint
CREATE INDEX `events_entity_occurred_idx` ON `events` (`entity_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_occurred_idx` ON `events` (`occurred_at`);--> statement-breakpoint
CREATE TABLE `mails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'open' NOT NULL,
	`send_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`data` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mails_dedupe_key_unique` ON `mails` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `mails_user_kind_idx` ON `mails` (`user_id`,`kind`,`send_at`);--> statement-breakpoint
CREATE INDEX `mails_unsent_idx` ON `mails` (`send_at`) WHERE status IN ('open', 'sending');--> statement-breakpoint
CREATE TABLE `notification_entities` (
	`user_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `entity_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notification_prefs` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`immediate` integer NOT NULL,
	`digest` integer NOT NULL,
	`weekly_report` integer NOT NULL,
	`all_entities` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_id` integer,
	`url` text NOT NULL,
	`description` text,
	`secret_sealed` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`failing_since` integer,
	`last_success_at` integer,
	`disabled_at` integer,
	`disabled_reason` text,
	`deleted_at` integer,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhooks_entity_idx` ON `webhooks` (`entity_id`);