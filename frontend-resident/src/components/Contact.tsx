import { useId, type ReactNode } from 'react';
import type { SiteInfo } from '../api/client';
import { foldToAscii } from '../../../frontend-shared/input/width';
import { t } from '../i18n/t';

type SiteContact = SiteInfo['contact'];

/** Whether the municipality gave a phone number: without one there is nothing to show. */
export const hasPhone = (contact: SiteContact): boolean => contact.phone.trim() !== '';

/**
 * The `tel:` address of a number as the municipality writes it (0120-123-456,
 * ０３（１２３４）５６７８, +81-3-…): its digits, and a leading + kept, since a phone's
 * dialler may not read hyphens or brackets. `null` when there is no digit to dial.
 */
export function telHref(phone: string): string | null {
  const folded = foldToAscii(phone).trim();
  const digits = folded.replace(/\D/g, '');
  if (!digits) return null;
  return `tel:${folded.startsWith('+') ? '+' : ''}${digits}`;
}

/** The number as written, large and a finger-sized target that calls it when tapped. */
export function PhoneAndHours({ contact }: { contact: SiteContact }) {
  const phone = contact.phone.trim();
  const href = telHref(phone);
  const hours = contact.hours.trim();
  return (
    <>
      <p className="contact-phone">
        {href ? (
          <a className="contact-tel" href={href}>
            {phone}
          </a>
        ) : (
          <span className="contact-tel">{phone}</span>
        )}
      </p>
      {hours && <p className="contact-hours">{t('contact.hours', { hours })}</p>}
    </>
  );
}

/** お問い合わせ in the footer of every page; nothing when the municipality gave no number. */
export function FooterContact({ contact }: { contact: SiteContact }) {
  if (!hasPhone(contact)) return null;
  return (
    <div className="contact contact-footer">
      <p className="contact-label">{t('contact.heading')}</p>
      <PhoneAndHours contact={contact} />
    </div>
  );
}

/**
 * お問い合わせ as a section of a page (help, FAQ, look-up, completion), with a line that
 * says when to call; nothing when the municipality gave no number.
 */
export function ContactBox({ contact, lead }: { contact: SiteContact; lead: ReactNode }) {
  const heading = useId();
  if (!hasPhone(contact)) return null;
  return (
    <section className="contact contact-box" aria-labelledby={heading}>
      <h2 id={heading}>{t('contact.heading')}</h2>
      <p>{lead}</p>
      <PhoneAndHours contact={contact} />
    </section>
  );
}
