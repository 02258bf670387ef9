import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { CurrentUser } from '../api/client';
import { menuFor } from '../lib/roles';
import { useSession } from './session';
import { t } from '../i18n/t';
import { IdleWarning } from './IdleWarning';

/**
 * After moving to another screen, focus goes to its heading, so that a screen reader
 * says where the clerk is; a screen that put focus somewhere itself (the check-in
 * field) keeps it.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const main = document.getElementById('main');
      const active = document.activeElement;
      if (!main || (active && active !== document.body && active !== main && main.contains(active))) return;
      const heading = main.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      } else main.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function Shell({ user }: { user: CurrentUser }) {
  const { signOut } = useSession();
  useFocusOnNavigation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="brand">
          {user.tenant.has_logo && (
            <img src={`/api/v1/public/${encodeURIComponent(user.tenant.slug)}/logo`} alt="" height={32} />
          )}
          <span className="service-name">{user.tenant.service_name}</span>
          <span className="tenant-name">{user.tenant.name}</span>
        </div>
        <div className="account">
          <span>{user.name}</span>
          <NavLink to="/password">{t('nav.password')}</NavLink>
          <button type="button" onClick={() => void signOut('user')}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav className="menu" aria-label={t('nav.label')}>
        <ul>
          {menuFor(user.roles).map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.path === '/'}>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {/* Screens load when first opened; the menu stays while one does. */}
        <Suspense
          fallback={
            <p className="loading" role="status">
              {t('app.loading')}
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <IdleWarning timeoutSeconds={user.idle_timeout_seconds} />
    </div>
  );
}
