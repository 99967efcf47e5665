import { Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { MAX_REASON_LENGTH } from "@/lib/workflow";

/** The required "Reason" an editor gives for a workflow move (returning a verdict, deleting an approved claim). */
export function ReasonField({
  id,
  value,
  error,
  hint,
  rows = 4,
  onChange,
}: {
  id: string;
  value: string;
  error?: string;
  hint?: string;
  rows?: number;
  /** Called with the new text; the caller clears its error there. */
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label="Reason" error={error} hint={hint}>
      <Textarea id={id} rows={rows} aria-required="true" maxLength={MAX_REASON_LENGTH} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
