/**
 * Moves focus to a form control and shows it with its label and message. Plain focus()
 * scrolls only as far as the control itself, and Safari then leaves the label and the
 * error above it off screen; so the control's whole field (label, hint, message, control)
 * is scrolled to the middle first and focus follows without scrolling again.
 */
export function focusField(id: string): void {
  const control = document.getElementById(id);
  if (!control) return;
  const field = control.closest('.field') ?? control;
  // jsdom has no scrollIntoView.
  field.scrollIntoView?.({ block: 'center' });
  control.focus({ preventScroll: true });
}
