import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CLAIM_STATUS_KEYS, ROLES, SOURCE_STANCE_KEYS, VERDICT_ICON_KEYS } from "@/lib/verdicts";
import { CORRECTION_KINDS } from "@/lib/corrections";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";

// Timestamps are ISO-8601 UTC strings: sortable, readable in the SQLite shell,
// and exported as-is to formats that want xsd:dateTime.
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// ---------------------------------------------------------------- tables

/**
 * What the claim audit trail records. `updated` holds a field diff; the status
 * moves (`submitted`, `approved`, `returned`, `reopened`, `restored`) hold
 * { from, to, reason? }; `deleted` holds a snapshot of the claim and the
 * reason; comment events hold the comment id and text; `reanchored` holds
 * { revision, state, method, before: {start, end, exact}, after: {…} } (a new
 * text revision moved or changed the claim's words); `text_accepted` holds
 * { revision, before, after } (a person confirmed the verdict stands for the
 * new wording).
 */
export const CLAIM_EVENT_TYPES = [
  "created",
  "updated",
  "deleted",
  "submitted",
  "approved",
  "returned",
  "reopened",
  "assigned",
  "comment_added",
  "comment_edited",
  "comment_deleted",
  "restored",
  "reanchored",
  "text_accepted",
  "based_on",
] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];

/** What re-anchoring found for a claim in a revision (see lib/anchoring/reanchor.ts). */
export const ANCHOR_STATES = ["unchanged", "changed", "orphaned"] as const;
export type AnchorStateKey = (typeof ANCHOR_STATES)[number];
/** How an anchor was obtained: marked on this revision, mapped through editor steps, through a text diff, fuzzy search in a rewritten region, or attached by a person (Re-anchor). */
export const ANCHOR_METHODS = ["created", "steps", "diff", "fuzzy", "manual"] as const;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** Set when an admin created the account or reset its password: the next sign-in must choose a new one. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const articles = sqliteTable(
  "articles",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    sourceUrl: text("source_url"),
    publisher: text("publisher"),
    author: text("author"),
    /** Publication date as printed by the publisher (YYYY-MM-DD). */
    publishedOn: text("published_on"),
    /**
     * BCP 47 tag of the article's language ("ar", "en"; "und" when it could not be
     * told): detected at import (lib/language.ts), changed by editors.
     */
    language: text("language").notNull().default("und"),
    /** The article body as a ProseMirror/TipTap JSON document (sanitised on import). */
    content: text("content", { mode: "json" }).notNull(),
    /** Plain text derived from `content`; every claim anchor is expressed over it. */
    plainText: text("plain_text").notNull(),
    /** SHA-256 of plainText, so anchors can tell whether the text moved under them. */
    textHash: text("text_hash").notNull(),
    /** The article_revisions.number that content/plain_text are (revision 1 is the import). */
    currentRevision: integer("current_revision").notNull().default(1),
    importedBy: text("imported_by").references(() => users.id),
    /** The reviewer an editor assigned the whole article to. */
    assigneeId: text("assignee_id").references(() => users.id),
    /** Set while the article is published at /published/{id}; null when unpublished. */
    publishedAt: text("published_at"),
    publishedBy: text("published_by").references(() => users.id),
    /** Which claims the published page shows: "approved" (default) or "all". */
    publishedScope: text("published_scope", { enum: ["approved", "all"] }),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("articles_created_at_idx").on(t.createdAt),
    index("articles_assignee_idx").on(t.assigneeId),
    // Dashboard filters and sorts (migration 0002).
    index("articles_publisher_idx").on(t.publisher),
    index("articles_title_idx").on(t.title),
    /** The dashboard's "article date": the publisher's date, or the import day when there is none. */
    index("articles_date_idx").on(sql`coalesce(${t.publishedOn}, substr(${t.createdAt}, 1, 10))`),
  ],
);

