// カードの検索: the filter lives in the URL (Back returns to the same results), the
// results are paged, and the chosen cards take a date in bulk or go out as CSV.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useCards, type LedgerCard } from './api';
import { BulkPanel, checkboxId } from './BulkPanel';
import { BirthDate, LedgerNav, StatusBadge } from './components';
import { ExportPanel } from './ExportPanel';
import {
  apiFilter,
  DATE_FIELDS,
  filterFromParams,
  filterToParams,
  hasFilter,
  pageCount,
  pageFromParams,
  PER_PAGE,
  RENEWAL_CHECKS,
  type CardFilter,
  type FilterKey,
} from './filters';
import {
  asApiError,
  fieldLabel,
  fieldMessages,
  KINDS,
  kindLabel,
  problemMessage,
  renewalLabel,
  STATUSES,
  statusLabel,
  VISIT_METHODS,
  visitLabel,
} from './labels';
import { isSelected, NOTHING, offerAll, pageState, selectedCount, setPage, toggle, type Selection } from './selection';
import { StorageSelect } from './storage';
import { formatShortSeireki } from '../../../../frontend-shared/dates/japan';
import { PersonName } from '../../components/PersonName';
import './ledger.css';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const page = pageFromParams(params);
  const filterKey = filterToParams(filter).toString();
  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [done, setDone] = useState<string | null>(null);
  const deleted = (location.state as { notice?: string } | null)?.notice;
  const ids = { results: useId() };

  // Another search is another set of cards: what was chosen for the last one does not carry over.
  const [selectionFor, setSelectionFor] = useState(filterKey);
  if (selectionFor !== filterKey) {
    setSelectionFor(filterKey);
    setSelection(NOTHING);
  }

  const results = useCards(apiFilter(filter), page, PER_PAGE);

  const data = results.data;
  const cards = data?.items ?? [];
  const pageIds = cards.map((c) => c.id);
  const total = data?.total ?? 0;
  const chosen = selectedCount(selection, total);
  const searchError = results.isError ? asApiError(results.error) : null;

  function search(next: CardFilter) {
    setDone(null);
    setParams(filterToParams(next));
  }

  function goTo(nextPage: number) {
    setParams(filterToParams(filter, nextPage));
  }

  // The cards are read again by useBulkStep.
  function bulkDone(message: string) {
    setSelection(NOTHING);
    setDone(message);
  }

  const state = pageState(selection, pageIds);
  const lastPage = data ? pageCount(data.total, data.per_page) : 1;

  return (
    <section aria-labelledby="page-heading" className="ledger-page ledger-search-page">
      <LedgerNav />
      <h1 id="page-heading">{t('ledger.search.title')}</h1>
      {deleted && (
        <p className="notice" role="status">
          {deleted}
        </p>
      )}

      <FilterForm
        key={filterKey}
        initial={filter}
        onSearch={search}
        fieldErrors={searchError?.status === 422 ? fieldMessages(searchError) : {}}
      />

      {searchError && searchError.status !== 422 && (
        <p className="ledger-alert" role="alert">
          {problemMessage(searchError)}
        </p>
      )}

      {data && (
        <>
          <div className="ledger-results-bar">
            <h2 id={ids.results} className="ledger-results-heading">
              {t('ledger.search.results')}
              <span className="ledger-results-count" role="status">
                {data.total > data.per_page
                  ? t('ledger.search.range', {
                      total: data.total,
                      first: (data.page - 1) * data.per_page + 1,
                      last: (data.page - 1) * data.per_page + cards.length,
                    })
                  : t('ledger.search.count', { total: data.total })}
              </span>
            </h2>
            {results.isFetching && <span className="ledger-muted">{t('ledger.search.searching')}</span>}
          </div>
          {done && (
            <p className="notice ledger-done" role="status">
              {done}
            </p>
          )}

          {cards.length === 0 ? (
            <p>{t('ledger.search.none')}</p>
          ) : (
            <>
              <div className="ledger-selection" aria-live="polite">
                <span>
                  {selection.mode === 'all'
                    ? t('ledger.search.selectedAll', { count: total })
                    : t('ledger.search.selected', { count: chosen })}
                </span>
                {offerAll(selection, pageIds, total) && (
                  <button
                    type="button"
                    className="ledger-secondary ledger-small"
                    onClick={() => setSelection({ mode: 'all' })}
                  >
                    {t('ledger.search.selectAll', { count: total })}
                  </button>
                )}
                {chosen > 0 && (
                  <button type="button" className="ledger-secondary ledger-small" onClick={() => setSelection(NOTHING)}>
                    {t('ledger.search.clearSelection')}
                  </button>
                )}
              </div>
              <BulkPanel
                selection={selection}
                count={chosen}
                filter={apiFilter(filter)}
                pageCards={cards}
                onDone={bulkDone}
              />
              <ResultsTable
                cards={cards}
                labelledBy={ids.results}
                selection={selection}
                state={state}
                onToggle={(id) => setSelection((s) => toggle(s, id, pageIds))}
                onPage={(checked) => setSelection((s) => setPage(s, pageIds, checked))}
                search={location.search}
              />
              {lastPage > 1 && (
                <nav className="ledger-paging" aria-label={t('ledger.search.pages')}>
                  <button
                    type="button"
                    className="ledger-secondary"
                    disabled={page <= 1}
                    onClick={() => goTo(page - 1)}
                  >
                    {t('ledger.search.prev')}
                  </button>
                  <span>{t('ledger.search.page', { page, count: lastPage })}</span>
                  <button
                    type="button"
                    className="ledger-secondary"
                    disabled={page >= lastPage}
                    onClick={() => goTo(page + 1)}
                  >
                    {t('ledger.search.next')}
                  </button>
                </nav>
              )}
            </>
          )}
          <ExportPanel filter={filter} total={data.total} />
        </>
      )}
      {results.isPending && (
        <p role="status" className="ledger-muted">
          {t('ledger.search.searching')}
        </p>
      )}
    </section>
  );
}

