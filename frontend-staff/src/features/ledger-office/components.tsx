// What the back-office screens share: their sub-navigation, a birth date in 和暦 and
// 西暦, the file field and the check-then-apply flow of a file.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { NavLink } from 'react-router';
import { errorsTotal, type FieldErrorBody } from '../../api/client';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { FilePicker } from '../../components/FilePicker';
import { t } from '../../i18n/t';
import { failureText } from './labels';
import { formatSeireki } from '../../../../frontend-shared/dates/japan';
import { toWareki } from '../../../../frontend-shared/input/wareki';

export function OfficeNav() {
  const links = [
    { to: '/ledger/office', label: t('ledgerOffice.nav.home'), end: true },
    { to: '/ledger/office/imports', label: t('ledgerOffice.nav.imports') },
    { to: '/ledger/office/renewal', label: t('ledgerOffice.nav.renewal') },
    { to: '/ledger/office/people', label: t('ledgerOffice.nav.people') },
    { to: '/ledger/office/storage', label: t('ledgerOffice.nav.storage') },
    { to: '/ledger/office/settings', label: t('ledgerOffice.nav.settings') },
  ];
  return (
    <nav className="office-nav" aria-label={t('ledgerOffice.nav.label')}>
      <ul>
        <li className="office-nav-back">
          <NavLink to="/ledger" end>
            {t('ledgerOffice.nav.ledger')}
          </NavLink>
        </li>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `昭和50年4月1日` with `（1975/04/01）` after it. */
export function BirthDate({ date }: { date: string | null | undefined }) {
  if (!date) return <>{t('ledgerOffice.none')}</>;
  return (
    <span className="office-birth">
      <span>{toWareki(date)}</span> <span className="office-birth-western">（{formatSeireki(date)}）</span>
    </span>
  );
}

export interface ChosenFile {
  name: string;
  /**
   * Read once when chosen, so that what is applied is exactly what was checked; a
   * promise, so that a click right after choosing waits for it rather than missing it.
   */
  bytes: Promise<Uint8Array>;
}

export type Outcome<R> =
  | { kind: 'preview'; report: R }
  /** `total`: how many faults the file has in all; `errors` may list only the first of them. */
  | { kind: 'bad'; errors: FieldErrorBody[]; total: number }
  | { kind: 'failed'; message: string }
  | { kind: 'applied'; report: R };

/**
 * A file checked first (dry run) and applied only after: the chosen file, the answer,
 * what is running, and focus moved to the answer's heading after each attempt so that
 * the keyboard user continues from it.
 */
export function useFileCheck<R>(
  send: (bytes: Uint8Array, dryRun: boolean) => Promise<R>,
  { onApplied, conflictMessage }: { onApplied?: (report: R) => Promise<void> | void; conflictMessage?: string } = {},
) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [outcome, setOutcome] = useState<Outcome<R> | null>(null);
  const [busy, setBusy] = useState<'checking' | 'applying' | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) result.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [attempt]);

  function choose(list: readonly File[]) {
    setOutcome(null);
    setMissingFile(false);
    const chosen = list[0];
    setFile(
      chosen ? { name: chosen.name, bytes: chosen.arrayBuffer().then((buffer) => new Uint8Array(buffer)) } : null,
    );
  }

  async function run(dryRun: boolean) {
    if (!file) {
      setMissingFile(true);
      fileInput.current?.focus();
      return;
    }
    setBusy(dryRun ? 'checking' : 'applying');
    try {
      const report = await send(await file.bytes, dryRun);
      if (!dryRun) await onApplied?.(report);
      setOutcome(dryRun ? { kind: 'preview', report } : { kind: 'applied', report });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'import.invalid' && error.errors.length > 0)
        setOutcome({ kind: 'bad', errors: error.errors, total: errorsTotal(error) ?? error.errors.length });
      else if (error instanceof ApiError && error.status === 409 && conflictMessage)
        setOutcome({ kind: 'failed', message: conflictMessage });
      else setOutcome({ kind: 'failed', message: failureText(error) });
    } finally {
      setBusy(null);
      setAttempt((a) => a + 1);
    }
  }

  /** Starts over with another file. */
  function reset() {
    setFile(null);
    setOutcome(null);
    setMissingFile(false);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  }

  return { file, outcome, setOutcome, busy, missingFile, run, choose, reset, fileInput, result };
}

/** A file field with its hint and, when the clerk pressed on without one, the error. */
export function FileField({
  id,
  label,
  hint,
  missing,
  inputRef,
  onChoose,
  chosen,
  accept = '.csv,text/csv',
}: {
  id: string;
  label: ReactNode;
  hint: ReactNode;
  missing: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onChoose: (files: File[]) => void;
  /** The file the screen holds (gone after starting over), named beside the button. */
  chosen: ChosenFile | null;
  accept?: string;
}) {
  return (
    <div className="field office-file">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <FilePicker
        id={id}
        inputRef={inputRef}
        accept={accept}
        onChoose={onChoose}
        chosen={chosen ? [chosen.name] : []}
        describedBy={missing ? `${id}-hint ${id}-error` : `${id}-hint`}
        invalid={missing}
      />
      {missing && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {t('ledgerOffice.file.missing')}
        </span>
      )}
    </div>
  );
}

/** The heading of an answer; focused after each attempt (see useFileCheck). */
export function ResultHeading({ children }: { children: ReactNode }) {
  return <h2 tabIndex={-1}>{children}</h2>;
}