export const claims = sqliteTable(
  "claims",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    // W3C TextQuoteSelector
    quoteExact: text("quote_exact").notNull(),
    quotePrefix: text("quote_prefix").notNull(),
    quoteSuffix: text("quote_suffix").notNull(),
    // W3C TextPositionSelector, in Unicode code points over articles.plain_text
    positionStart: integer("position_start").notNull(),
    positionEnd: integer("position_end").notNull(),
    claimAsChecked: text("claim_as_checked").notNull(),
    claimant: text("claimant").notNull().default(""),
    verdict: text("verdict"),
    rationale: text("rationale").notNull().default(""),
    status: text("status", { enum: CLAIM_STATUS_KEYS }).notNull().default("open"),
    /** The reviewer an editor assigned this claim to. */
    assigneeId: text("assignee_id").references(() => users.id),
    /** Who last submitted the verdict for approval, and when (four-eyes check on approval). */
    proposedBy: text("proposed_by").references(() => users.id),
    proposedAt: text("proposed_at"),
    /** Who approved the current verdict, and when; cleared when the claim leaves "approved". */
    approvedBy: text("approved_by").references(() => users.id),
    approvedAt: text("approved_at"),
    /** Optimistic-concurrency version: every accepted save increments it. */
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => users.id),
    updatedBy: text("updated_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    /** Claims are never physically deleted, so nothing typed is lost. */
    deletedAt: text("deleted_at"),
    /**
     * Whether the claim needs a person since the text was revised: "changed"
     * (its words were edited) or "orphaned" (its words are gone); "unchanged"
     * once its words are intact or someone accepted the new text. The per-revision
     * record of what re-anchoring found is claim_anchors.
     */
    anchorState: text("anchor_state", { enum: ANCHOR_STATES }).notNull().default("unchanged"),
    /** The quote the verdict was given on, kept while anchorState is changed/orphaned (the re-check diff's old side). */
    recheckQuote: text("recheck_quote"),
    /** The earlier claim whose verdict, rationale and sources this one started from ("Use this verdict"). */
    basedOnClaimId: text("based_on_claim_id"),
  },
  (t) => [
    index("claims_article_idx").on(t.articleId, t.deletedAt, t.positionStart),
    index("claims_assignee_idx").on(t.assigneeId, t.updatedAt),
    // Dashboard "reviewer" filter: which articles have live claims assigned to a user (covering, live claims only).
    index("claims_assignee_article_idx").on(t.assigneeId, t.articleId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/**
 * Every text an article has had. Revision 1 is the import; each "Save text"
 * adds the next. articles.content/plain_text always equal the current
 * revision's, so every reader of the article (exports, search, the published
 * page) keeps reading the articles row. An INSERT trigger on articles
 * (migration 0006) writes revision 1 of every new article, whichever path
 * creates it.
 */
export const articleRevisions = sqliteTable(
  "article_revisions",
  {
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    content: text("content", { mode: "json" }).notNull(),
    plainText: text("plain_text").notNull(),
    textHash: text("text_hash").notNull(),
    /** The ProseMirror steps (Step.toJSON) from the previous revision, for edits made in the editor; null for an import. */
    steps: text("steps", { mode: "json" }),
    authorId: text("author_id").references(() => users.id),
    note: text("note").notNull().default(""),
    createdAt: text("created_at").notNull().default(now),
    /**
     * Set on a revision that came from a Claimdesk JSON file's history: what
     * the file said about it (its author's name as text, never a user id; where
     * it came from) and whether the file held its text (only the last
     * revision's). Null for revisions made on this desk.
     */
    imported: text("imported", { mode: "json" }).$type<ImportedRevision>(),
    /**
     * Words (letter or digit runs) the word diff against the previous revision
     * counts as added and removed; computed when the revision is saved (a
     * 100,000-word article's diff is too slow to redo on every view of the
     * Revisions list). Null for revision 1 (the import) and for revisions
     * saved before the counts existed, which the list fills in once.
     */
    wordsAdded: integer("words_added"),
    wordsRemoved: integer("words_removed"),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.number] })],
);

