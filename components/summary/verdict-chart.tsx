"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { VerdictBadge } from "@/components/verdict-badge";

/** `key` null: claims without a verdict. `onScale` false: a key no longer on the desk's scale. */
export type VerdictChartRow = { key: string | null; label: string; color: string; n: number; approved: number; onScale: boolean };

const NO_VERDICT_COLOR = "#94a3b8";

/**
 * Claims per verdict as horizontal bars (approved solid, the rest pale), with
 * the same figures as a table right below it for screen readers and anyone
 * who prefers numbers. The chart itself is hidden from assistive technology.
 */
export function VerdictChart({ rows, caption }: { rows: VerdictChartRow[]; caption: string }) {
  const data = rows.map((r) => ({ ...r, pending: r.n - r.approved, color: r.key ? r.color : NO_VERDICT_COLOR }));
  const height = Math.max(120, data.length * 34 + 40);
  return (
    <figure className="grid gap-4">
      <div aria-hidden style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={6}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
            <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12, fill: "#0f172a" }} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={{ fontSize: 12, borderRadius: 6 }} />
            <Bar dataKey="approved" name="Approved" stackId="v" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.color} />
              ))}
            </Bar>
            <Bar dataKey="pending" name="Not yet approved" stackId="v" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.color} fillOpacity={0.35} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted">Solid: approved. Pale: not yet approved.</figcaption>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 font-medium">Verdict</th>
            <th scope="col" className="py-2 text-right font-medium">Claims</th>
            <th scope="col" className="py-2 text-right font-medium">Approved</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((r) => (
            <tr key={r.key ?? "none"}>
              <th scope="row" className="py-1.5 font-normal">
                {r.key && !r.onScale ? (
                  <span>
                    {r.key} <span className="text-xs text-muted">(no longer on the scale)</span>
                  </span>
                ) : (
                  <VerdictBadge verdict={r.key} />
                )}
              </th>
              <td className="py-1.5 text-right tabular-nums">{r.n}</td>
              <td className="py-1.5 text-right tabular-nums">{r.key ? r.approved : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
