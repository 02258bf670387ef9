// The mails the server wrote to its outbox folder, as a person reads them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encoded subject words and base64 parts decoded. */
function readable(raw: string): string {
  const headers = raw.replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, data: string) =>
    Buffer.from(data, 'base64').toString('utf8'),
  );
  const parts = [
    ...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi),
  ].map((m) => Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'base64').toString('utf8'));
  return [headers, ...parts].join('\n');
}

/** Every mail written so far. */
export function outbox(dataDir: string): string[] {
  const folder = join(dataDir, 'outbox');
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.eml'))
      .map((name) => readable(readFileSync(join(folder, name), 'utf8')));
  } catch {
    return [];
  }
}