export type ImportedRevision = { authorName: string | null; source: "import" | "editor" | "outside"; textInFile: boolean };

/**
 * Who is editing an article's text right now, shared by every app instance:
 * one row per browser tab that pressed Edit text, renewed by its heartbeat and
 * ignored once `expires_at` has passed (a closed laptop leaves no ghost).
 */
export const textEditPresence = sqliteTable(
  "text_edit_presence",
  {
    /** A random id the tab made when Edit text was pressed: two tabs of one person are two rows. */
    sessionId: text("session_id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startedAt: text("started_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
  },
  // The poll's one read: this article's rows that have not expired.
  (t) => [index("text_edit_presence_article_idx").on(t.articleId, t.expiresAt)],
);

/**
 * Each claim's anchor in each revision of its article: the W3C selectors
 * recomputed for that revision, so any revision can be exported exactly, and
 * what re-anchoring found. An INSERT trigger on claims (migration 0006)
 * writes the anchor of a new claim in its article's current revision.
 */
export const claimAnchors = sqliteTable(
  "claim_anchors",
  {
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    articleId: text("article_id").notNull(),
    revision: integer("revision").notNull(),
    /** Code points over that revision's plain text; orphaned: start === end, where the words were. */
    positionStart: integer("position_start").notNull(),
    positionEnd: integer("position_end").notNull(),
    quoteExact: text("quote_exact").notNull(),
    quotePrefix: text("quote_prefix").notNull(),
    quoteSuffix: text("quote_suffix").notNull(),
    state: text("state", { enum: ANCHOR_STATES }).notNull(),
    method: text("method", { enum: ANCHOR_METHODS }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.revision] }), index("claim_anchors_article_idx").on(t.articleId, t.revision)],
);

export const sources = sqliteTable(
  "sources",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    /** Order of the source within its claim, 0-based. */
    position: integer("position").notNull(),
    url: text("url").notNull(),
    title: text("title").notNull().default(""),
    publisher: text("publisher").notNull().default(""),
    excerpt: text("excerpt").notNull().default(""),
    stance: text("stance", { enum: SOURCE_STANCE_KEYS }).notNull().default("context"),
    /** Date the reviewer consulted the source (YYYY-MM-DD). */
    accessedOn: text("accessed_on"),
  },
  (t) => [index("sources_claim_idx").on(t.claimId, t.position)],
);

/**
 * Append-only audit trail, written in the same batch as each claim change.
 * No foreign key to claims: the record must outlive anything it describes.
 */
export const claimEvents = sqliteTable(
  "claim_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: text("claim_id").notNull(),
    articleId: text("article_id").notNull(),
    actorId: text("actor_id"),
    type: text("type", { enum: CLAIM_EVENT_TYPES }).notNull(),
    /** The claim version this event produced. */
    version: integer("version").notNull(),
    /** created/deleted: a snapshot (deleted: with `reason`); updated: { field: { before, after } }. */
    data: text("data", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("claim_events_claim_idx").on(t.claimId, t.id)],
);

/** Discussion on a claim. Edits and deletions are also written to claim_events, so the timeline keeps the original. */
export const claimComments = sqliteTable(
  "claim_comments",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    articleId: text("article_id").notNull(),
    authorId: text("author_id").references(() => users.id),
    /** "return" comments carry an editor's reason for returning a verdict. */
    kind: text("kind", { enum: ["comment", "return"] }).notNull().default("comment"),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("claim_comments_claim_idx").on(t.claimId, t.createdAt)],
);

/**
 * The desk's verdict scale, editable by admins. Claims store the key; a key in
 * use cannot be deleted without mapping its claims to another verdict.
 */
