import { useSite } from '../../app/site';
import { ContactBox } from '../../components/Contact';
import { Furigana } from '../../components/Furigana';
import { NoticeLetterFigure } from '../../components/NoticeLetterFigure';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';

export function HelpPage() {
  const site = useSite();
  return (
    <Page title={t('help.heading')}>
      {/* First: a resident who would rather call need not read the rest. */}
      <ContactBox contact={site.contact} lead={t('contact.help')} />
      <section aria-labelledby="help-steps">
        <h2 id="help-steps">{t('help.stepsHeading')}</h2>
        <ol className="help-steps">
          <li>{t('help.step1')}</li>
          <li>{t('help.step2')}</li>
          <li>{t('help.step3')}</li>
          <li>{t('help.step4')}</li>
          <li>{t('help.step5')}</li>
        </ol>
      </section>
      <section aria-labelledby="help-number">
        <h2 id="help-number">
          <Furigana text={t('help.numberHeading')} />
        </h2>
        <p>
          <Furigana text={t('help.numberBody')} />
        </p>
        <NoticeLetterFigure />
        <p>
          <Furigana text={t('form.noLetter')} />
        </p>
      </section>
      <section aria-labelledby="help-change">
        <h2 id="help-change">{t('help.changeHeading')}</h2>
        <p>{t('help.changeBody')}</p>
      </section>
      <section aria-labelledby="help-keyboard">
        <h2 id="help-keyboard">{t('help.keyboardHeading')}</h2>
        <p>{t('help.keyboardBody')}</p>
      </section>
    </Page>
  );
}
