import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import { ConfirmDialog, LoadFailed, Loading, Page, Status, Tabs, problemText } from './components';
import { Field } from '../../components/Field';
import {
  usePreviewMail,
  useMailTemplates,
  useResetMailTemplate,
  useSaveMailTemplate,
  useSendTestMail,
  type MailPreview,
  type MailTemplates,
  type MailTemplateView,
} from './api';
import { formatJapanTime } from './time';
import {
  apiFieldMessages,
  hasErrors,
  requiredPlaceholders,
  validateEmail,
  validateTemplate,
  type FieldMessages,
  type TemplateForm,
} from './validation';

export const MAIL_KINDS = [
  'confirmation',
  'change',
  'cancellation',
  'reminder',
  'password_reissued',
  'duplicate_attempt',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
const kindOf = (text: string | null): MailKind =>
  (MAIL_KINDS as readonly string[]).includes(text ?? '') ? (text as MailKind) : 'confirmation';
const kindName = (kind: MailKind) => t(`siteSettings.mail.kind.${kind}` as MessageKey);

/** Text with `insert` in place of the selection [start, end), and where the caret goes after it. */
export function insertAt(value: string, start: number, end: number, insert: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + insert + value.slice(to), caret: from + insert.length };
}

export function MailTemplatesPage() {
  const templates = useMailTemplates();
  const [params, setParams] = useSearchParams();
  const kind = kindOf(params.get('kind'));
  // Drafts per kind, so that moving between tabs keeps what was typed.
  const [drafts, setDrafts] = useState<Partial<Record<MailKind, TemplateForm>>>({});
  const heading = t('siteSettings.mail.heading');
  const stored = templates.data?.templates.find((tpl) => tpl.kind === kind);
  return (
    <Page title={heading} current={heading}>
      {templates.isPending && <Loading />}
      {templates.isError && <LoadFailed error={templates.error} retry={() => void templates.refetch()} />}
      {templates.data && (
        <Tabs
          label={t('siteSettings.mail.kinds')}
          idPrefix="site-settings-mail"
          tabs={MAIL_KINDS.map((k) => ({ key: k, label: kindName(k) }))}
          selected={kind}
          onSelect={(k) => setParams({ kind: k }, { replace: true })}
        >
          {stored && (
            <TemplateEditor
              key={kind}
              kind={kind}
              stored={stored}
              placeholders={templates.data.placeholders}
              draft={drafts[kind] ?? { subject: stored.subject, body: stored.body }}
              setDraft={(draft) => setDrafts((d) => ({ ...d, [kind]: draft }))}
              forgetDraft={() => setDrafts((d) => ({ ...d, [kind]: undefined }))}
            />
          )}
        </Tabs>
      )}
    </Page>
  );
}