export const verdictScale = sqliteTable("verdict_scale", {
  key: text("key").primaryKey(),
  label: text("label").notNull(),
  description: text("description").notNull().default(""),
  /** A #rrggbb colour; never the only signal (label and icon are always shown). */
  color: text("color").notNull(),
  /** Position on a 0–1 truthfulness scale; null for verdicts that say nothing about truth. */
  value: real("value"),
  icon: text("icon", { enum: VERDICT_ICON_KEYS }).notNull().default("circle"),
  position: integer("position").notNull(),
});

/**
 * Append-only audit trail for everything that is not a claim: article
 * assignment and publishing, account administration, verdict-scale edits.
 * Written in the same batch as the change it records.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type", { enum: ["article", "user", "verdict_scale", "webhook"] }).notNull(),
    entityId: text("entity_id").notNull(),
    actorId: text("actor_id"),
    type: text("type").notNull(),
    data: text("data", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("audit_events_entity_idx").on(t.entityType, t.entityId, t.id)],
);

/**
 * Per-article claim counts for the dashboard and the article summary, so no
 * page ever aggregates the claims table. Maintained by SQLite triggers on
 * `claims` (and `articles` INSERT) defined in migration 0002, inside the same
 * transaction as every claim write, whichever code path makes it. Only live
 * claims (deleted_at IS NULL) are counted. Never written by application code.
 */
export const articleStats = sqliteTable(
  "article_stats",
  {
    articleId: text("article_id")
      .primaryKey()
      .references(() => articles.id, { onDelete: "cascade" }),
    total: integer("total").notNull().default(0),
    open: integer("open").notNull().default(0),
    inReview: integer("in_review").notNull().default(0),
    verdictProposed: integer("verdict_proposed").notNull().default(0),
    approved: integer("approved").notNull().default(0),
    /** Live claims with a verdict, whatever their status. */
    checked: integer("checked").notNull().default(0),
    /** Latest updated_at of any claim of the article (or the import time). */
    lastActivityAt: text("last_activity_at").notNull().default(now),
  },
  (t) => [
    index("article_stats_activity_idx").on(t.lastActivityAt),
    index("article_stats_total_idx").on(t.total),
  ],
);

/**
 * Live claims per article and verdict key (the scale is editable, so keys are
 * rows, not columns). `approved` counts those whose status is approved.
 * Maintained by the triggers of migration 0002; rows at zero are removed.
 */
export const articleVerdictCounts = sqliteTable(
  "article_verdict_counts",
  {
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    verdict: text("verdict").notNull(),
    n: integer("n").notNull().default(0),
    approved: integer("approved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.verdict] }), index("article_verdict_counts_verdict_idx").on(t.verdict, t.articleId)],
);

/**
 * Approved live claims per article, month of approval (YYYY-MM of
 * approved_at, or updated_at when approved_at is missing) and verdict: the
 * dashboard's "verdicts over time" chart. Maintained by the triggers of migration 0002.
 */
export const verdictMonthCounts = sqliteTable(
  "verdict_month_counts",
  {
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    verdict: text("verdict").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.month, t.verdict] }), index("verdict_month_counts_month_idx").on(t.month, t.verdict)],
);

/**
 * Desk-wide live claims per verdict key (the unfiltered dashboard's totals),
 * maintained by the triggers of migration 0002 beside article_verdict_counts.
 */
export const deskVerdictCounts = sqliteTable("desk_verdict_counts", {
  verdict: text("verdict").primaryKey(),
  n: integer("n").notNull().default(0),
  approved: integer("approved").notNull().default(0),
});

/** Desk-wide approved claims per month of approval and verdict (the unfiltered dashboard's chart). */
export const deskVerdictMonths = sqliteTable(
  "desk_verdict_months",
  {
    month: text("month").notNull(),
    verdict: text("verdict").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.verdict] })],
);

