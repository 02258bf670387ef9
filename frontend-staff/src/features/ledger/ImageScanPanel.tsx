// 画像・PDFから読み取る: scanned カード発行一覧 pages sent to the server, which reads every
// QR code on them into the batch. Beside the wedge reader, for offices that scan the
// printed lists on a copier instead of reading each code by hand.
import { useId, useState } from 'react';
import { FilePicker } from '../../components/FilePicker';
import { t } from '../../i18n/t';
import { fileSummary, refusalText, SCAN_FILE_TYPES, unreadable, type FileOutcome } from './imageScan';

export interface ImageScan {
  /** The file being read, while an upload runs. */
  progress: { index: number; total: number; name: string } | null;
  /** What became of each file of the last upload, in the order chosen. */
  outcomes: FileOutcome[];
  busy: boolean;
  run: (files: File[]) => Promise<void>;
  clear: () => void;
}

/**
 * Reads the chosen files one after another (a server reads one page file at a time
 * anyway, and the list then grows in the order the clerk chose them); `readFile` never
 * throws, it says what went wrong in the outcome.
 */
export function useImageScan(readFile: (file: File) => Promise<FileOutcome>, onFinished: () => void): ImageScan {
  const [progress, setProgress] = useState<ImageScan['progress']>(null);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);

  async function run(files: File[]) {
    if (files.length === 0 || progress) return;
    setOutcomes([]);
    const done: FileOutcome[] = [];
    try {
      for (const [index, file] of files.entries()) {
        setProgress({ index: index + 1, total: files.length, name: file.name });
        done.push(await readFile(file));
        setOutcomes([...done]);
      }
    } finally {
      setProgress(null);
      onFinished();
    }
  }

  return { progress, outcomes, busy: progress !== null, run, clear: () => setOutcomes([]) };
}

export function ImageScanPanel({ ready, scan }: { ready: boolean; scan: ImageScan }) {
  const ids = { file: useId(), hint: useId() };
  const read = scan.outcomes.filter((o) => !('error' in o));

  function choose(files: File[], input: HTMLInputElement) {
    // Emptied, so that choosing the same file again (after fixing the scan) is a new choice.
    input.value = '';
    void scan.run(files);
  }

  return (
    <div className="ledger-image-scan">
      {/* No field label here: the picker's button names it. */}
      <div className="ledger-image-pick">
        <FilePicker
          id={ids.file}
          label={t('ledger.image.label')}
          accept={SCAN_FILE_TYPES}
          multiple
          disabled={!ready || scan.busy}
          onChoose={choose}
          describedBy={ids.hint}
        />
        <span id={ids.hint} className="hint">
          {t('ledger.image.hint')}
        </span>
      </div>

      {/* Live regions stay in the page so that what lands in them is read out; a file
          not read, or codes left out, are alerts. */}
      <div role="status" className="ledger-live">
        {scan.progress && <p className="ledger-image-progress">{t('ledger.image.progress', scan.progress)}</p>}
        {read.length > 0 && (
          <ul className="ledger-image-summary" aria-label={t('ledger.image.results')}>
            {read.map((outcome, index) => (
              <li
                key={`${outcome.name}-${index}`}
                // A code seen but not read is marked, not only counted: the page is to be scanned again.
                className={
                  'report' in outcome && unreadable(outcome.report).length > 0 ? 'ledger-image-missed' : undefined
                }
              >
                {fileSummary(outcome)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div role="alert" className="ledger-live">
        {scan.outcomes.map((outcome, index) =>
          'error' in outcome ? (
            <p key={`${outcome.name}-${index}`} className="ledger-outcome ledger-outcome-invalid ledger-outcome-title">
              {fileSummary(outcome)}
            </p>
          ) : outcome.report.refused.length > 0 ? (
            <div key={`${outcome.name}-${index}`} className="ledger-outcome ledger-outcome-invalid">
              <p className="ledger-outcome-title">
                {t('ledger.image.refusedTitle', { name: outcome.name, count: outcome.report.refused.length })}
              </p>
              <ul>
                {outcome.report.refused.map((refused, i) => (
                  <li key={i}>{refusalText(refused)}</li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </div>
    </div>
  );
}
