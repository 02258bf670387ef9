import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import { ConfirmDialog, LoadFailed, Loading, Page, Status, Tabs, problemText } from './components';
import { useDeleteNotice, useNotices, useReorderNotices, type NoticeKind, type NoticeView } from './api';
import { formatJapanTime, publicationState } from './time';

export const KINDS: readonly NoticeKind[] = ['announcement', 'faq'];
export const kindOf = (text: string | null | undefined): NoticeKind => (text === 'faq' ? 'faq' : 'announcement');

/** The order after moving one entry a step up (-1) or down (+1). */
export function moved<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

export function periodText(notice: Pick<NoticeView, 'publish_from' | 'publish_until'>): string {
  const from = notice.publish_from
    ? t('siteSettings.notices.period.from', { from: formatJapanTime(notice.publish_from) })
    : '';
  const until = notice.publish_until
    ? t('siteSettings.notices.period.until', { until: formatJapanTime(notice.publish_until) })
    : '';
  return from || until ? [from, until].filter(Boolean).join('\n') : t('siteSettings.notices.period.always');
}

export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const kind = kindOf(params.get('kind'));
  const location = useLocation();
  const navigate = useNavigate();
  const [arrived] = useState(() => (location.state as { done?: string } | null)?.done ?? '');
  // Said once: a reload of the list does not repeat "created".
  useEffect(() => {
    if (location.state)
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);
  const heading = t('siteSettings.notices.heading');
  return (
    <Page title={heading} current={heading}>
      <Tabs
        label={t('siteSettings.notices.tabs')}
        idPrefix="site-settings-notices"
        tabs={KINDS.map((k) => ({ key: k, label: t(`siteSettings.notices.${k}` as MessageKey) }))}
        selected={kind}
        onSelect={(k) => setParams({ kind: k }, { replace: true })}
      >
        <NoticeList key={kind} kind={kind} arrived={arrived} />
      </Tabs>
    </Page>
  );
}

