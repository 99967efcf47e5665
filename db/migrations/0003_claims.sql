CREATE TABLE `write_guards` (
	`token` text NOT NULL,
	`target` text NOT NULL,
	PRIMARY KEY(`token`, `target`)
);
