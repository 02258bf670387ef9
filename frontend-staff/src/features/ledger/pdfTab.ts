// The ledger's print sheets (交付チェックリスト, 受領書) are PDFs the API makes on demand
// behind the bearer token, which a plain link cannot send: fetch, then show the blob.
import { t } from '../../i18n/t';

export type Opened = 'tab' | 'downloaded';

/**
 * Opens the PDF `make` fetches in a new tab. The tab is opened before the wait, while
 * the click still counts as the clerk's (pop-up blockers refuse a tab opened after it),
 * says that the sheet is being made, and is closed again when there is no PDF to show.
 * Where no tab may be opened at all, the PDF is saved as `filename` instead.
 */
export async function openPdf(make: () => Promise<Blob>, filename: string): Promise<Opened> {
  const tab = window.open('', '_blank');
  try {
    if (tab) {
      tab.document.title = t('ledger.print.making');
      tab.document.body.textContent = t('ledger.print.making');
    }
  } catch {
    // Another origin's tab (never ours) cannot be written to: it just stays blank.
  }
  let blob: Blob;
  try {
    blob = await make();
  } catch (e) {
    tab?.close();
    throw e;
  }
  // Not revoked: the tab's PDF viewer reads the URL again when the clerk saves or prints.
  const url = URL.createObjectURL(
    blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }),
  );
  if (tab && !tab.closed) {
    tab.location.href = url;
    return 'tab';
  }
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  return 'downloaded';
}