function NoticeList({ kind, arrived }: { kind: NoticeKind; arrived: string }) {
  const notices = useNotices(kind);
  const reorder = useReorderNotices(kind);
  const deleteNotice = useDeleteNotice(kind);
  const [status, setStatus] = useState(arrived);
  const [failure, setFailure] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<NoticeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusAfter, setFocusAfter] = useState<{ id: string; step: -1 | 1 } | null>(null);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const createLink = useRef<HTMLAnchorElement>(null);
  const table = useRef<HTMLTableElement>(null);

  // Keep the keyboard on the entry that moved: the same button if it can still be used.
  useEffect(() => {
    if (!focusAfter || !table.current) return;
    const button = (dir: -1 | 1) =>
      table.current?.querySelector<HTMLButtonElement>(`button[data-notice="${focusAfter.id}"][data-step="${dir}"]`);
    const same = button(focusAfter.step);
    (same && !same.disabled ? same : button(focusAfter.step === -1 ? 1 : -1))?.focus();
    setFocusAfter(null);
  }, [focusAfter, notices.data]);

  function move(index: number, step: -1 | 1) {
    const list = notices.data;
    if (!list) return;
    const item = list[index];
    if (!item) return;
    const next = moved(list, index, step).map((n, position) => ({ ...n, position }));
    reorder.show(next);
    setFocusAfter({ id: item.id, step });
    setFailure(null);
    setStatus(t('siteSettings.notices.moved', { title: item.title, position: index + step + 1 }));
    // One order at a time, each naming every entry, so the last one wins.
    saving.current = saving.current
      .then(() => reorder.mutateAsync({ body: { kind, ids: next.map((n) => n.id) } }))
      .catch((e: unknown) => {
        setStatus('');
        setFailure(problemText(e));
      });
  }

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    try {
      await deleteNotice.mutateAsync({ params: { path: { id: deleting.id } } });
      setStatus(t('siteSettings.notices.deleted', { title: deleting.title }));
      setDeleting(null);
      createLink.current?.focus();
    } catch (e) {
      setFailure(problemText(e));
      setDeleting(null);
    } finally {
      setBusy(false);
    }
  }

  const titleColumn = t(`siteSettings.notices.col.title.${kind}` as MessageKey);
  return (
    <>
      <div className="site-settings-toolbar">
        <Link ref={createLink} to={`${kind}/new`} className="site-settings-button-link">
          {t(`siteSettings.notices.new.${kind}` as MessageKey)}
        </Link>
      </div>
      <Status>{status}</Status>
      {failure && (
        <p role="alert" className="site-settings-alert">
          {failure}
        </p>
      )}
      {notices.isPending && <Loading />}
      {notices.isError && <LoadFailed error={notices.error} retry={() => void notices.refetch()} />}
      {notices.data?.length === 0 && (
        <p className="site-settings-empty">{t(`siteSettings.notices.empty.${kind}` as MessageKey)}</p>
      )}
      {notices.data && notices.data.length > 0 && (
        <table className="site-settings-table" ref={table}>
          <caption>{t(`siteSettings.notices.caption.${kind}` as MessageKey)}</caption>
          <thead>
            <tr>
              <th scope="col" className="site-settings-col-order">
                {t('siteSettings.notices.col.order')}
              </th>
              <th scope="col">{titleColumn}</th>
              <th scope="col" className="site-settings-col-period">
                {t('siteSettings.notices.col.period')}
              </th>
              <th scope="col" className="site-settings-col-state">
                {t('siteSettings.notices.col.state')}
              </th>
              <th scope="col" className="site-settings-col-buttons">
                {t('siteSettings.notices.col.move')}
              </th>
              <th scope="col" className="site-settings-col-buttons">
                {t('siteSettings.notices.col.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {notices.data.map((notice, index, list) => {
              const state = publicationState(notice.publish_from, notice.publish_until);
              return (
                <tr key={notice.id}>
                  <td className="site-settings-col-order">{index + 1}</td>
                  <th scope="row" className="site-settings-notice-title">
                    {notice.title}
                  </th>
                  <td className="site-settings-plain">{periodText(notice)}</td>
                  <td>
                    <span className={`site-settings-pill is-${state}`}>
                      {t(`siteSettings.notices.state.${state}` as MessageKey)}
                    </span>
                  </td>
                  <td>
                    <div className="site-settings-row-buttons">
                      <button
                        type="button"
                        className="site-settings-small site-settings-secondary"
                        data-notice={notice.id}
                        data-step={-1}
                        disabled={index === 0}
                        aria-label={t('siteSettings.notices.moveUp.label', { title: notice.title })}
                        onClick={() => move(index, -1)}
                      >
                        <span aria-hidden="true">↑ </span>
                        {t('siteSettings.notices.moveUp')}
                      </button>
                      <button
                        type="button"
                        className="site-settings-small site-settings-secondary"
                        data-notice={notice.id}
                        data-step={1}
                        disabled={index === list.length - 1}
                        aria-label={t('siteSettings.notices.moveDown.label', { title: notice.title })}
                        onClick={() => move(index, 1)}
                      >
                        <span aria-hidden="true">↓ </span>
                        {t('siteSettings.notices.moveDown')}
                      </button>
                    </div>
                  </td>
                  <td>
                    <div className="site-settings-row-buttons">
                      <Link
                        to={`${kind}/${notice.id}`}
                        className="site-settings-small-link"
                        aria-label={t('siteSettings.notices.edit.label', { title: notice.title })}
                      >
                        {t('siteSettings.notices.edit')}
                      </Link>
                      <button
                        type="button"
                        className="site-settings-small site-settings-danger-outline"
                        aria-label={t('siteSettings.notices.delete.label', { title: notice.title })}
                        onClick={() => setDeleting(notice)}
                      >
                        {t('siteSettings.notices.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('siteSettings.notices.deleteTitle')}
        confirmLabel={t('siteSettings.notices.deleteConfirm')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('siteSettings.notices.deleteBody', { title: deleting?.title ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