const TEXT_FIELDS: { key: FilterKey; hint?: 'ledger.search.birthHint' | 'ledger.search.nameHint'; mono?: boolean }[] = [
  { key: 'management_number', mono: true },
  { key: 'application_id', mono: true },
  { key: 'birth_date', hint: 'ledger.search.birthHint' },
  { key: 'name', hint: 'ledger.search.nameHint' },
];

type Choice = {
  key: FilterKey;
  values: readonly string[];
  label: (code: string) => string;
  none?: 'ledger.search.noDateField';
};
const CHOICES: Choice[] = [
  { key: 'status', values: STATUSES, label: statusLabel },
  { key: 'kind', values: KINDS, label: kindLabel },
  { key: 'visit_method', values: VISIT_METHODS, label: visitLabel },
];
const DATE_CHOICE: Choice = {
  key: 'date_field',
  values: DATE_FIELDS,
  label: fieldLabel,
  none: 'ledger.search.noDateField',
};
const RENEWAL_CHOICE: Choice = { key: 'renewal_check', values: RENEWAL_CHECKS, label: renewalLabel };

function FilterForm({
  initial,
  onSearch,
  fieldErrors,
}: {
  initial: CardFilter;
  onSearch: (filter: CardFilter) => void;
  fieldErrors: Record<string, string>;
}) {
  const [form, setForm] = useState<CardFilter>(initial);
  const prefix = useId();
  const idOf = (key: FilterKey) => `${prefix}-${key}`;
  const errorItems = Object.entries(fieldErrors).map(([field, text]) => ({
    target: field in form ? idOf(field as FilterKey) : undefined,
    text: `${fieldLabel(field)}: ${text}`,
  }));
  const set = (key: FilterKey, value: string) => setForm((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(form);
  }

  const choice = ({ key, values, label, none }: Choice) => (
    <Field key={key} id={idOf(key)} label={fieldLabel(key)} error={fieldErrors[key]}>
      {(props) => (
        <select {...props} value={form[key]} onChange={(e) => set(key, e.target.value)}>
          <option value="">{t(none ?? 'ledger.search.any')}</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {label(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form
      className="ledger-panel ledger-filter"
      onSubmit={submit}
      role="search"
      aria-label={t('ledger.search.filter')}
      noValidate
    >
      <ErrorSummary
        title={t('ledger.search.errorSummary')}
        items={errorItems}
        focusKey={errorItems.length > 0 ? JSON.stringify(fieldErrors) : null}
      />
      <div className="ledger-filter-grid">
        {TEXT_FIELDS.map(({ key, hint, mono }) => (
          <Field
            key={key}
            id={idOf(key)}
            label={key === 'name' ? `${fieldLabel('name')}・${fieldLabel('name_kana')}` : fieldLabel(key)}
            hint={hint ? t(hint) : undefined}
            error={fieldErrors[key]}
          >
            {(props) => (
              <input
                {...props}
                className={mono ? 'ledger-mono' : undefined}
                value={form[key]}
                onChange={(e) => set(key, e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
        ))}
        {CHOICES.map(choice)}
        <Field
          id={idOf('storage_location')}
          label={fieldLabel('storage_location')}
          error={fieldErrors.storage_location}
        >
          {(props) => (
            <StorageSelect
              control={props}
              value={form.storage_location}
              onChange={(value) => set('storage_location', value)}
              emptyLabel={t('ledger.search.any')}
            />
          )}
        </Field>
        {choice(DATE_CHOICE)}
        {(['date_from', 'date_to'] as const).map((key) => (
          <Field key={key} id={idOf(key)} label={fieldLabel(key)} error={fieldErrors[key]}>
            {(props) => <input {...props} type="date" value={form[key]} onChange={(e) => set(key, e.target.value)} />}
          </Field>
        ))}
        {choice(RENEWAL_CHOICE)}
      </div>
      <div className="ledger-actions">
        <button type="submit">{t('ledger.search.submit')}</button>
        {hasFilter(initial) && (
          <button
            type="button"
            className="ledger-secondary"
            onClick={() => {
              setForm(filterFromParams(new URLSearchParams()));
              onSearch(filterFromParams(new URLSearchParams()));
            }}
          >
            {t('ledger.search.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

function ResultsTable({
  cards,
  labelledBy,
  selection,
  state,
  onToggle,
  onPage,
  search,
}: {
  cards: readonly LedgerCard[];
  labelledBy: string;
  selection: Selection;
  state: 'all' | 'some' | 'none';
  onToggle: (id: string) => void;
  onPage: (checked: boolean) => void;
  search: string;
}) {
  return (
    <div className="ledger-table-wrap">
      <table className="ledger-table ledger-results" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col" className="ledger-check-cell">
              <input
                type="checkbox"
                aria-label={t('ledger.search.selectPage')}
                checked={state === 'all'}
                ref={(element) => {
                  if (element) element.indeterminate = state === 'some';
                }}
                onChange={(e) => onPage(e.target.checked)}
              />
            </th>
            <th scope="col">{fieldLabel('management_number')}</th>
            <th scope="col">{fieldLabel('name')}</th>
            <th scope="col">{fieldLabel('birth_date')}</th>
            <th scope="col">{fieldLabel('kind')}</th>
            <th scope="col">{fieldLabel('visit_method')}</th>
            <th scope="col">{fieldLabel('status')}</th>
            <th scope="col">{t('ledger.search.col.dates')}</th>
            <th scope="col">{fieldLabel('storage_location')}</th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.id} className={isSelected(selection, card.id) ? 'ledger-row-selected' : undefined}>
              <td className="ledger-check-cell">
                <input
                  id={checkboxId(card.id)}
                  type="checkbox"
                  checked={isSelected(selection, card.id)}
                  onChange={() => onToggle(card.id)}
                  aria-label={t('ledger.search.selectRow', { number: card.management_number })}
                />
              </td>
              <th scope="row" className="ledger-mono">
                <Link to={`/ledger/cards/${card.id}`} state={{ search }}>
                  {card.management_number}
                </Link>
              </th>
              <td>
                {card.name ? <PersonName name={card.name} /> : t('ledger.none')}
                {card.name_kana && (
                  <span className="ledger-kana">
                    <PersonName name={card.name_kana} />
                  </span>
                )}
              </td>
              <td>
                <BirthDate date={card.birth_date} />
              </td>
              <td>{kindLabel(card.kind)}</td>
              <td>{visitLabel(card.visit_method)}</td>
              <td>
                <StatusBadge status={card.status} />
              </td>
              <td className="ledger-nowrap">
                {t('ledger.search.dateShort', {
                  inspected: formatShortSeireki(card.inspected_on),
                  sent: formatShortSeireki(card.notice_sent_on),
                  handed: formatShortSeireki(card.handed_over_on),
                })}
              </td>
              <td>{card.storage_location || t('ledger.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
