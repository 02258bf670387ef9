import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { nameParts, PersonName, PersonNames } from './PersonName';

describe('<PersonName>', () => {
  it('keeps family and given name each whole, the space between them as stored', () => {
    const { container } = render(<PersonName name="勅使河原 美紀子" />);
    const parts = [...container.querySelectorAll('.person-name-part')].map((part) => part.textContent);
    expect(parts).toEqual(['勅使河原', '美紀子']);
    expect(container.textContent).toBe('勅使河原 美紀子');
  });

  it('shows a name without a space as one part', () => {
    const { container } = render(<PersonName name="ミホンハナコ" />);
    expect(container.querySelectorAll('.person-name-part')).toHaveLength(1);
    expect(container.textContent).toBe('ミホンハナコ');
  });

  it('lists several people with 、 between them', () => {
    const { container } = render(<PersonNames names={['見本 花子', '見本 太郎']} />);
    expect(container.textContent).toBe('見本 花子、見本 太郎');
    expect(container.querySelectorAll('.person-name-part')).toHaveLength(4);
  });

  it('splits on any white space, the ideographic space too', () => {
    expect(nameParts('見本\u3000花子')).toEqual(['見本', '\u3000', '花子']);
    expect(nameParts('Mary Ann Smith')).toEqual(['Mary', ' ', 'Ann', ' ', 'Smith']);
  });
});
