import type { Metadata } from "next";
import { StatusPage } from "./status-page";

export const metadata: Metadata = { title: "Not allowed" };

/**
 * The 403 page, rendered with that status wherever a page calls forbidden()
 * (next/navigation, `experimental.authInterrupts`): a signed-in user whose
 * role does not give access, e.g. a reviewer opening the dashboard. It shows
 * inside the desk's layout, under its header.
 */
export default function Forbidden() {
  return (
    <StatusPage code="403" title="You are not allowed to open this page" standalone={false}>
      Your role does not give access to it: the dashboard, for example, is for editors and admins. Ask an admin if you need it.
    </StatusPage>
  );
}
