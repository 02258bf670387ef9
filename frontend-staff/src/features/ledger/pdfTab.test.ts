import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPdf } from './pdfTab';

function fakeTab() {
  return { closed: false, close: vi.fn(), location: { href: '' }, document: { title: '', body: { textContent: '' } } };
}

describe('opening a print sheet', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens the tab before the PDF is made, says so there, then shows the PDF in it', async () => {
    const tab = fakeTab();
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf');
    let seenWhileMaking = '';
    const opened = await openPdf(async () => {
      seenWhileMaking = tab.document.body.textContent;
      return new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    }, 'a.pdf');
    expect(opened).toBe('tab');
    expect(seenWhileMaking).toBe('帳票を作成しています…');
    expect(tab.location.href).toBe('blob:pdf');
  });

  it('closes the tab again when there is no PDF, and passes the error on', async () => {
    const tab = fakeTab();
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    await expect(openPdf(() => Promise.reject(new Error('503')), 'a.pdf')).rejects.toThrow('503');
    expect(tab.close).toHaveBeenCalled();
  });

  it('saves the PDF when no tab may be opened', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    expect(await openPdf(() => Promise.resolve(new Blob(['%PDF'])), 'checklist.pdf')).toBe('downloaded');
    expect(click).toHaveBeenCalledOnce();
  });
});
