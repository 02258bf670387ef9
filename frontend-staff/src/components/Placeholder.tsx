import type { MessageKey } from '../i18n/ja';
import { t } from '../i18n/t';

export function Placeholder({ title }: { title: MessageKey }) {
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{t(title)}</h1>
      <p>{t('placeholder.body')}</p>
    </section>
  );
}
