import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import type { SiteInfo } from '../api/client';
import { FooterContact } from '../components/Contact';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { TextSizeSwitch } from '../components/TextSizeSwitch';
import { t } from '../i18n/t';
import { SiteContext, useSiteQuery } from './site';

function Header({ site }: { site: SiteInfo }) {
  return (
    <header className="header">
      <Link to="/" className="brand">
        {site.has_logo && (
          <img className="logo" src={`/api/v1/public/${encodeURIComponent(site.slug)}/logo`} alt={site.name} />
        )}
        <span className="service-name">{site.service_name}</span>
      </Link>
      <nav aria-label={t('nav.label')} className="site-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/lookup">{t('nav.lookup')}</NavLink>
          </li>
          <li>
            <NavLink to="/help">{t('nav.help')}</NavLink>
          </li>
          <li>
            <NavLink to="/faq">{t('nav.faq')}</NavLink>
          </li>
        </ul>
      </nav>
      <TextSizeSwitch />
    </header>
  );
}

function Footer({ site }: { site: SiteInfo }) {
  return (
    <footer className="footer">
      <FooterContact contact={site.contact} />
      <p>{t('footer.note', { name: site.name })}</p>
    </footer>
  );
}

/** Says so while the device is offline; the pages keep what was typed. */
function OfflineBanner() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return (
    <div role="status" className={online ? 'visually-hidden' : 'offline-banner'}>
      {online ? '' : t('offline.banner')}
    </div>
  );
}

/** No municipality by that name: nothing else to show. */
export function NotFound() {
  return (
    <main id="main" className="page">
      <h1>{t('notFound.heading')}</h1>
      <p>{t('notFound.body')}</p>
    </main>
  );
}

/** An unknown page of a known municipality, inside its layout. */
export function NotFoundPage() {
  return (
    <Page title={t('notFound.heading')}>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.top')}</Link>
    </Page>
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
  useEffect(() => {
    document.title = site.service_name;
  }, [site.service_name]);
  return (
    <main id="main" className="page">
      <h1>{t('closed.heading')}</h1>
      {/* A municipality closed without words of its own (or switched off by the operator)
          gets a general sentence, not an empty frame. */}
      <p className="closed-message">{site.closed_message.trim() || t('closed.general')}</p>
    </main>
  );
}

function Frame({ site, children }: { site: SiteInfo; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header site={site} />
      <OfflineBanner />
      {children}
      <Footer site={site} />
    </>
  );
}

/** Every page of one municipality: its header and menu, or why there is nothing to show. */
export function Layout({ tenant }: { tenant: string }) {
  const site = useSiteQuery(tenant);
  if (site.isPending) return <Loading />;
  if (site.isError) return site.error.status === 404 ? <NotFound /> : <Offline retry={() => void site.refetch()} />;
  if (!site.data.public) {
    return (
      <Frame site={site.data}>
        <Closed site={site.data} />
      </Frame>
    );
  }
  return (
    <SiteContext.Provider value={site.data}>
      <Frame site={site.data}>
        <main id="main" className="page">
          <Outlet />
        </main>
      </Frame>
    </SiteContext.Provider>
  );
}