function TemplateEditor({
  kind,
  stored,
  placeholders,
  draft,
  setDraft,
  forgetDraft,
}: {
  kind: MailKind;
  stored: MailTemplateView;
  placeholders: MailTemplates['placeholders'];
  draft: TemplateForm;
  setDraft: (draft: TemplateForm) => void;
  forgetDraft: () => void;
}) {
  const previewMail = usePreviewMail();
  const saveTemplate = useSaveMailTemplate();
  const resetTemplate = useResetMailTemplate();
  const sendTestMail = useSendTestMail();
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | 'reset' | 'test' | null>(null);
  const [status, setStatus] = useState('');
  const [resetting, setResetting] = useState(false);
  const [to, setTo] = useState('');
  const [toError, setToError] = useState<string | undefined>();
  const subject = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');
  const caret = useRef<{ field: 'subject' | 'body'; at: number } | null>(null);
  const prefix = useId();
  const ids = {
    subject: `${prefix}-subject`,
    body: `${prefix}-body`,
    to: `${prefix}-to`,
    placeholders: useId(),
    preview: useId(),
    test: useId(),
  };
  const names = placeholders.map((p) => p.name);
  const unsaved = draft.subject !== stored.subject || draft.body !== stored.body;

  // After an insertion the caret goes just past the inserted placeholder.
  useEffect(() => {
    const target = caret.current;
    if (!target) return;
    caret.current = null;
    const element = target.field === 'subject' ? subject.current : body.current;
    element?.focus();
    element?.setSelectionRange(target.at, target.at);
  }, [draft]);

  function edit(field: 'subject' | 'body', value: string) {
    setDraft({ ...draft, [field]: value });
    setStatus('');
  }

  function insert(name: string) {
    const field = lastField.current;
    const element = field === 'subject' ? subject.current : body.current;
    const value = draft[field];
    const result = insertAt(
      value,
      element?.selectionStart ?? value.length,
      element?.selectionEnd ?? value.length,
      `{${name}}`,
    );
    caret.current = { field, at: result.caret };
    edit(field, result.value);
  }

  /** Checks the draft here first; the API's refusals land beside their fields too. */
  async function run(what: 'save' | 'preview', action: () => Promise<void>) {
    setFailure(null);
    setStatus('');
    const found = validateTemplate(kind, draft, names);
    setErrors(found);
    if (hasErrors(found)) {
      (found.subject ? subject.current : body.current)?.focus();
      return;
    }
    setBusy(what);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        const messages = apiFieldMessages(e.errors);
        setErrors(messages);
        (messages.subject ? subject.current : body.current)?.focus();
      } else setFailure(problemText(e));
    } finally {
      setBusy(null);
    }
  }

  const doPreview = () =>
    run('preview', async () => {
      setPreview(await previewMail.mutateAsync({ params: { path: { kind } }, body: draft }));
    });

  function save(event: FormEvent) {
    event.preventDefault();
    void run('save', async () => {
      await saveTemplate.mutateAsync({ params: { path: { kind } }, body: draft });
      forgetDraft();
      setStatus(t('siteSettings.mail.saved', { kind: kindName(kind) }));
    });
  }

  async function reset() {
    setBusy('reset');
    setFailure(null);
    try {
      await resetTemplate.mutateAsync({ params: { path: { kind } } });
      forgetDraft();
      setErrors({});
      setPreview(null);
      setResetting(false);
      setStatus(t('siteSettings.mail.resetDone', { kind: kindName(kind) }));
    } catch (e) {
      setResetting(false);
      setFailure(problemText(e));
    } finally {
      setBusy(null);
    }
  }

  async function sendTest(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    setFailure(null);
    const problem = validateEmail(to);
    setToError(problem);
    if (problem) {
      document.getElementById(ids.to)?.focus();
      return;
    }
    const found = validateTemplate(kind, draft, names);
    setErrors(found);
    if (hasErrors(found)) {
      (found.subject ? subject.current : body.current)?.focus();
      return;
    }
    setBusy('test');
    try {
      await sendTestMail.mutateAsync({
        params: { path: { kind } },
        body: { to: to.trim(), template: draft },
      });
      setStatus(t('siteSettings.mail.test.queued', { to: to.trim() }));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        const messages = apiFieldMessages(e.errors);
        setToError(messages.to);
        setErrors({ subject: messages.subject, body: messages.body });
      } else setFailure(problemText(e));
    } finally {
      setBusy(null);
    }
  }

  const required = requiredPlaceholders(kind)
    .map((n) => `{${n}}`)
    .join('、');
  return (
    <div className="site-settings-mail">
      <div className="site-settings-mail-main">
        <p className="site-settings-mail-state">
          <span className={`site-settings-pill ${stored.customised ? 'is-published' : 'is-default'}`}>
            {stored.customised
              ? t('siteSettings.mail.customised', { at: formatJapanTime(stored.updated_at) })
              : t('siteSettings.mail.default')}
          </span>
          {unsaved && <span className="site-settings-unsaved">{t('siteSettings.mail.unsaved')}</span>}
        </p>
        <Status>{status}</Status>
        {failure && (
          <p role="alert" className="site-settings-alert">
            {failure}
          </p>
        )}
        <form onSubmit={save} noValidate>
          <Field
            id={ids.subject}
            label={t('siteSettings.mail.subject')}
            hint={t('siteSettings.mail.subject.hint')}
            error={errors.subject}
          >
            {(props) => (
              <input
                {...props}
                ref={subject}
                type="text"
                autoComplete="off"
                value={draft.subject}
                onFocus={() => (lastField.current = 'subject')}
                onChange={(e) => edit('subject', e.target.value)}
              />
            )}
          </Field>
          <Field
            id={ids.body}
            label={t('siteSettings.mail.body')}
            hint={t('siteSettings.mail.body.hint', { required })}
            error={errors.body}
          >
            {(props) => (
              <textarea
                {...props}
                ref={body}
                rows={16}
                className="site-settings-textarea site-settings-mono"
                value={draft.body}
                onFocus={() => (lastField.current = 'body')}
                onChange={(e) => edit('body', e.target.value)}
              />
            )}
          </Field>
          <div className="site-settings-actions">
            <button type="submit" disabled={busy !== null}>
              {busy === 'save' ? t('siteSettings.saving') : t('siteSettings.save')}
            </button>
            <button
              type="button"
              className="site-settings-secondary"
              disabled={busy !== null}
              onClick={() => void doPreview()}
            >
              {busy === 'preview' ? t('siteSettings.mail.previewing') : t('siteSettings.mail.preview')}
            </button>
            {stored.customised && (
              <button
                type="button"
                className="site-settings-secondary site-settings-danger-outline"
                disabled={busy !== null}
                onClick={() => setResetting(true)}
              >
                {t('siteSettings.mail.reset')}
              </button>
            )}
          </div>
        </form>
        <section aria-labelledby={ids.test} className="site-settings-subpanel">
          <h3 id={ids.test} className="site-settings-h3">
            {t('siteSettings.mail.test')}
          </h3>
          <p className="hint">{t('siteSettings.mail.test.hint')}</p>
          <form onSubmit={sendTest} noValidate className="site-settings-inline-form">
            <Field id={ids.to} label={t('siteSettings.mail.test.to')} error={toError}>
              {(props) => (
                <input
                  {...props}
                  type="email"
                  autoComplete="email"
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={busy !== null}>
              {busy === 'test' ? t('siteSettings.mail.test.sending') : t('siteSettings.mail.test.send')}
            </button>
          </form>
        </section>
      </div>
      <div className="site-settings-mail-side">
        <section aria-labelledby={ids.placeholders} className="site-settings-subpanel">
          <h3 id={ids.placeholders} className="site-settings-h3">
            {t('siteSettings.mail.placeholders')}
          </h3>
          <p className="hint">{t('siteSettings.mail.placeholders.hint')}</p>
          <ul className="site-settings-placeholders">
            {placeholders.map((p) => (
              <li key={p.name}>
                <button
                  type="button"
                  className="site-settings-small site-settings-secondary"
                  aria-label={t('siteSettings.mail.insert.label', { name: `{${p.name}}`, description: p.description })}
                  onClick={() => insert(p.name)}
                >
                  <code>{`{${p.name}}`}</code>
                </button>
                <span>{p.description}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby={ids.preview} className="site-settings-subpanel" aria-live="polite">
          <h3 id={ids.preview} className="site-settings-h3">
            {t('siteSettings.mail.preview')}
          </h3>
          {preview ? (
            <div className="site-settings-mail-preview" data-testid="mail-preview">
              <p className="hint">{t('siteSettings.mail.preview.hint')}</p>
              <dl>
                <dt>{t('siteSettings.mail.preview.subject')}</dt>
                <dd className="site-settings-preview-subject">{preview.subject}</dd>
                <dt>{t('siteSettings.mail.preview.body')}</dt>
                <dd className="site-settings-plain site-settings-preview-body">{preview.body}</dd>
              </dl>
            </div>
          ) : (
            <p className="hint">{t('siteSettings.mail.preview.none')}</p>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={resetting}
        title={t('siteSettings.mail.resetTitle')}
        confirmLabel={t('siteSettings.mail.resetConfirm')}
        danger
        busy={busy === 'reset'}
        onConfirm={() => void reset()}
        onCancel={() => setResetting(false)}
      >
        <p>{t('siteSettings.mail.resetBody', { kind: kindName(kind) })}</p>
      </ConfirmDialog>
    </div>
  );
}
