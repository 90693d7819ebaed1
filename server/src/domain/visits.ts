/** Visits: a new visit starts at the first page view after a gap of inactivity. */

export const DEFAULT_VISIT_GAP_MS = 30 * 60 * 1000;

export interface VisitState {
  id: number;
  number: number;
  lastActivityAt: number;
}

/**
 * Decides whether activity at `now` continues the visitor's last visit or starts a new one.
 * Returns the number the visit should have.
 */
export function visitFor(
  last: VisitState | null,
  now: number,
  gapMs: number = DEFAULT_VISIT_GAP_MS,
): { continues: true; visit: VisitState } | { continues: false; number: number } {
  if (last && now - last.lastActivityAt < gapMs) return { continues: true, visit: last };
  return { continues: false, number: (last?.number ?? 0) + 1 };
}
