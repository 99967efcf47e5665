CREATE TABLE `article_revisions` (
	`article_id` text NOT NULL,
	`number` integer NOT NULL,
	`content` text NOT NULL,
	`plain_text` text NOT NULL,
	`text_hash` text NOT NULL,
	`steps` text,
	`author_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`article_id`, `number`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_anchors` (
	`claim_id` text NOT NULL,
	`article_id` text NOT NULL,
	`revision` integer NOT NULL,
	`position_start` integer NOT NULL,
	`position_end` integer NOT NULL,
	`quote_exact` text NOT NULL,
	`quote_prefix` text NOT NULL,
	`quote_suffix` text NOT NULL,
	`state` text NOT NULL,
	`method` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`claim_id`, `revision`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_anchors_article_idx` ON `claim_anchors` (`article_id`,`revision`);--> statement-breakpoint
ALTER TABLE `articles` ADD `current_revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `anchor_state` text DEFAULT 'unchanged' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `recheck_quote` text;--> statement-breakpoint
-- ------------------------------------------------------------------ hand-written: upgrade and triggers
-- Today's text of every article becomes its revision 1, by whoever imported it, at its import time.
INSERT INTO `article_revisions` (`article_id`, `number`, `content`, `plain_text`, `text_hash`, `steps`, `author_id`, `note`, `created_at`)
SELECT `id`, 1, `content`, `plain_text`, `text_hash`, NULL, `imported_by`, '', `created_at` FROM `articles`;
--> statement-breakpoint
-- Every claim (deleted ones too: a restore brings them back) gets its revision-1 anchor, the selectors it has today.
INSERT INTO `claim_anchors` (`claim_id`, `article_id`, `revision`, `position_start`, `position_end`, `quote_exact`, `quote_prefix`, `quote_suffix`, `state`, `method`, `created_at`)
SELECT `id`, `article_id`, 1, `position_start`, `position_end`, `quote_exact`, `quote_prefix`, `quote_suffix`, 'unchanged', 'created', `created_at` FROM `claims`;
--> statement-breakpoint
-- Revision 1 of every new article, whichever code path inserts it (import, Claimdesk JSON, seed),
-- in the same transaction. Later revisions are written by db/queries/revisions.ts.
CREATE TRIGGER `article_revisions_ai` AFTER INSERT ON `articles` BEGIN
  INSERT INTO `article_revisions` (`article_id`, `number`, `content`, `plain_text`, `text_hash`, `author_id`, `created_at`)
  VALUES (NEW.`id`, NEW.`current_revision`, NEW.`content`, NEW.`plain_text`, NEW.`text_hash`, NEW.`imported_by`, NEW.`created_at`);
END;
--> statement-breakpoint
-- The anchor of a new claim in its article's current revision: a claim is only ever created over the current text
-- (createClaim checks it), so its selectors are that revision's.
CREATE TRIGGER `claim_anchors_ai` AFTER INSERT ON `claims` BEGIN
  INSERT INTO `claim_anchors` (`claim_id`, `article_id`, `revision`, `position_start`, `position_end`, `quote_exact`, `quote_prefix`, `quote_suffix`, `state`, `method`)
  SELECT NEW.`id`, NEW.`article_id`, a.`current_revision`, NEW.`position_start`, NEW.`position_end`, NEW.`quote_exact`, NEW.`quote_prefix`, NEW.`quote_suffix`, 'unchanged', 'created'
  FROM `articles` a WHERE a.`id` = NEW.`article_id`;
END;
