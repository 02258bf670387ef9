import { t } from '../i18n/t';

const STEPS = ['steps.location', 'steps.calendar', 'steps.form', 'steps.confirm', 'steps.done.label'] as const;
export type Step = 0 | 1 | 2 | 3 | 4;

/** Where the resident is in the booking: 場所 → 日時 → 入力 → 確認 → 完了. */
export function Steps({ current }: { current: Step }) {
  return (
    <nav aria-label={t('steps.label')} className="steps">
      <ol>
        {STEPS.map((key, index) => (
          <li
            key={key}
            className={index === current ? 'step step-current' : index < current ? 'step step-done' : 'step'}
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            {t(key)}
            {index < current && <span className="visually-hidden">{t('steps.done')}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
