import { useEffect, useState } from 'react';
import { timeOfInstant } from '../../lib/dates';
import { t } from '../../i18n/t';
import type { Hold } from './draft';

function japanTime(instant: string): string {
  // The API answers holds in UTC; shown in Japan time like every other time here.
  const shifted = new Date(new Date(instant).getTime() + 9 * 3600_000).toISOString();
  return timeOfInstant(shifted);
}

/**
 * How long the chosen slot stays held. The countdown is visual; a screen reader hears
 * only the one-minute warning and the expiry, not a number every second.
 */
export function HoldTimer({ hold, onRetake, busy = false }: { hold: Hold; onRetake: () => void; busy?: boolean }) {
  const expires = new Date(hold.expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.floor((expires - now) / 1000));
  if (left === 0) {
    return (
      <div className="hold hold-expired" role="alert">
        <p>{t('hold.expired')}</p>
        <button type="button" className="secondary" onClick={onRetake} disabled={busy}>
          {t('hold.retake')}
        </button>
      </div>
    );
  }
  return (
    <div className={left <= 60 ? 'hold hold-warn' : 'hold'}>
      <p>
        {t('hold.held', { until: japanTime(hold.expiresAt) })}
        <span className="hold-count" aria-hidden="true">
          {' '}
          {t('hold.remaining', { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') })}
        </span>
      </p>
      <p role="status" className="visually-hidden">
        {left <= 60 ? t('hold.warn') : ''}
      </p>
    </div>
  );
}
