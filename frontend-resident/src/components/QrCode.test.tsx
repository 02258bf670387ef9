import { render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QrCode, qrModules, qrPath } from './QrCode';

/** The modules drawn as a reader's camera would see them: `scale` pixels each, with a quiet zone of 4. */
function pixels(modules: boolean[][], scale = 4) {
  const side = (modules.length + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy += 1)
        for (let dx = 0; dx < scale; dx += 1) {
          const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
          data.fill(0, at, at + 3);
        }
    }),
  );
  return { data, side };
}

describe('the QR code of a reception number', () => {
  it('holds exactly the ten digits, in the smallest code', () => {
    const modules = qrModules('1234567897');
    expect(modules.length).toBe(21);
    const { data, side } = pixels(modules);
    expect(jsQR(data, side, side)?.data).toBe('1234567897');
  });

  it('draws every dark module and nothing else', () => {
    const modules = [
      [true, true, false],
      [false, true, false],
      [true, false, true],
    ];
    expect(qrPath(modules, 0)).toBe('M0 0h2v1h-2zM1 1h1v1h-1zM0 2h1v1h-1zM2 2h1v1h-1z');
  });

  it('is an image named for what it holds', () => {
    render(<QrCode text="1234567897" label="受付番号 1234567897 のQRコード" />);
    const image = screen.getByRole('img', { name: '受付番号 1234567897 のQRコード' });
    // 21 modules and a quiet zone of 4 on each side.
    expect(image.getAttribute('viewBox')).toBe('0 0 29 29');
    expect(image.querySelector('path')?.getAttribute('d')).toBe(qrPath(qrModules('1234567897')));
  });
});
