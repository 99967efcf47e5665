import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

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

/** One labelled date filter of a GET form. */
export function DateFilter({ id, name, label, value, describedBy }: { id: string; name: string; label: string; value: string | undefined; describedBy?: string }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={name} type="date" defaultValue={value ?? ""} aria-describedby={describedBy} />
    </div>
  );
}
