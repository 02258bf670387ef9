import type { components } from '../../api/schema';
import { ja, type MessageKey } from '../../i18n/ja';
import { errorMessage, t } from '../../i18n/t';

export type AuditRecord = components['schemas']['AuditRecordView'];

function lookup(key: string): string | undefined {
  return key in ja ? ja[key as MessageKey] : undefined;
}

/** An action in Japanese; an action this screen does not know yet is shown as recorded. */
export function actionLabel(action: string): string {
  return lookup(`audit.action.${action}`) ?? action;
}

export interface ActionGroup {
  label: string;
  /** The prefix that selects the whole area (`user.`), when the area has one. */
  family?: string;
  actions: string[];
}

const PREFIX = 'audit.action.';
const known = Object.keys(ja)
  .filter((key) => key.startsWith(PREFIX))
  .map((key) => key.slice(PREFIX.length));

/** The action filter's choices, by area; settings gathers the many things an administrator sets up. */
export function actionGroups(): ActionGroup[] {
  const of = (test: (action: string) => boolean) => known.filter(test);
  const areas = ['auth', 'user', 'booking', 'audit_log'];
  return [
    { label: t('audit.area.auth'), family: 'auth.', actions: of((a) => a.startsWith('auth.')) },
    { label: t('audit.area.user'), family: 'user.', actions: of((a) => a.startsWith('user.')) },
    { label: t('audit.area.booking'), family: 'booking.', actions: of((a) => a.startsWith('booking.')) },
    { label: t('audit.area.settings'), actions: of((a) => !areas.some((area) => a.startsWith(`${area}.`))) },
    { label: t('audit.area.audit_log'), actions: of((a) => a.startsWith('audit_log.')) },
  ];
}

export function isFailure(record: Pick<AuditRecord, 'action'>): boolean {
  return record.action.endsWith('_failed');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function detailOf(record: { detail: unknown }): Record<string, unknown> {
  return record.detail && typeof record.detail === 'object' ? (record.detail as Record<string, unknown>) : {};
}

/** The outcome column: 成功, or 失敗 with the reason when the server gave one. */
export function outcomeLabel(record: Pick<AuditRecord, 'action' | 'detail'>): string {
  if (!isFailure(record)) return t('audit.outcome.ok');
  const reason = text(detailOf(record).reason);
  const reasonText = reason ? (lookup(`audit.reason.${reason}`) ?? reason) : undefined;
  return reasonText ? `${t('audit.outcome.failed')}（${reasonText}）` : t('audit.outcome.failed');
}

/** What the action was done to, in words: the user's login ID, the booking's number, or a summary. */
export function targetLabel(record: Pick<AuditRecord, 'action' | 'target_type' | 'target_id' | 'detail'>): string {
  const detail = detailOf(record);
  const type = lookup(`audit.target.${record.target_type}`) ?? record.target_type;
  if (record.action === 'user.import') {
    const summary = detailOf({ detail: detail.summary });
    const n = (key: string) => (typeof summary[key] === 'number' ? (summary[key] as number) : 0);
    return `${type}（${t('audit.importSummary', { create: n('create'), update: n('update'), delete: n('delete') })}）`;
  }
  if (typeof detail.count === 'number') return `${type}（${t('audit.count.items', { count: detail.count })}）`;
  const name = text(detail.login_id) ?? record.target_id ?? undefined;
  return name ? `${type} ${name}` : type;
}

export function auditError(code: string): string {
  return lookup(`audit.error.${code}`) ?? errorMessage(code);
}
