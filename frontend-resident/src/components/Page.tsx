import { useEffect, useRef, type ReactNode } from 'react';
import { useSite } from '../app/site';
import { t } from '../i18n/t';

// The first page shown keeps the browser's own focus; after each navigation the new
// page's heading takes it, so a screen reader announces where the resident is now.
let firstPage = true;

/** A page: its heading (focused after navigation) and the document title. */
export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const site = useSite();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.titleWithPage', { page: title, service: site.service_name });
  }, [title, site.service_name]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo?.(0, 0);
  }, []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead}
      {children}
    </>
  );
}
