// Files the API answers (CSV exports, print sheets) need the bearer token, which an
// ordinary link cannot send: fetch them, then hand the browser a blob to save or show.
import { getAccessToken } from '../api/client';
import { ApiError } from '../../../frontend-shared/api/problem';

async function fetchFile(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${getAccessToken() ?? ''}` },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  return response.blob();
}

/** Saves what `path` answers under `filename` (a CSV export, say). */
export async function download(path: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await fetchFile(path));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens what `path` answers (an HTML print sheet) in a new tab, ready to print. */
export async function openInNewTab(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  const url = URL.createObjectURL(await fetchFile(path));
  if (tab) tab.location.href = url;
  else window.location.href = url;
}
