// Which steps a card can take where it is: the server's state machine
// (domain/ledger/status.rs) mirrored, only to offer the right buttons. The server
// stays the judge: whatever it refuses is shown as it says.
import type { CardStatus, InspectionResult } from './labels';

export const CLERK_STEPS = [
  'inspect',
  'set_up',
  'send_notice',
  'return_notice',
  'hand_over',
  'cancel',
  'reissue',
  'abolish',
  'dispose',
] as const;
export type ClerkStep = (typeof CLERK_STEPS)[number];

/** The steps a bulk action offers: the dates a clerk sets for a pile of cards at once. */
export const BULK_STEPS = ['inspect', 'send_notice', 'hand_over'] as const;
export type BulkStep = (typeof BULK_STEPS)[number];

/** Where `step` takes a card in `from` whose last inspection found `inspection`; null when it does not apply. */
export function nextStatus(from: string, inspection: string | null | undefined, step: ClerkStep): CardStatus | null {
  const is = (...statuses: CardStatus[]) => (statuses as string[]).includes(from);
  switch (step) {
    case 'inspect':
      return is('received', 'inspected') ? 'inspected' : null;
    case 'set_up':
      return is('inspected') && inspection === 'ok' ? 'set_up' : null;
    case 'send_notice':
      return is('set_up', 'notice_returned') ? 'notice_sent' : null;
    case 'return_notice':
      return is('notice_sent') ? 'notice_returned' : null;
    case 'hand_over':
      return is('set_up', 'notice_sent', 'notice_returned', 'booked') ? 'handed_over' : null;
    case 'cancel':
      return is('received', 'inspected', 'set_up', 'notice_sent', 'notice_returned', 'booked') ? 'cancelled' : null;
    case 'reissue':
      return is('inspected', 'set_up', 'notice_sent', 'notice_returned', 'cancelled') ? 'reissued' : null;
    case 'abolish':
      if (is('handed_over', 'cancelled')) return 'abolished';
      return is('inspected') && inspection !== null && inspection !== undefined && inspection !== 'ok'
        ? 'abolished'
        : null;
    case 'dispose':
      return is('cancelled', 'reissued', 'abolished') ? 'disposed' : null;
  }
}

/** The steps offered for a card, in the order of its life. */
export function allowedSteps(status: string, inspection: string | null | undefined): ClerkStep[] {
  return CLERK_STEPS.filter((step) => nextStatus(status, inspection, step) !== null);
}

/** 取りやめ, 廃止 and 廃棄 keep their reason in the ledger: the clerk must give one. */
export function needsReason(step: ClerkStep): boolean {
  return step === 'cancel' || step === 'abolish' || step === 'dispose';
}

/** Steps that take a card off the road to its holder: their buttons look like warnings. */
export function isSideExit(step: ClerkStep): boolean {
  return step === 'cancel' || step === 'reissue' || step === 'abolish' || step === 'dispose';
}

export function isInspectionResult(value: string): value is InspectionResult {
  return ['ok', 'moved_out', 'deceased', 'defect', 'other'].includes(value);
}
