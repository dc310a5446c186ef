ALTER TABLE `login_attempts` ADD `outcome` text DEFAULT 'failed' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_attempts_email_ip_idx` ON `login_attempts` (`email`,`ip`,`at`);