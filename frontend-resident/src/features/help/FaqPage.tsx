import { useNotices } from '../../api/queries';
import { useSite } from '../../app/site';
import { ContactBox } from '../../components/Contact';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { t } from '../../i18n/t';
import { Furigana } from '../../components/Furigana';
import { NoticeBody } from '../../components/NoticeBody';

/** Questions as disclosure widgets: a long list stays short to scan on a phone. */
export function FaqPage() {
  const site = useSite();
  const faq = useNotices(site.slug, 'faq');
  return (
    <Page title={t('faq.heading')}>
      {faq.isPending && <Loading />}
      {faq.isError && <ProblemAlert error={faq.error} />}
      {faq.data?.length === 0 && <p>{t('faq.empty')}</p>}
      <div className="faq">
        {faq.data?.map((item) => (
          <details key={item.id} className="faq-item">
            <summary>
              <Furigana text={item.title} />
            </summary>
            <NoticeBody body={item.body} />
          </details>
        ))}
      </div>
      {/* After the questions: for what they do not answer. */}
      <ContactBox contact={site.contact} lead={t('contact.faq')} />
    </Page>
  );
}
