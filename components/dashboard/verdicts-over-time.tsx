"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import { formatMonth } from "@/lib/format";

export type MonthRow = { month: string; counts: Record<string, number> };

const monthLabel = formatMonth;

/**
 * Approved verdicts per month of approval, stacked by verdict in the desk's
 * scale order, and the same figures in a table (the chart is hidden from
 * assistive technology; the table is the accessible equivalent).
 */
export function VerdictsOverTime({ months }: { months: MonthRow[] }) {
  const scale = useVerdictScale();
  const keys = new Set(months.flatMap((m) => Object.keys(m.counts)));
  const series = [
    ...scale.filter((v) => keys.has(v.key)).map((v) => ({ key: v.key, label: v.label, color: v.color })),
    ...[...keys].filter((k) => !scale.some((v) => v.key === k)).map((k) => ({ key: k, label: k, color: "#94a3b8" })),
  ];
  const data = months.map((m) => ({ label: monthLabel(m.month), ...m.counts }));
  if (months.length === 0) {
    return <p className="py-8 text-center text-sm text-muted">No approved verdicts yet. The chart fills in as editors approve claims.</p>;
  }
  return (
    <figure className="grid gap-3">
      <div aria-hidden className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={{ fontSize: 12, borderRadius: 6 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="m" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand">Chart data as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Approved verdicts per month of approval</caption>
            <thead className="border-b border-line text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Month</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-2 pr-3 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row" className="py-1.5 pr-3 font-normal">{monthLabel(m.month)}</th>
                  {series.map((s) => (
                    <td key={s.key} className="py-1.5 pr-3 text-right tabular-nums">
                      {m.counts[s.key] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
