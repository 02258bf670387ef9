import { useEffect, useRef, useState } from 'react';
import { idleState, type IdleState } from './idle';
import { useSession } from './session';
import { t } from '../i18n/t';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Watches for activity; a minute before the tenant's idle time-out it asks whether to
 * go on, and at zero it signs out. The server enforces the same time-out.
 */
export function IdleWarning({ timeoutSeconds }: { timeoutSeconds: number }) {
  const { signOut, keepAlive } = useSession();
  const [mountedAt] = useState(() => Date.now()); // idle from the moment it is shown
  const lastActivity = useRef(mountedAt);
  const [state, setState] = useState<IdleState>({ kind: 'active' });
  const button = useRef<HTMLButtonElement>(null);
  const warning = state.kind === 'warning';

  useEffect(() => {
    const onActivity = () => {
      // While the warning shows, only its button counts as an answer.
      if (idleState(Date.now() - lastActivity.current, timeoutSeconds).kind === 'active')
        lastActivity.current = Date.now();
    };
    ACTIVITY.forEach((name) => window.addEventListener(name, onActivity, { passive: true }));
    const tick = setInterval(() => {
      const next = idleState(Date.now() - lastActivity.current, timeoutSeconds);
      setState(next);
      if (next.kind === 'expired') {
        clearInterval(tick);
        void signOut('idle');
      }
    }, 1000);
    return () => {
      ACTIVITY.forEach((name) => window.removeEventListener(name, onActivity));
      clearInterval(tick);
    };
  }, [timeoutSeconds, signOut]);

  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);

  if (state.kind !== 'warning') return null;
  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-heading"
        aria-describedby="idle-body"
        className="modal"
      >
        <h2 id="idle-heading">{t('idle.heading')}</h2>
        <p id="idle-body" aria-live="polite">
          {t('idle.body', { seconds: state.secondsLeft })}
        </p>
        <button
          ref={button}
          type="button"
          onClick={() => {
            lastActivity.current = Date.now();
            setState({ kind: 'active' });
            void keepAlive();
          }}
        >
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
