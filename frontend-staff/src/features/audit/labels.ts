import type { components } from '../../api/schema';
import { ja, type MessageKey } from '../../i18n/ja';
import { errorMessage, t } from '../../i18n/t';

export type AuditRecord = components['schemas']['AuditRecordView'];

/** The text of a key built at run time, or undefined when the table has no such key. */
export function lookup(key: string): string | undefined {
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
  const areas = ['auth', 'user', 'booking', 'ledger', 'audit_log'];
  return [
    { label: t('audit.area.auth'), family: 'auth.', actions: of((a) => a.startsWith('auth.')) },
    { label: t('audit.area.user'), family: 'user.', actions: of((a) => a.startsWith('user.')) },
    { label: t('audit.area.booking'), family: 'booking.', actions: of((a) => a.startsWith('booking.')) },
    { label: t('audit.area.ledger'), family: 'ledger.', actions: of((a) => a.startsWith('ledger.')) },
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

/** The detail as an object; anything else (an old line's null) as an empty one. */
export function detailOf(record: { detail: unknown }): Record<string, unknown> {
  return record.detail && typeof record.detail === 'object' && !Array.isArray(record.detail)
    ? (record.detail as Record<string, unknown>)
    : {};
}

/** The outcome column: 成功, or 失敗 with the reason when the server gave one. */
export function outcomeLabel(record: Pick<AuditRecord, 'action' | 'detail'>): string {
  if (!isFailure(record)) return t('audit.outcome.ok');
  const reason = text(detailOf(record).reason);
  const reasonText = reason ? (lookup(`audit.reason.${reason}`) ?? reason) : undefined;
  return reasonText ? `${t('audit.outcome.failed')}（${reasonText}）` : t('audit.outcome.failed');
}

/** A kind of target in Japanese (窓口, 職員 …); one this screen does not know is shown as recorded. */
export function targetTypeLabel(type: string): string {
  return lookup(`audit.target.${type}`) ?? type;
}

export type TargetRecord = Pick<AuditRecord, 'action' | 'target_type' | 'target_id' | 'detail'> & {
  target_name?: string | null;
  actor_login_id?: string;
};

// A notice's title can be long; the target column names it, the title attribute has it whole.
const NAME_MAX = 30;

function shorten(name: string): string {
  const chars = [...name];
  return chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX).join('')}…` : name;
}

/**
 * What the target is called and which detail keys said so (the detail column leaves
 * those out). The server names what still exists (`target_name`); for what is gone, the
 * line's own detail often kept the name (a deleted user's login ID, a card's number).
 */
function nameOf(record: TargetRecord): { name?: string; used: string[] } {
  const detail = detailOf(record);
  const fromDetail = (key: string) => {
    const value = text(detail[key]);
    return value ? { name: value, used: [key] } : { used: [] };
  };
  const given = text(record.target_name);
  const id = text(record.target_id);
  switch (record.target_type) {
    case 'booking':
      // A booking's ID is its reception number: the number the clerk looks for.
      return { name: given ?? id, used: [] };
    case 'mail_template':
      return { name: id ? (lookup(`audit.value.mail_template.${id}`) ?? id) : undefined, used: [] };
    case 'staff_user': {
      if (given) return { name: given, used: text(detail.login_id) === given ? ['login_id'] : [] };
      const login = fromDetail('login_id');
      if (login.name) return login;
      // Signing in and out is done to oneself: the login ID typed is the user's.
      return record.action.startsWith('auth.') ? { name: text(record.actor_login_id), used: [] } : { used: [] };
    }
    case 'location':
    case 'procedure':
    case 'ledger_storage_location':
    case 'capacity_pool':
      if (given) return { name: given, used: text(detail.name) === given ? ['name'] : [] };
      return fromDetail('name');
    case 'ledger_card':
      if (given) return { name: given, used: text(detail.management_number) === given ? ['management_number'] : [] };
      return fromDetail('management_number');
    case 'tenant':
      // A municipality the operator registered or switched is named by the ID its staff sign in with.
      return given ? { name: given, used: [] } : fromDetail('slug');
    case 'notice': {
      const title = given ? { name: given, used: text(detail.title) === given ? ['title'] : [] } : fromDetail('title');
      return title.name
        ? { name: shorten(title.name), used: title.name === shorten(title.name) ? title.used : [] }
        : title;
    }
    default:
      return given ? { name: given, used: [] } : { used: [] };
  }
}

export interface Target {
  /** 「窓口 本庁舎」, 「予約 1234567890」, 「操作ログ（12 件）」. */
  text: string;
  /** Detail keys the text already tells. */
  used: string[];
}

/** What the action was done to, as the thing it names, with a summary where it is many things. */
export function describeTarget(record: TargetRecord): Target {
  const detail = detailOf(record);
  const type = targetTypeLabel(record.target_type);
  if (record.action === 'user.import') {
    const summary = detailOf({ detail: detail.summary });
    const n = (key: string) => (typeof summary[key] === 'number' ? (summary[key] as number) : 0);
    return {
      text: `${type}（${t('audit.importSummary', { create: n('create'), update: n('update'), delete: n('delete') })}）`,
      used: ['summary'],
    };
  }
  const { name, used } = nameOf(record);
  if (name) return { text: `${type} ${name}`, used };
  if (typeof detail.count === 'number') {
    return { text: `${type}（${t('audit.count.items', { count: detail.count })}）`, used: ['count'] };
  }
  return { text: type, used: [] };
}

export function targetLabel(record: TargetRecord): string {
  return describeTarget(record).text;
}

/**
 * Who acted: the login ID; 自動処理 for what the server does by itself (a batch left too
 * long); 運用担当者 for a municipality registered or switched on the operator's command line,
 * which is written as `system` too but was someone's decision.
 */
export function actorLabel(record: Pick<AuditRecord, 'actor_login_id' | 'actor_user_id' | 'action'>): string {
  const system = !record.actor_user_id && record.actor_login_id === 'system' && !record.action.startsWith('auth.');
  if (!system) return record.actor_login_id;
  const who = record.action.startsWith('tenant.') ? t('audit.actor.operator') : t('audit.actor.system');
  return `${who}（system）`;
}

export function auditError(code: string): string {
  return lookup(`audit.error.${code}`) ?? errorMessage(code);
}