/**
 * Scratch rows of the guarded-write helper (db/queries/guarded-write.ts): the
 * targets of one batch whose guard held when the batch began. Rows are
 * written and deleted inside that batch's transaction, so outside one the
 * table is always empty. A table in the main database (not TEMP) so that
 * recording the guard is the batch's first write: the write lock is taken
 * before the guard is read, and no other connection can change what it read.
 */
export const writeGuards = sqliteTable(
  "write_guards",
  {
    token: text("token").notNull(),
    target: text("target").notNull(),
  },
  (t) => [primaryKey({ columns: [t.token, t.target] })],
);

/**
 * The integer keys of the full-text indexes (migration 0004). FTS5 rows are
 * addressed by an integer rowid; the desk's ids are UUIDs, and the implicit
 * rowid of a table with a text primary key may change on VACUUM (the backup
 * script runs VACUUM INTO). So each indexed article, claim and source gets
 * a key here, an INTEGER PRIMARY KEY that VACUUM keeps, and that key is the
 * rowid of its row in `search_articles`, `search_claims` or `search_sources`
 * (FTS5 virtual tables, defined in SQL only: Drizzle has no virtual tables).
 * Written only by the triggers of migration 0004, in the transaction of
 * every write to articles, claims and sources.
 */
export const searchKeys = sqliteTable(
  "search_keys",
  {
    doc: integer("doc").primaryKey(),
    kind: text("kind", { enum: ["article", "claim", "source"] }).notNull(),
    refId: text("ref_id").notNull(),
  },
  (t) => [uniqueIndex("search_keys_ref_unique").on(t.kind, t.refId)],
);

/** Why a session ended before its time (sessions.revoked_reason). */
export const SESSION_END_REASONS = ["signed_out", "signed_out_everywhere", "disabled", "password_changed", "password_reset", "role_changed"] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One row per sign-in. The session token carries only this id; every request
 * reads the row with the user's (lib/auth.ts getCurrentUser), so signing out,
 * "Sign out everywhere", disabling, a password change or a role change end a
 * session at its next request. `expires_at` is absolute: refreshing the
 * cookie never moves it. A revoked row stays revoked (re-enabling an account
 * does not bring its sessions back); rows are deleted once expired.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    revokedReason: text("revoked_reason", { enum: SESSION_END_REASONS }),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Sign-in throttle counters (lib/login-throttle.ts), one row per key
 * (`account:<email>`, `address:<client address>`, `device:<id>`). Times are
 * epoch milliseconds rather than ISO strings: the rules do arithmetic on
 * them. Rows past `expires_at` are forgotten by the rules and pruned.
 */
export const signInThrottle = sqliteTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    lastAttemptAt: integer("last_attempt_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sign_in_throttle_expires_idx").on(t.expiresAt)],
);

