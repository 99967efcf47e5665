/** The demo accounts the server seeds into the fresh e2e database (see README). */
export const ACCOUNTS = {
  reviewer: { email: "reviewer@claimdesk.test", password: "reviewer-demo-pass", name: "Rita Reviewer" },
  editor: { email: "editor@claimdesk.test", password: "editor-demo-pass", name: "Eddie Editor" },
  admin: { email: "admin@claimdesk.test", password: "admin-demo-pass", name: "Ada Admin" },
} as const;

export type RoleName = keyof typeof ACCOUNTS;

export const storageStateFor = (role: RoleName) => `e2e/.auth/${role}.json`;

export const SAMPLE_TITLE = "Middle East Tensions Flare: Iraq-Linked Militias Attack Iran-Backed Forces Amid Regional Unrest";
