import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Furigana } from './Furigana';

describe('ふりがな on the hard words', () => {
  it('puts the reading over each 製造管理番号 and 交付通知書, wherever they are in the text', () => {
    const { container } = render(
      <p>
        <Furigana text="交付通知書に書かれている製造管理番号を、交付通知書を見ながら入力します。" />
      </p>,
    );
    const rubies = [...container.querySelectorAll('ruby')].map((ruby) => [
      ruby.firstChild?.textContent,
      ruby.querySelector('rt')?.textContent,
    ]);
    expect(rubies).toEqual([
      ['交付通知書', 'こうふつうちしょ'],
      ['製造管理番号', 'せいぞうかんりばんごう'],
      ['交付通知書', 'こうふつうちしょ'],
    ]);
    expect(container.querySelector('p')?.textContent).toContain('に書かれている');
  });

  it('keeps a label’s accessible name the word itself', () => {
    render(
      <>
        <label htmlFor="n">
          <Furigana text="製造管理番号" />
        </label>
        <input id="n" />
      </>,
    );
    expect(screen.getByRole('textbox', { name: '製造管理番号' })).toBeTruthy();
  });

  it('shows the municipality’s text as text, never as markup', () => {
    const { container } = render(
      <p>
        <Furigana text={'<img src=x onerror="alert(1)">交付通知書<b>'} />
      </p>,
    );
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
  });
});
