import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { chosenText, FilePicker } from './FilePicker';

function csv(name: string) {
  return new File(['a,b\r\n'], name, { type: 'text/csv' });
}

describe('<FilePicker>', () => {
  it('keeps the field label as the only name and says in Japanese that nothing is chosen', () => {
    render(
      <>
        <label htmlFor="f">CSVファイル</label>
        <span id="f-hint">UTF-8 か Shift_JIS</span>
        <FilePicker id="f" accept=".csv" describedBy="f-hint" onChoose={() => undefined} />
      </>,
    );
    const input = screen.getByLabelText('CSVファイル');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.getAttribute('accept')).toBe('.csv');
    expect(screen.getByText('ファイルを選ぶ').getAttribute('aria-hidden')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['UTF-8 か Shift_JIS', 'ファイルが選ばれていません']);
  });

  it('names the chosen files beside its button and hands them over', async () => {
    const onChoose = vi.fn();
    render(<FilePicker id="f" label="画像・PDFから読み取る" multiple onChoose={onChoose} />);
    const input = screen.getByLabelText('画像・PDFから読み取る');
    await userEvent.upload(input, [csv('a.csv'), csv('b.csv')]);
    expect(screen.getByText('a.csv、b.csv')).toBeTruthy();
    expect((onChoose.mock.calls[0]?.[0] as File[]).map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('shows what the screen holds when told, so that starting over forgets the name', () => {
    const { rerender } = render(<FilePicker id="f" label="選ぶ" chosen={['hakko.csv']} onChoose={() => undefined} />);
    expect(screen.getByText('hakko.csv')).toBeTruthy();
    rerender(<FilePicker id="f" label="選ぶ" chosen={[]} onChoose={() => undefined} />);
    expect(screen.getByText('ファイルが選ばれていません')).toBeTruthy();
  });

  it('shortens a long choice', () => {
    expect(chosenText(['1.png', '2.png', '3.png'])).toBe('1.png、2.png、3.png');
    expect(chosenText(['1.png', '2.png', '3.png', '4.png'])).toBe('1.png ほか 3 ファイル');
  });
});
