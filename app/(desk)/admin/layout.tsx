import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { AdminNav } from "./admin-nav";

/** Admin pages: hidden (404) from everyone but admins. Each page checks again. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser("/admin/users");
  if (user.role !== "admin") notFound();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-xs font-semibold uppercase tracking-wider text-slate-500">Administration</p>
      <AdminNav />
      {children}
    </div>
  );
}
