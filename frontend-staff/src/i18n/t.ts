import { ja, type MessageKey } from './ja';

/** The Japanese text for a key, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return ja[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message for an API error code, or a generic one for codes we do not know yet. */
export function errorMessage(code: string): string {
  const key = `error.${code}`;
  return key in ja ? ja[key as MessageKey] : ja['error.generic'];
}
