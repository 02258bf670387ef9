import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { LoadFailed, Loading, Page, StaleAlert, summaryItems, problemText } from './components';
import { kindOf } from './NoticesPage';
import { useCreateNotice, useNotices, useUpdateNotice, type NoticeKind, type NoticeView } from './api';
import { toJapanLocalInput } from './time';
import {
  apiFieldMessages,
  hasErrors,
  noticeBody,
  validateNotice,
  type FieldMessages,
  type NoticeForm,
} from './validation';

const FIELDS = ['title', 'body', 'publish_from', 'publish_until'] as const;

/** Creates (`:id` absent) or edits an announcement or FAQ entry, with a live preview. */
export function NoticeEditor() {
  const params = useParams();
  const kind = kindOf(params.kind);
  const id = params.id;
  const notices = useNotices(kind);
  const [generation, setGeneration] = useState(0);
  const heading = t(`siteSettings.notices.heading.${id ? 'edit' : 'new'}.${kind}` as MessageKey);
  const existing = id ? notices.data?.find((n) => n.id === id) : undefined;
  return (
    <Page title={heading} current={heading}>
      <p>
        <Link to={`/settings/site/notices?kind=${kind}`}>{t('siteSettings.notices.backToList')}</Link>
      </p>
      {!id && <NoticeFormView kind={kind} />}
      {id && notices.isPending && <Loading />}
      {id && notices.isError && <LoadFailed error={notices.error} retry={() => void notices.refetch()} />}
      {id && notices.data && !existing && (
        <p role="alert" className="site-settings-alert">
          {t('siteSettings.notices.notFound')}
        </p>
      )}
      {existing && (
        <NoticeFormView
          key={`${existing.id}-${generation}`}
          kind={kind}
          existing={existing}
          reload={() => void notices.refetch().then(() => setGeneration((g) => g + 1))}
        />
      )}
    </Page>
  );
}

function NoticeFormView({ kind, existing, reload }: { kind: NoticeKind; existing?: NoticeView; reload?: () => void }) {
  const navigate = useNavigate();
  const createNotice = useCreateNotice(kind);
  const updateNotice = useUpdateNotice(kind);
  const [form, setForm] = useState<NoticeForm>(() => ({
    title: existing?.title ?? '',
    body: existing?.body ?? '',
    publish_from: toJapanLocalInput(existing?.publish_from),
    publish_until: toJapanLocalInput(existing?.publish_until),
  }));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const prefix = useId();
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${prefix}-${f}`])) as Record<(typeof FIELDS)[number], string>;
  const previewHeading = useId();
  const labels = {
    title: t(`siteSettings.notices.title.${kind}` as MessageKey),
    body: t(`siteSettings.notices.body.${kind}` as MessageKey),
    publish_from: t('siteSettings.notices.publish_from'),
    publish_until: t('siteSettings.notices.publish_until'),
  };

  const set = (field: keyof NoticeForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validateNotice(form);
    setErrors(found);
    if (hasErrors(found)) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const body = noticeBody(form);
      if (existing) {
        await updateNotice.mutateAsync({
          params: { path: { id: existing.id } },
          body: { ...body, version: existing.version },
        });
      } else {
        await createNotice.mutateAsync({ body: { ...body, kind } });
      }
      navigate(`/settings/site/notices?kind=${kind}`, {
        state: { done: existing ? t('siteSettings.saved') : t('siteSettings.notices.created') },
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      else if (e instanceof ApiError && e.errors.length > 0) {
        setErrors(apiFieldMessages(e.errors));
        setAttempt((n) => n + 1);
      } else if (e instanceof ApiError && e.status === 404) setFailure(t('siteSettings.notices.notFound'));
      else setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  const title = form.title.trim();
  const body = form.body.replace(/\r\n/g, '\n').trim();
  return (
    <div className="site-settings-columns">
      <form onSubmit={submit} noValidate className="site-settings-panel">
        <ErrorSummary
          title={t('siteSettings.errorSummary')}
          items={summaryItems(errors, labels, ids)}
          focusKey={attempt}
        />
        {stale && <StaleAlert reload={reload} />}
        {failure && (
          <p role="alert" className="site-settings-alert">
            {failure}
          </p>
        )}
        <Field id={ids.title} label={labels.title} hint={t('siteSettings.notices.title.hint')} error={errors.title}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              value={form.title}
              onChange={(e) => set('title')(e.target.value)}
            />
          )}
        </Field>
        <Field id={ids.body} label={labels.body} hint={t('siteSettings.notices.body.hint')} error={errors.body}>
          {(props) => (
            <textarea
              {...props}
              rows={8}
              className="site-settings-textarea"
              value={form.body}
              onChange={(e) => set('body')(e.target.value)}
            />
          )}
        </Field>
        <div className="site-settings-two">
          <Field
            id={ids.publish_from}
            label={labels.publish_from}
            hint={t('siteSettings.notices.publish_from.hint')}
            error={errors.publish_from}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={form.publish_from}
                onChange={(e) => set('publish_from')(e.target.value)}
              />
            )}
          </Field>
          <Field
            id={ids.publish_until}
            label={labels.publish_until}
            hint={t('siteSettings.notices.publish_until.hint')}
            error={errors.publish_until}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={form.publish_until}
                onChange={(e) => set('publish_until')(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="site-settings-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('siteSettings.saving') : t('siteSettings.save')}
          </button>
          <Link
            to={`/settings/site/notices?kind=${kind}`}
            className="site-settings-button-link site-settings-secondary"
          >
            {t('siteSettings.cancel')}
          </Link>
        </div>
      </form>
      <section aria-labelledby={previewHeading} className="site-settings-panel">
        <h2 id={previewHeading} className="site-settings-h2">
          {t('siteSettings.notices.preview')}
        </h2>
        <div className="site-settings-resident" data-testid="notice-preview">
          {title === '' ? (
            <p className="hint">{t('siteSettings.notices.preview.empty')}</p>
          ) : kind === 'faq' ? (
            <details className="site-settings-resident-faq" open>
              <summary>{title}</summary>
              <p className="site-settings-resident-body">{body}</p>
            </details>
          ) : (
            <div className="site-settings-resident-notice">
              <h3 className="site-settings-resident-title">{title}</h3>
              <p className="site-settings-resident-body">{body}</p>
            </div>
          )}
        </div>
      </section>
    </div>
  );
}
