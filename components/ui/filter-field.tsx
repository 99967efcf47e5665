import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ISO_DATE_FORMAT } from "@/lib/format";

export type FilterOption = { value: string; label: string };

/** One labelled filter of a GET form (dashboard, search): a select whose empty first choice means "any". */
export function SelectFilter({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
  describedBy,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: FilterOption[];
  describedBy?: string;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} name={name} defaultValue={value ?? ""} aria-describedby={describedBy}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/**
 * One labelled date filter of a GET form. A date picker shows the browser's
 * own format but always sends YYYY-MM-DD, the only one the server reads; the
 * hint says so for links edited by hand and browsers without a picker (where
 * the placeholder and pattern apply).
 */
export function DateFilter({ id, name, label, value, describedBy }: { id: string; name: string; label: string; value: string | undefined; describedBy?: string }) {
  return (
    <div className="grid gap-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <span id={`${id}-format`} className="text-xs text-muted">
          {ISO_DATE_FORMAT}
        </span>
      </div>
      <Input
        id={id}
        name={name}
        type="date"
        defaultValue={value ?? ""}
        placeholder={ISO_DATE_FORMAT}
        pattern="\d{4}-\d{2}-\d{2}"
        aria-describedby={[`${id}-format`, describedBy].filter(Boolean).join(" ")}
      />
    </div>
  );
}
