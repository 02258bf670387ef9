import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError, call, type SiteInfo } from '../api/client';
import { t } from '../i18n/t';

function useSite(tenant: string) {
  return useQuery<SiteInfo, ApiError>({
    queryKey: ['site', tenant],
    queryFn: () => call(api.GET('/api/v1/public/{tenant}/site', { params: { path: { tenant } } })),
    retry: (count, error) => error.status === 0 && count < 2,
  });
}

function Header({ site }: { site: SiteInfo }) {
  return (
    <header className="header">
      {site.has_logo && <img className="logo" src={`/api/v1/public/${encodeURIComponent(site.slug)}/logo`} alt="" />}
      <p className="service-name">{site.service_name}</p>
    </header>
  );
}

function Footer({ site }: { site: SiteInfo }) {
  return (
    <footer className="footer">
      <p>{t('footer.note', { name: site.name })}</p>
    </footer>
  );
}

export function NotFound() {
  return (
    <main id="main" className="page">
      <h1>{t('notFound.heading')}</h1>
      <p>{t('notFound.body')}</p>
    </main>
  );
}

function Offline({ retry }: { retry: () => void }) {
  return (
    <main id="main" className="page">
      <h1>{t('offline.heading')}</h1>
      <p>{t('offline.body')}</p>
      <button type="button" onClick={retry}>
        {t('offline.retry')}
      </button>
    </main>
  );
}

/** The closed notice; the municipality's message is text, shown as written. */
export function Closed({ site }: { site: SiteInfo }) {
  return (
    <main id="main" className="page">
      <h1>{t('closed.heading')}</h1>
      <p className="closed-message">{site.closed_message}</p>
    </main>
  );
}

function Top({ site }: { site: SiteInfo }) {
  return (
    <main id="main" className="page">
      <h1>{site.service_name}</h1>
      <p>{t('top.lead', { name: site.name })}</p>
      <p className="notice">{t('top.preparing')}</p>
      <p>{t('top.phone')}</p>
    </main>
  );
}

export function Site({ tenant }: { tenant: string }) {
  const site = useSite(tenant);
  useEffect(() => {
    if (site.data) document.title = site.data.service_name;
  }, [site.data]);

  if (site.isPending) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (site.isError) {
    return site.error.status === 404 ? <NotFound /> : <Offline retry={() => void site.refetch()} />;
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header site={site.data} />
      {site.data.public ? <Top site={site.data} /> : <Closed site={site.data} />}
      <Footer site={site.data} />
    </>
  );
}
