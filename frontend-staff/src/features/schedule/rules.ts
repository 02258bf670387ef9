// The booking rules form: its text inputs, their faults, the body the API takes.
import { formatTime, parseTime, type BookingRules } from './logic';

/** `8:30` → `08:30`, as the API reads times. */
const time = (text: string) => {
  const minutes = parseTime(text);
  return minutes === null ? text.trim() : formatTime(minutes);
};

export interface RulesDraft {
  opensDays: string;
  opensAt: string;
  closesDays: string;
  closesAt: string;
  changeDays: string;
  changeAt: string;
  firstDate: string;
  lastDate: string;
  hold: string;
  holdShare: string;
  piiFree: boolean;
  ledgerCheck: boolean;
  reminder: boolean;
  reminderDays: string;
  retentionDays: string;
}

export function rulesToDraft(rules: BookingRules): RulesDraft {
  return {
    opensDays: String(rules.opens_days_before),
    opensAt: rules.opens_at,
    closesDays: String(rules.closes_days_before),
    closesAt: rules.closes_at,
    changeDays: String(rules.change_days_before),
    changeAt: rules.change_at,
    firstDate: rules.first_date ?? '',
    lastDate: rules.last_date ?? '',
    hold: String(rules.hold_minutes),
    holdShare: String(rules.hold_share_percent ?? 10),
    piiFree: rules.pii_free,
    ledgerCheck: rules.ledger_check ?? false,
    reminder: rules.reminder_days_before != null,
    reminderDays: String(rules.reminder_days_before ?? 1),
    retentionDays: String(rules.retention_days ?? 90),
  };
}

/** Fields named as the API names them. */
export type RulesField =
  | 'opens_days_before'
  | 'opens_at'
  | 'closes_days_before'
  | 'closes_at'
  | 'change_days_before'
  | 'change_at'
  | 'hold_minutes'
  | 'hold_share_percent'
  | 'reminder_days_before'
  | 'retention_days'
  | 'closes'
  | 'last_date';
export type RulesFault = 'days' | 'time' | 'hold' | 'share' | 'reminder' | 'retention' | 'reversed' | 'period';

function whole(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

export function rulesFaults(draft: RulesDraft): Partial<Record<RulesField, RulesFault>> {
  const faults: Partial<Record<RulesField, RulesFault>> = {};
  const opensDays = whole(draft.opensDays, 0, 366);
  const closesDays = whole(draft.closesDays, 0, 366);
  if (opensDays === null) faults.opens_days_before = 'days';
  if (closesDays === null) faults.closes_days_before = 'days';
  if (whole(draft.changeDays, 0, 366) === null) faults.change_days_before = 'days';
  const opensAt = parseTime(draft.opensAt);
  const closesAt = parseTime(draft.closesAt);
  if (opensAt === null) faults.opens_at = 'time';
  if (closesAt === null) faults.closes_at = 'time';
  if (parseTime(draft.changeAt) === null) faults.change_at = 'time';
  if (opensDays !== null && closesDays !== null && opensAt !== null && closesAt !== null) {
    // Minutes before the visit day starts: the window must open earlier than it closes.
    if (opensDays * 1440 - opensAt <= closesDays * 1440 - closesAt) faults.closes = 'reversed';
  }
  if (whole(draft.hold, 1, 60) === null) faults.hold_minutes = 'hold';
  if (whole(draft.holdShare, 1, 100) === null) faults.hold_share_percent = 'share';
  if (draft.reminder && whole(draft.reminderDays, 1, 14) === null) faults.reminder_days_before = 'reminder';
  if (whole(draft.retentionDays, 7, 3650) === null) faults.retention_days = 'retention';
  if (draft.firstDate && draft.lastDate && draft.firstDate > draft.lastDate) faults.last_date = 'period';
  return faults;
}

export function draftToRules(draft: RulesDraft): BookingRules {
  return {
    opens_days_before: Number(draft.opensDays),
    opens_at: time(draft.opensAt),
    closes_days_before: Number(draft.closesDays),
    closes_at: time(draft.closesAt),
    change_days_before: Number(draft.changeDays),
    change_at: time(draft.changeAt),
    first_date: draft.firstDate || null,
    last_date: draft.lastDate || null,
    hold_minutes: Number(draft.hold),
    hold_share_percent: Number(draft.holdShare),
    pii_free: draft.piiFree,
    ledger_check: draft.ledgerCheck,
    reminder_days_before: draft.reminder ? Number(draft.reminderDays) : null,
    retention_days: Number(draft.retentionDays),
  };
}
