// What an audit line's detail says, in words: the changes as 「項目: before → after」
// and everything else as a list of 「項目: 値」. The server writes a change as
// {"field": {"from": x, "to": y}} (settings, users) or, for a booking moved or a card
// stepped on, as "from" and "to" of the line itself. A clerk reading the log is never
// shown JSON: keys get their Japanese names where known, codes their words, instants
// Japan time.
import { formatDate, isIsoDate } from '../../../../frontend-shared/dates/japan';
import { parseDate, toWareki } from '../../../../frontend-shared/input/wareki';
import { t } from '../../i18n/t';
import { describeTarget, detailOf, isFailure, lookup, type TargetRecord } from './labels';
import { formatInstant } from './time';

/** A key's name: the action's own wording first (ledger.move's `to` is where cards went). */
export function fieldLabel(key: string, action = ''): string {
  return lookup(`audit.field.${action}.${key}`) ?? lookup(`audit.field.${key}`) ?? key;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Past this, a text is cut (a closed-site message can be 2000 characters); the title has it whole. */
const TEXT_MAX = 80;
/** Past this, a list says how many more (a no-show run names every reception number). */
const LIST_MAX = 10;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The area of an action (`ledger` of `ledger.step`), whose codes may have words of their own. */
function areaOf(action: string): string {
  return action.split('.')[0] ?? '';
}

function scalar(key: string, value: string | number | boolean, area: string): string {
  const coded = lookup(`audit.value.${area}.${key}.${String(value)}`) ?? lookup(`audit.value.${key}.${String(value)}`);
  if (coded) return coded;
  // A corrected booking names an applicant's field by its path: `applicants.1.name_kana`.
  const person = typeof value === 'string' ? /^applicants\.(\d+)\.(\w+)$/.exec(value) : null;
  const field = person && lookup(`audit.value.${area}.${key}.${person[2]}`);
  if (person && field) return t('audit.value.booking.corrected.applicant', { n: Number(person[1]) + 1, field });
  if (typeof value === 'boolean') return t(value ? 'audit.value.true' : 'audit.value.false');
  if (typeof value === 'number') return String(value);
  if (value === '') return t('audit.value.empty');
  if (key === 'roles') return lookup(`role.${value}`) ?? value;
  if (INSTANT.test(value)) return formatInstant(value);
  // isIsoDate narrows its argument: keep the text apart to use it as a string after.
  const text: string = value;
  if (isIsoDate(value)) return formatDate(value);
  return text.replace(/\s+/g, ' ').trim();
}

/** A value in words; lists joined with 、, objects as 「項目: 値」 in brackets. `action` picks its area's words for codes. */
export function formatValue(key: string, value: unknown, action = ''): string {
  if (value === null || value === undefined) return t('audit.value.null');
  // Roles are written as in the users CSV: `call_center;viewer`.
  if (key === 'roles' && typeof value === 'string' && value.includes(';'))
    return formatValue(key, value.split(';'), action);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('audit.value.null');
    const shown = value.slice(0, LIST_MAX).map((item) => formatValue(key, item, action));
    const more = value.length - shown.length;
    return more > 0 ? `${shown.join('、')} ${t('audit.value.more', { count: more })}` : shown.join('、');
  }
  if (isObject(value)) {
    const parts = Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(k, v, action)}`);
    return parts.length > 0 ? `（${parts.join('、')}）` : t('audit.value.null');
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return scalar(key, value, areaOf(action));
  return String(value);
}

/** A value cut to a line; `full` is set when something was cut. */
function shortened(text: string): { value: string; full?: string } {
  const chars = [...text];
  return chars.length > TEXT_MAX ? { value: `${chars.slice(0, TEXT_MAX).join('')}…`, full: text } : { value: text };
}

export interface ChangeLine {
  field: string;
  label: string;
  from: string;
  to: string;
  /** The whole before and after, when either was cut. */
  full?: string;
}

export interface DetailItem {
  field: string;
  label: string;
  value: string;
  full?: string;
}

/** {"from": x, "to": y} and nothing else: one field's change. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isObject(value) && Object.keys(value).length === 2 && 'from' in value && 'to' in value;
}

// A line whose own "from" and "to" are the change: which field it is, to name and word it.
function ownChangeField(action: string): string {
  if (action.startsWith('booking.')) return 'start';
  if (action === 'ledger.step') return 'status';
  return 'value';
}

/** Whether the line itself is a change (a booking moved, a card stepped on) rather than holding some. */
function isOwnChange(detail: Record<string, unknown>): boolean {
  return (
    'from' in detail &&
    'to' in detail &&
    detail.to !== null &&
    !isObject(detail.from) &&
    !isObject(detail.to) &&
    !Array.isArray(detail.to)
  );
}

function changeLine(action: string, field: string, from: unknown, to: unknown): ChangeLine {
  const label = fieldLabel(field, action);
  const before = shortened(formatValue(field, from, action));
  const after = shortened(formatValue(field, to, action));
  const full = before.full || after.full ? `${before.full ?? before.value} → ${after.full ?? after.value}` : undefined;
  return { field, label, from: before.value, to: after.value, ...(full ? { full } : {}) };
}

/** Every change the line records, in the order the server wrote them. */
export function changeLines(record: Pick<TargetRecord, 'action' | 'detail'>): ChangeLine[] {
  const detail = detailOf(record);
  const lines: ChangeLine[] = [];
  if (isOwnChange(detail)) {
    const field = ownChangeField(record.action);
    lines.push(changeLine(record.action, field, detail.from, detail.to));
  }
  for (const [key, value] of Object.entries(detail)) {
    if (isChange(value)) lines.push(changeLine(record.action, key, value.from, value.to));
  }
  return lines;
}

/** 「サービス名: デモ市 → 北市」. */
export function changeText(line: Pick<ChangeLine, 'label' | 'from' | 'to'>): string {
  return `${line.label}: ${line.from} → ${line.to}`;
}

// A card search's filters are named and worded as the card search names them (the
// ledger's words: 氏名, 状態 納品済 …); a code the ledger does not know is shown as recorded.
const CARD_CODES: Record<string, string> = {
  status: 'ledger.status.',
  kind: 'ledger.kind.',
  visit_method: 'ledger.visit.',
  renewal_check: 'ledger.renewal.',
  date_field: 'ledger.field.',
};

function cardFilterValue(key: string, value: unknown): string {
  const text = String(value).replace(/\s+/g, ' ').trim();
  const codes = CARD_CODES[key];
  if (codes) return lookup(`${codes}${text}`) ?? text;
  if (key === 'birth_date') {
    // As typed (S30.11.3, 1955-11-03): shown in 和暦, as the card shows a birth date.
    const date = parseDate(text);
    if (!date) return text;
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    return toWareki(`${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`);
  }
  return isIsoDate(text) ? formatDate(text, false) : text;
}

/** A card search (ledger.search) in one line: 「氏名=山田、生年月日=昭和30年11月3日（1 件）」. */
export function cardSearchText(detail: Record<string, unknown>): string {
  const parts = Object.entries(detailOf({ detail: detail.filter }))
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${lookup(`ledger.field.${key}`) ?? fieldLabel(key)}=${cardFilterValue(key, value)}`);
  const filter = parts.length > 0 ? parts.join('、') : t('audit.value.null');
  return typeof detail.total === 'number' ? `${filter}（${t('audit.count.items', { count: detail.total })}）` : filter;
}

/**
 * The rest of the detail, as 「項目: 値」: what the changes, the target and the outcome
 * already tell is left out, and so is what says nothing (a null, the encoding of an
 * Excel file).
 */
export function detailItems(record: TargetRecord): DetailItem[] {
  const detail = detailOf(record);
  const skip = new Set(describeTarget(record).used);
  if (isOwnChange(detail)) {
    skip.add('from');
    skip.add('to');
  }
  if (isFailure(record)) skip.add('reason');
  if (detail.format === 'xlsx') skip.add('encoding');
  const items: DetailItem[] = [];
  if (record.action === 'ledger.search') {
    // The filters and what they found, as one 検索条件 line.
    skip.add('filter');
    skip.add('total');
    items.push({ field: 'filter', label: fieldLabel('filter', record.action), ...shortened(cardSearchText(detail)) });
  }
  for (const [key, value] of Object.entries(detail)) {
    if (skip.has(key) || value === null || value === undefined || isChange(value)) continue;
    items.push({
      field: key,
      label: fieldLabel(key, record.action),
      ...shortened(formatValue(key, value, record.action)),
    });
  }
  return items;
}
