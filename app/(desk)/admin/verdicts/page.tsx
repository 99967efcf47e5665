import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listVerdictScaleWithUsage } from "@/db/queries/verdict-scale";
import { requirePageUser } from "@/lib/auth";
import { VerdictsAdmin } from "./verdicts-admin";

export const metadata: Metadata = { title: "Verdict scale" };

export default async function VerdictScalePage() {
  const user = await requirePageUser("/admin/verdicts");
  if (user.role !== "admin") notFound();
  const scale = await listVerdictScaleWithUsage({ actor: user });
  return <VerdictsAdmin initial={scale} />;
}
