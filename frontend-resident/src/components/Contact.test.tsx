import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContactBox, telHref } from './Contact';

describe('telHref', () => {
  it('dials the digits of a number as the municipality writes it', () => {
    expect(telHref('0120-123-456')).toBe('tel:0120123456');
    expect(telHref('０３（１２３４）５６７８')).toBe('tel:0312345678');
    expect(telHref(' +81-3-1234-5678 ')).toBe('tel:+81312345678');
  });

  it('gives no address when there is nothing to dial', () => {
    expect(telHref('')).toBeNull();
    expect(telHref('市民課')).toBeNull();
  });
});

describe('the お問い合わせ section of a page', () => {
  it('has its heading, the reason to call, the number to tap and the hours', () => {
    render(<ContactBox contact={{ phone: '000-0000-0000', hours: '平日 8:30〜17:15' }} lead="お電話ください。" />);
    expect(screen.getByRole('region', { name: 'お問い合わせ' })).toBeTruthy();
    expect(screen.getByText('お電話ください。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '000-0000-0000' }).getAttribute('href')).toBe('tel:00000000000');
    expect(screen.getByText('受付時間：平日 8:30〜17:15')).toBeTruthy();
  });

  it('is not there without a phone number', () => {
    const { container } = render(
      <ContactBox contact={{ phone: '', hours: '平日 8:30〜17:15' }} lead="お電話ください。" />,
    );
    expect(container.innerHTML).toBe('');
  });
});
