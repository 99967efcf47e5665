CREATE TABLE `article_stats` (
	`article_id` text PRIMARY KEY NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	`in_review` integer DEFAULT 0 NOT NULL,
	`verdict_proposed` integer DEFAULT 0 NOT NULL,
	`approved` integer DEFAULT 0 NOT NULL,
	`checked` integer DEFAULT 0 NOT NULL,
	`last_activity_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_stats_activity_idx` ON `article_stats` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `article_stats_total_idx` ON `article_stats` (`total`);--> statement-breakpoint
CREATE TABLE `article_verdict_counts` (
	`article_id` text NOT NULL,
	`verdict` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`approved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`article_id`, `verdict`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `article_verdict_counts_verdict_idx` ON `article_verdict_counts` (`verdict`,`article_id`);--> statement-breakpoint
CREATE TABLE `desk_verdict_counts` (
	`verdict` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`approved` integer DEFAULT 0 NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `desk_verdict_months` (
	`month` text NOT NULL,
	`verdict` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `verdict`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `verdict_month_counts` (
	`article_id` text NOT NULL,
	`month` text NOT NULL,
	`verdict` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`article_id`, `month`, `verdict`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `verdict_month_counts_month_idx` ON `verdict_month_counts` (`month`,`verdict`);--> statement-breakpoint
CREATE INDEX `articles_publisher_idx` ON `articles` (`publisher`);--> statement-breakpoint
CREATE INDEX `articles_title_idx` ON `articles` (`title`);--> statement-breakpoint
CREATE INDEX `articles_date_idx` ON `articles` (coalesce("published_on", substr("created_at", 1, 10)));--> statement-breakpoint
CREATE INDEX `claims_assignee_article_idx` ON `claims` (`assignee_id`,`article_id`) WHERE "deleted_at" IS NULL;--> statement-breakpoint
-- ------------------------------------------------------------------ summary triggers (hand-written)
-- article_stats, article_verdict_counts, verdict_month_counts and the desk_* totals are kept equal
-- to a GROUP BY over the live claims by these triggers, in the transaction of
-- every claim write (create, save, status move, soft delete, verdict remap, hard
-- delete), whichever code path makes it. Application code never writes them.
CREATE TRIGGER `articles_stats_ai` AFTER INSERT ON `articles` BEGIN
  INSERT INTO article_stats (article_id, last_activity_at) VALUES (NEW.id, NEW.created_at) ON CONFLICT (article_id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_stats_ai` AFTER INSERT ON `claims` WHEN NEW.deleted_at IS NULL BEGIN
  UPDATE article_stats SET
    total = total + 1,
    open = open + (NEW.status = 'open'),
    in_review = in_review + (NEW.status = 'in_review'),
    verdict_proposed = verdict_proposed + (NEW.status = 'verdict_proposed'),
    approved = approved + (NEW.status = 'approved'),
    checked = checked + (NEW.verdict IS NOT NULL),
    last_activity_at = max(last_activity_at, NEW.updated_at)
  WHERE article_id = NEW.article_id;
  INSERT INTO article_verdict_counts (article_id, verdict, n, approved)
    SELECT NEW.article_id, NEW.verdict, 1, NEW.status = 'approved' WHERE NEW.verdict IS NOT NULL
    ON CONFLICT (article_id, verdict) DO UPDATE SET n = n + 1, approved = approved + excluded.approved;
  INSERT INTO desk_verdict_counts (verdict, n, approved)
    SELECT NEW.verdict, 1, NEW.status = 'approved' WHERE NEW.verdict IS NOT NULL
    ON CONFLICT (verdict) DO UPDATE SET n = n + 1, approved = approved + excluded.approved;
  INSERT INTO verdict_month_counts (article_id, month, verdict, n)
    SELECT NEW.article_id, substr(coalesce(NEW.approved_at, NEW.updated_at), 1, 7), NEW.verdict, 1
    WHERE NEW.verdict IS NOT NULL AND NEW.status = 'approved'
    ON CONFLICT (article_id, month, verdict) DO UPDATE SET n = n + 1;
  INSERT INTO desk_verdict_months (month, verdict, n)
    SELECT substr(coalesce(NEW.approved_at, NEW.updated_at), 1, 7), NEW.verdict, 1
    WHERE NEW.verdict IS NOT NULL AND NEW.status = 'approved'
    ON CONFLICT (month, verdict) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_stats_au` AFTER UPDATE ON `claims` BEGIN
  -- Take the old row out and put the new one in (article_id never changes, but the pair stays correct if it did).
  UPDATE article_stats SET
    total = total - 1,
    open = open - (OLD.status = 'open'),
    in_review = in_review - (OLD.status = 'in_review'),
    verdict_proposed = verdict_proposed - (OLD.status = 'verdict_proposed'),
    approved = approved - (OLD.status = 'approved'),
    checked = checked - (OLD.verdict IS NOT NULL)
  WHERE article_id = OLD.article_id AND OLD.deleted_at IS NULL;
  UPDATE article_stats SET
    total = total + (NEW.deleted_at IS NULL),
    open = open + (NEW.deleted_at IS NULL AND NEW.status = 'open'),
    in_review = in_review + (NEW.deleted_at IS NULL AND NEW.status = 'in_review'),
    verdict_proposed = verdict_proposed + (NEW.deleted_at IS NULL AND NEW.status = 'verdict_proposed'),
    approved = approved + (NEW.deleted_at IS NULL AND NEW.status = 'approved'),
    checked = checked + (NEW.deleted_at IS NULL AND NEW.verdict IS NOT NULL),
    last_activity_at = max(last_activity_at, coalesce(NEW.deleted_at, NEW.updated_at))
  WHERE article_id = NEW.article_id;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_verdicts_au` AFTER UPDATE OF `verdict`, `status`, `deleted_at`, `article_id`, `approved_at`, `updated_at` ON `claims`
WHEN (OLD.verdict IS NOT NULL OR NEW.verdict IS NOT NULL) BEGIN
  UPDATE article_verdict_counts SET n = n - 1, approved = approved - (OLD.status = 'approved')
    WHERE article_id = OLD.article_id AND verdict = OLD.verdict AND OLD.deleted_at IS NULL;
  UPDATE desk_verdict_counts SET n = n - 1, approved = approved - (OLD.status = 'approved')
    WHERE verdict = OLD.verdict AND OLD.deleted_at IS NULL;
  INSERT INTO article_verdict_counts (article_id, verdict, n, approved)
    SELECT NEW.article_id, NEW.verdict, 1, NEW.status = 'approved' WHERE NEW.verdict IS NOT NULL AND NEW.deleted_at IS NULL
    ON CONFLICT (article_id, verdict) DO UPDATE SET n = n + 1, approved = approved + excluded.approved;
  INSERT INTO desk_verdict_counts (verdict, n, approved)
    SELECT NEW.verdict, 1, NEW.status = 'approved' WHERE NEW.verdict IS NOT NULL AND NEW.deleted_at IS NULL
    ON CONFLICT (verdict) DO UPDATE SET n = n + 1, approved = approved + excluded.approved;
  DELETE FROM article_verdict_counts WHERE article_id = OLD.article_id AND verdict = OLD.verdict AND n <= 0;
  DELETE FROM desk_verdict_counts WHERE verdict = OLD.verdict AND n <= 0;
  UPDATE verdict_month_counts SET n = n - 1
    WHERE article_id = OLD.article_id AND month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict
      AND OLD.deleted_at IS NULL AND OLD.status = 'approved';
  UPDATE desk_verdict_months SET n = n - 1
    WHERE month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict
      AND OLD.deleted_at IS NULL AND OLD.status = 'approved';
  INSERT INTO verdict_month_counts (article_id, month, verdict, n)
    SELECT NEW.article_id, substr(coalesce(NEW.approved_at, NEW.updated_at), 1, 7), NEW.verdict, 1
    WHERE NEW.verdict IS NOT NULL AND NEW.deleted_at IS NULL AND NEW.status = 'approved'
    ON CONFLICT (article_id, month, verdict) DO UPDATE SET n = n + 1;
  INSERT INTO desk_verdict_months (month, verdict, n)
    SELECT substr(coalesce(NEW.approved_at, NEW.updated_at), 1, 7), NEW.verdict, 1
    WHERE NEW.verdict IS NOT NULL AND NEW.deleted_at IS NULL AND NEW.status = 'approved'
    ON CONFLICT (month, verdict) DO UPDATE SET n = n + 1;
  DELETE FROM verdict_month_counts
    WHERE article_id = OLD.article_id AND month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict AND n <= 0;
  DELETE FROM desk_verdict_months
    WHERE month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_stats_ad` AFTER DELETE ON `claims` WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE article_stats SET
    total = total - 1,
    open = open - (OLD.status = 'open'),
    in_review = in_review - (OLD.status = 'in_review'),
    verdict_proposed = verdict_proposed - (OLD.status = 'verdict_proposed'),
    approved = approved - (OLD.status = 'approved'),
    checked = checked - (OLD.verdict IS NOT NULL)
  WHERE article_id = OLD.article_id;
  UPDATE article_verdict_counts SET n = n - 1, approved = approved - (OLD.status = 'approved')
    WHERE article_id = OLD.article_id AND verdict = OLD.verdict;
  UPDATE desk_verdict_counts SET n = n - 1, approved = approved - (OLD.status = 'approved') WHERE verdict = OLD.verdict;
  DELETE FROM article_verdict_counts WHERE article_id = OLD.article_id AND verdict = OLD.verdict AND n <= 0;
  DELETE FROM desk_verdict_counts WHERE verdict = OLD.verdict AND n <= 0;
  UPDATE verdict_month_counts SET n = n - 1
    WHERE article_id = OLD.article_id AND month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict
      AND OLD.status = 'approved';
  UPDATE desk_verdict_months SET n = n - 1
    WHERE month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict AND OLD.status = 'approved';
  DELETE FROM verdict_month_counts
    WHERE article_id = OLD.article_id AND month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict AND n <= 0;
  DELETE FROM desk_verdict_months
    WHERE month = substr(coalesce(OLD.approved_at, OLD.updated_at), 1, 7) AND verdict = OLD.verdict AND n <= 0;
END;
--> statement-breakpoint
-- ------------------------------------------------------------------ backfill (the same GROUP BYs the tests compare with)
INSERT INTO article_stats (article_id, total, open, in_review, verdict_proposed, approved, checked, last_activity_at)
SELECT a.id,
  count(c.id),
  coalesce(sum(c.status = 'open'), 0),
  coalesce(sum(c.status = 'in_review'), 0),
  coalesce(sum(c.status = 'verdict_proposed'), 0),
  coalesce(sum(c.status = 'approved'), 0),
  coalesce(sum(c.verdict IS NOT NULL), 0),
  max(a.created_at, coalesce((SELECT max(coalesce(x.deleted_at, x.updated_at)) FROM claims x WHERE x.article_id = a.id), ''))
FROM articles a LEFT JOIN claims c ON c.article_id = a.id AND c.deleted_at IS NULL
GROUP BY a.id;
--> statement-breakpoint
INSERT INTO article_verdict_counts (article_id, verdict, n, approved)
SELECT article_id, verdict, count(*), sum(status = 'approved') FROM claims
WHERE deleted_at IS NULL AND verdict IS NOT NULL GROUP BY article_id, verdict;
--> statement-breakpoint
INSERT INTO verdict_month_counts (article_id, month, verdict, n)
SELECT article_id, substr(coalesce(approved_at, updated_at), 1, 7), verdict, count(*) FROM claims
WHERE deleted_at IS NULL AND verdict IS NOT NULL AND status = 'approved' GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO desk_verdict_counts (verdict, n, approved)
SELECT verdict, sum(n), sum(approved) FROM article_verdict_counts GROUP BY verdict;
--> statement-breakpoint
INSERT INTO desk_verdict_months (month, verdict, n)
SELECT month, verdict, sum(n) FROM verdict_month_counts GROUP BY month, verdict;
