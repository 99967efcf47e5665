/**
 * Whether a key press belongs to what the person is typing (a field, a
 * select, an editable area) rather than to a page-wide shortcut such as
 * "/" (search) or "?" (keyboard shortcuts).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='textbox'], [role='combobox']");
}
