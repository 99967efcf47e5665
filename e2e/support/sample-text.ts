/**
 * Passages of the sample article (db/seed/middle-east-tensions.md) the claim
 * specs select. Curly apostrophes as in the article.
 */
export const TEXT = {
  /** Second paragraph of "Background", a claim a fact-checker would pick first. */
  majority: "The vast majority of Iraq’s provinces are controlled by Iran-supported militias",
  /** The words right after `majority` (one space between them). */
  majorityContinued: "that act on their own but still pay loyalty to Tehran",
  /** The opening claim of the article. */
  opening: "Tensions in the Middle East have risen due to reports that Iraq-linked militias have attacked forces supported by Iran",
  /** In the "Dilemma" section, half-way down. */
  citizens: "Most of Iraq’s citizens fear the consequences of openly opposing Iran",
  /** Last section: far below the first screen. */
  leadership: "Iraq’s leadership has to make a decisive decision today",
} as const;

/** `majority` and what follows it: a longer span that contains `majority`. */
export const MAJORITY_LONG = `${TEXT.majority} ${TEXT.majorityContinued}`;
