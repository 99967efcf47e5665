ALTER TABLE `article_revisions` ADD `words_added` integer;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `words_removed` integer;