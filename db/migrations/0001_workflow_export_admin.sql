CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`actor_id` text,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `claim_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`article_id` text NOT NULL,
	`author_id` text,
	`kind` text DEFAULT 'comment' NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_comments_claim_idx` ON `claim_comments` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `verdict_scale` (
	`key` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`color` text NOT NULL,
	`value` real,
	`icon` text DEFAULT 'circle' NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `assignee_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `articles` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `published_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `articles` ADD `published_scope` text;--> statement-breakpoint
CREATE INDEX `articles_assignee_idx` ON `articles` (`assignee_id`);--> statement-breakpoint
ALTER TABLE `claims` ADD `assignee_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `claims` ADD `proposed_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `claims` ADD `proposed_at` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `approved_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `claims` ADD `approved_at` text;--> statement-breakpoint
CREATE INDEX `claims_assignee_idx` ON `claims` (`assignee_id`,`updated_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;
--> statement-breakpoint
-- The default verdict scale (lib/verdicts.ts DEFAULT_VERDICT_SCALE); admins edit it from here.
INSERT INTO `verdict_scale` (`key`, `label`, `description`, `color`, `value`, `icon`, `position`) VALUES
('true', 'True', 'The claim is accurate and nothing significant is missing.', '#15803d', 1, 'check-circle', 0),
('mostly_true', 'Mostly true', 'Accurate, but needs clarification or additional information.', '#4d7c0f', 0.75, 'check', 1),
('half_true', 'Half true', 'Partially accurate, but leaves out important details or takes things out of context.', '#a16207', 0.5, 'circle-half', 2),
('mostly_false', 'Mostly false', 'Contains an element of truth but ignores facts that would give a different impression.', '#c2410c', 0.25, 'alert-triangle', 3),
('false', 'False', 'The claim is not accurate.', '#b91c1c', 0, 'x-circle', 4),
('misleading', 'Misleading', 'Built on true facts, but framed to lead to a false conclusion.', '#7e22ce', 0.2, 'shuffle', 5),
('unverifiable', 'Unverifiable', 'The available evidence can neither prove nor disprove the claim.', '#475569', NULL, 'help-circle', 6);
