// Checking a field as it is left can lose the click that left it. Pressing the send button
// takes focus from the last field (say, the mail address); its message then appears above
// the button and pushes it down before the pointer comes up, so the release lands beside
// the button, no click happens and nothing is sent or focused. While a pointer is down, the
// check waits until the press has ended in a click (or has been given up).
import { useCallback, useEffect, useRef } from 'react';

// A tap's click follows its pointerup after the browser has recognised the tap; a pointerup
// without a click (a scroll, a drag) releases the waiting checks after this long.
const TAP_GRACE_MS = 400;

/**
 * `run`, but while a pointer is pressed it is called only once the press is over, with the
 * component's state as it is then (after the click's own update, such as sending the form).
 */
export function useAfterPress<T>(run: (arg: T) => void): (arg: T) => void {
  const latest = useRef(run);
  const pressed = useRef(false);
  const waiting = useRef<T[]>([]);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    let timer: number | undefined;
    const release = (delay: number) => () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        pressed.current = false;
        const args = waiting.current;
        waiting.current = [];
        args.forEach((arg) => latest.current(arg));
      }, delay);
    };
    const press = () => {
      window.clearTimeout(timer);
      pressed.current = true;
    };
    const clicked = release(0);
    const lifted = release(TAP_GRACE_MS);
    window.addEventListener('pointerdown', press, true);
    window.addEventListener('click', clicked, true);
    window.addEventListener('pointerup', lifted, true);
    window.addEventListener('pointercancel', lifted, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', press, true);
      window.removeEventListener('click', clicked, true);
      window.removeEventListener('pointerup', lifted, true);
      window.removeEventListener('pointercancel', lifted, true);
    };
  }, []);
  return useCallback((arg: T) => {
    if (pressed.current) waiting.current.push(arg);
    else latest.current(arg);
  }, []);
}
