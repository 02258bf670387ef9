import { act, render, renderHook, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api, type FieldErrorBody } from '../../api/client';
import { BadLines } from './BadLines';
import { useFileCheck } from './components';

/** `count` faulty cells, one a line from line 2, as the server lists a refused file. */
function faults(count: number): FieldErrorBody[] {
  return Array.from({ length: count }, (_, i) => ({
    field: 'management_number',
    code: 'management_number.invalid',
    message: 'a management number is 3 letters or digits and 6 digits',
    line: i + 2,
  }));
}

const PARTIAL = /エラーは全部で.*件あります。最初の.*件を表示しています。/;

function show(errors: FieldErrorBody[], total?: number | null) {
  render(<BadLines errors={errors} total={total} kind="issuance" mappings={null} fileName="cards.csv" />);
}

describe('<BadLines>', () => {
  it('says, above the list, that a file has more faults than the 1,000 listed, and lists those 1,000', () => {
    show(faults(1000), 5000);
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain(
      'エラーは全部で5,000件あります。最初の1,000件を表示しています。ファイルを直してから、もう一度取り込んでください。',
    );
    // No count of its own that the line after it would contradict.
    expect(summary.textContent).not.toContain('1000 件の誤り');
    const table = screen.getByRole('table', { name: '誤りのある行と内容' });
    expect(summary.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // One header row, then a row for each fault listed.
    expect(table.querySelectorAll('tbody tr')).toHaveLength(1000);
    expect(screen.getByRole('rowheader', { name: '1001' })).toBeTruthy();
  });

  it('says nothing of the kind when every fault is listed', () => {
    show(faults(3), 3);
    expect(screen.getByRole('alert').textContent).toBe(
      '「cards.csv」に 3 件の誤りがあります（3 行）。何も取り込んでいません。ファイルを直して、もう一度選んでください。',
    );
    expect(screen.queryByText(PARTIAL)).toBeNull();
  });

  it('says nothing of the kind when the answer gives no total', () => {
    show(faults(1000));
    expect(screen.queryByText(PARTIAL)).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('1000 件の誤りがあります（1000 行）');
    show(faults(2), null);
    expect(screen.queryByText(PARTIAL)).toBeNull();
  });
});

describe('a refused file checked through useFileCheck', () => {
  async function refusedWith(body: Record<string, unknown>) {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(body), {
            status: 422,
            headers: { 'content-type': 'application/problem+json' },
          }),
      ),
    );
    const { result } = renderHook(() =>
      useFileCheck(async (bytes, dryRun) => {
        const { data } = await api.POST('/api/v1/ledger/imports/issuance', {
          params: { query: { dry_run: dryRun } },
          body: bytes as unknown as string,
          bodySerializer: (b: unknown) => b as string,
        });
        return data;
      }),
    );
    // jsdom's File cannot be read (no arrayBuffer()): a stand-in that can.
    const file = { name: 'cards.csv', arrayBuffer: async () => new ArrayBuffer(1) } as unknown as File;
    act(() => result.current.choose([file]));
    await act(() => result.current.run(true));
    vi.unstubAllGlobals();
    return result.current.outcome;
  }

  const problem = (errors: FieldErrorBody[]) => ({
    type: 'urn:madoguchi:problem:import.invalid',
    title: 'x',
    status: 422,
    code: 'import.invalid',
    errors,
  });

  it('keeps the total the server gave', async () => {
    const outcome = await refusedWith({ ...problem(faults(1000)), errors_total: 5000 });
    expect(outcome?.kind).toBe('bad');
    expect(outcome?.kind === 'bad' && [outcome.errors.length, outcome.total]).toEqual([1000, 5000]);
  });

  it('counts the errors listed when the server gave no total', async () => {
    const outcome = await refusedWith(problem(faults(3)));
    expect(outcome?.kind === 'bad' && [outcome.errors.length, outcome.total]).toEqual([3, 3]);
  });
});
