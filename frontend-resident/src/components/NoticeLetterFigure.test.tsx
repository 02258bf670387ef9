import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NoticeLetterFigure, noticeLetterText } from './NoticeLetterFigure';

describe('the notice letter figure', () => {
  it('is an image named after the management number', () => {
    render(<NoticeLetterFigure />);
    const figure = screen.getByRole('img', { name: /製造管理番号/ });
    expect(figure.tagName.toLowerCase()).toBe('svg');
  });

  it('describes where the number is and what it looks like', () => {
    render(<NoticeLetterFigure />);
    const figure = screen.getByRole('img', { name: /製造管理番号/ });
    const description = figure.getAttribute('aria-describedby');
    expect(description).toBeTruthy();
    expect(screen.getByRole('img', { description: /右上/ })).toBe(figure);
    expect(screen.getByRole('img', { description: /A1B234567/ })).toBe(figure);
  });

  it('points at the number with a callout by default', () => {
    const { container } = render(<NoticeLetterFigure />);
    expect(container.textContent).toContain(noticeLetterText.callout);
    expect(container.textContent).toContain(noticeLetterText.sampleNumber);
  });

  it('leaves the callout out when not highlighted', () => {
    const { container } = render(<NoticeLetterFigure highlight={false} />);
    expect(container.textContent).not.toContain(noticeLetterText.callout);
    expect(container.querySelector('marker')).toBeNull();
    expect(container.textContent).toContain(noticeLetterText.numberLabel);
  });

  it('gives each figure its own title and description ids', () => {
    render(
      <>
        <NoticeLetterFigure />
        <NoticeLetterFigure highlight={false} />
      </>,
    );
    const [first, second] = screen.getAllByRole('img', { name: /製造管理番号/ });
    expect(first?.getAttribute('aria-labelledby')).not.toBe(second?.getAttribute('aria-labelledby'));
    expect(first?.getAttribute('aria-describedby')).not.toBe(second?.getAttribute('aria-describedby'));
  });
});
