import { Label as LabelPrimitive } from "radix-ui";
import * as React from "react";
import { cn } from "@/lib/utils";

export function Label({ className, ...props }: React.ComponentProps<typeof LabelPrimitive.Root>) {
  return <LabelPrimitive.Root className={cn("text-sm font-medium text-slate-700", className)} {...props} />;
}

/** Label, control and its error message, wired together for assistive technology. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className,
  required,
}: {
  id: string;
  label: string;
  /** Shows "required" beside the label (the control's own required state is what assistive technology announces). */
  required?: boolean;
  error?: string;
  hint?: string;
  children: React.ReactNode;
  className?: string;
}) {
  // The message under the control is also its accessible description, and an
  // error marks the control invalid, so screen readers announce both with it.
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const control =
    React.isValidElement<{ id?: string; "aria-describedby"?: string; "aria-invalid"?: React.AriaAttributes["aria-invalid"]; "aria-required"?: boolean }>(children) &&
    children.props.id === id
      ? React.cloneElement(children, {
          "aria-describedby": [children.props["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined,
          "aria-invalid": children.props["aria-invalid"] || (error ? true : undefined),
          ...(required ? { "aria-required": true } : {}),
        })
      : children;
  return (
    <div className={cn("grid gap-1.5", className)}>
      {required ? (
        <div className="flex items-baseline gap-2">
          <Label htmlFor={id}>{label}</Label>
          {/* Seen beside the label; announced through the control's required state, not as part of its name. */}
          <span aria-hidden className="text-xs font-medium text-red-700">
            required
          </span>
        </div>
      ) : (
        <Label htmlFor={id}>{label}</Label>
      )}
      {control}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
