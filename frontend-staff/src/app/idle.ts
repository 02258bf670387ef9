/** How long before the idle time-out the warning appears. */
export const WARNING_SECONDS = 60;

export type IdleState = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

/**
 * Where a user stands, `idleMs` after their last action, under a time-out of
 * `timeoutSeconds`. Pure, so that the countdown can be tested without waiting.
 */
export function idleState(idleMs: number, timeoutSeconds: number): IdleState {
  const left = Math.ceil(timeoutSeconds - idleMs / 1000);
  if (left <= 0) return { kind: 'expired' };
  if (left <= Math.min(WARNING_SECONDS, timeoutSeconds)) return { kind: 'warning', secondsLeft: left };
  return { kind: 'active' };
}
