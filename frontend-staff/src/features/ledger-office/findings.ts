// The renewal reconciliation's findings: counted, filtered by verdict, explained.
import type { components } from '../../api/schema';
import { t } from '../../i18n/t';
import { statusLabel } from './labels';

export type Finding = components['schemas']['FindingView'];

export const VERDICTS = ['matched', 'conflict', 'not_in_ledger', 'not_on_list'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type VerdictFilter = Verdict | 'all';

export function isVerdict(value: string): value is Verdict {
  return (VERDICTS as readonly string[]).includes(value);
}

export function verdictLabel(verdict: string): string {
  return isVerdict(verdict) ? t(`ledgerOffice.renewal.verdict.${verdict}`) : verdict;
}

/** How many findings each verdict has (every verdict present, zero when none). */
export function countByVerdict(findings: readonly Pick<Finding, 'verdict'>[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { matched: 0, conflict: 0, not_in_ledger: 0, not_on_list: 0 };
  for (const finding of findings) if (isVerdict(finding.verdict)) counts[finding.verdict] += 1;
  return counts;
}

/** The findings of one verdict, or all of them, in the server's order (problems first). */
export function filterFindings<F extends Pick<Finding, 'verdict'>>(findings: readonly F[], filter: VerdictFilter): F[] {
  return filter === 'all' ? [...findings] : findings.filter((f) => f.verdict === filter);
}

/** Why a finding is what it is, in Japanese; the server's English only as a last resort. */
export function reasonText(finding: Pick<Finding, 'verdict' | 'reason'>): string {
  const status = /^the ledger says (\w+)$/.exec(finding.reason);
  if (status) return t('ledgerOffice.renewal.reason.status', { status: statusLabel(status[1]) });
  if (finding.reason === 'the birth dates differ') return t('ledgerOffice.renewal.reason.birthDates');
  if (finding.reason) return finding.reason;
  if (finding.verdict === 'not_in_ledger') return t('ledgerOffice.renewal.reason.notInLedger');
  if (finding.verdict === 'not_on_list') return t('ledgerOffice.renewal.reason.notOnList');
  return '';
}

/** How many cards an applied reconciliation flags: every card met that the ledger has. */
export function flaggedCount(
  report: Pick<components['schemas']['ReconciliationReport'], 'matched' | 'conflict' | 'not_on_list'>,
): number {
  return report.matched + report.conflict + report.not_on_list;
}
