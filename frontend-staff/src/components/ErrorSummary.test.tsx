import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';
import { Field } from './Field';

describe('<ErrorSummary>', () => {
  it('draws nothing when there is nothing to say', () => {
    const { container } = render(<ErrorSummary title="入力内容を確認してください" items={[]} focusKey={1} />);
    expect(container.innerHTML).toBe('');
  });

  it('is read out, takes the focus and links each message to its field', () => {
    render(
      <>
        <input id="name" aria-label="氏名" />
        <ErrorSummary
          title="入力内容を確認してください"
          general="保存できませんでした。"
          items={[{ target: 'name', text: '氏名: 入力してください' }, { text: '電話番号: 形式が違います' }]}
          focusKey={1}
        />
      </>,
    );
    const box = screen.getByRole('alert');
    expect(document.activeElement).toBe(box);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('入力内容を確認してください');
    expect(box.textContent).toContain('保存できませんでした。');
    const link = screen.getByRole('link', { name: '氏名: 入力してください' });
    expect(link.getAttribute('href')).toBe('#name');
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('氏名'));
    expect(screen.getAllByRole('listitem')[1]!.querySelector('a')).toBeNull();
  });

  it('takes the focus again only when the key changes', () => {
    const items = [{ target: 'x', text: 'x' }];
    const { rerender } = render(<ErrorSummary title="t" items={items} focusKey={0} />);
    expect(document.activeElement).toBe(document.body);
    rerender(<ErrorSummary title="t" items={items} focusKey={2} />);
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });
});

describe('<Field>', () => {
  it('ties the hint and the error to the control', () => {
    render(
      <Field id="f" label="件名" hint="30文字まで" error="入力してください">
        {(props) => <input {...props} />}
      </Field>,
    );
    const input = screen.getByLabelText('件名');
    expect(input.getAttribute('aria-describedby')).toBe('f-hint f-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('says nothing extra when the value is fine', () => {
    render(
      <Field id="g" label="件名" error={undefined}>
        {(props) => <input {...props} />}
      </Field>,
    );
    const input = screen.getByLabelText('件名');
    expect(input.getAttribute('aria-describedby')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });
});
