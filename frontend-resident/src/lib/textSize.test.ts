import { afterEach, describe, expect, it } from 'vitest';
import { applyTextSize, chooseTextSize, storedTextSize } from './textSize';

afterEach(() => {
  window.localStorage.clear();
  applyTextSize('standard');
});

describe('the text size a resident chooses', () => {
  it('is standard until one is chosen', () => {
    expect(storedTextSize()).toBe('standard');
    expect(document.documentElement.dataset.textSize).toBeUndefined();
  });

  it('is set on the root element and remembered for the next visit', () => {
    chooseTextSize('xlarge');
    expect(document.documentElement.dataset.textSize).toBe('xlarge');
    expect(storedTextSize()).toBe('xlarge');
    chooseTextSize('standard');
    expect(document.documentElement.dataset.textSize).toBeUndefined();
    expect(storedTextSize()).toBe('standard');
  });

  it('ignores a stored value it does not know', () => {
    window.localStorage.setItem('madoguchi.text-size', '<huge>');
    expect(storedTextSize()).toBe('standard');
  });
});