export const API_TOKEN_SCOPES = ["read", "write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * Personal access tokens for the HTTP API (/api/v1). The secret is shown
 * once at creation and stored only as its SHA-256 (a random 256-bit secret
 * needs no slow hash: there is nothing to guess). `prefix` is its first
 * characters, so a user can tell their tokens apart. A token acts as its
 * owner with the owner's current role: every request reads the owner's row
 * (lib/session-standing.ts), so a disabled owner means a dead token.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: API_TOKEN_SCOPES }).notNull(),
    secretHash: text("secret_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("api_tokens_secret_hash_unique").on(t.secretHash), index("api_tokens_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Rate-limit counters (db/queries/rate-limit.ts): one row per key, the API's
 * per-token limit (`token:{id}`) and the per-person limit on page fetches
 * (`url-fetch:{userId}`), each counting in a window that opens at the key's
 * first use, so every instance on the database counts the same requests.
 * Times are epoch milliseconds, as in sign_in_throttle.
 */
export const apiRateLimits = sqliteTable("api_rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/**
 * Webhook endpoints an admin registered (db/queries/webhooks.ts). `secret`
 * is kept as it is, not hashed: every delivery is signed with it. It is
 * shown to the admin once, at creation or rotation. After a rotation the
 * previous secret also signs deliveries until `previous_secret_expires_at`
 * (epoch ms), so a receiver can switch keys without losing any.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    url: text("url").notNull(),
    /** The event types it receives, a JSON array. */
    events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("webhook_endpoints_created_idx").on(t.createdAt)],
);

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per event and endpoint, written in the transaction of
 * the event itself (db/queries/webhooks.ts webhookEventStatement), so an
 * approval that is rolled back sends nothing and one that commits is never
 * lost. Delivered by lib/webhooks/deliverer.ts on every instance: a
 * deliverer takes a due row by setting `lease_owner` and `lease_expires_at`
 * in one UPDATE … RETURNING, so two instances never send one row at once,
 * and a row whose deliverer died is taken again once its lease expires.
 * `payload` is the exact body that is signed and sent. Times used in
 * arithmetic are epoch milliseconds, as in sign_in_throttle.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    /** The `webhook-id`: one per event, the same for every endpoint and retry. */
    messageId: text("message_id").notNull(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type", { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: integer("lease_expires_at"),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    lastAttemptAt: text("last_attempt_at"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

export const CORRECTION_STATUSES = ["draft", "published"] as const;

/**
 * The public corrections log of a published article (lib/corrections.ts).
 * Once an article has been published, each new text revision and each change
 * to an approved claim's verdict appends to the article's one open draft
 * (created on the first such change), in the transaction of the change itself
 * (db/queries/corrections.ts draftCorrectionStatements). An editor writes the
 * public note, chooses the kind, and publishes it; published entries are never
 * changed again. `changes` is a JSON array of CorrectionChange. `imported`
 * entries came from a Claimdesk JSON file: shown as they were, but nobody on
 * this desk published them (`published_by` is null).
 */
export const corrections = sqliteTable(
  "corrections",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** Chosen when publishing; null while a draft. */
    kind: text("kind", { enum: CORRECTION_KINDS }),
    note: text("note").notNull().default(""),
    status: text("status", { enum: CORRECTION_STATUSES }).notNull().default("draft"),
    changes: text("changes", { mode: "json" }).notNull().default(sql`'[]'`),
    imported: integer("imported", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    publishedAt: text("published_at"),
    publishedBy: text("published_by").references(() => users.id),
  },
  (t) => [
    index("corrections_article_idx").on(t.articleId, t.status, t.publishedAt),
    // One open draft per article: every change adds to it.
    uniqueIndex("corrections_one_draft_unique").on(t.articleId).where(sql`status = 'draft'`),
  ],
);

// ---------------------------------------------------------------- relations

export const usersRelations = relations(users, ({ many }) => ({
  claims: many(claims),
}));

export const articlesRelations = relations(articles, ({ many, one }) => ({
  claims: many(claims),
  importer: one(users, { fields: [articles.importedBy], references: [users.id] }),
}));

export const claimsRelations = relations(claims, ({ one, many }) => ({
  article: one(articles, { fields: [claims.articleId], references: [articles.id] }),
  sources: many(sources),
}));

export const sourcesRelations = relations(sources, ({ one }) => ({
  claim: one(claims, { fields: [sources.claimId], references: [claims.id] }),
}));

// ---------------------------------------------------------------- types

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type Claim = typeof claims.$inferSelect;
export type NewClaim = typeof claims.$inferInsert;
export type Source = typeof sources.$inferSelect;
export type NewSource = typeof sources.$inferInsert;
export type ClaimEvent = typeof claimEvents.$inferSelect;
export type ClaimComment = typeof claimComments.$inferSelect;
export type VerdictScaleRow = typeof verdictScale.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type ArticleStats = typeof articleStats.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ArticleRevision = typeof articleRevisions.$inferSelect;
export type ClaimAnchor = typeof claimAnchors.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type CorrectionRow = typeof corrections.$inferSelect;
