// The day list's totals, as the printed sheet counts them: cancelled bookings aside.
export interface DayTotals {
  /** Bookings not cancelled. */
  count: number;
  /** People they bring. */
  people: number;
  /** Bookings checked in at the counter. */
  visited: number;
}

export function daySummary(items: readonly { status: string; places: number }[]): DayTotals {
  const active = items.filter((b) => b.status !== 'cancelled');
  return {
    count: active.length,
    people: active.reduce((sum, b) => sum + b.places, 0),
    visited: active.filter((b) => b.status === 'visited').length,
  };
}
