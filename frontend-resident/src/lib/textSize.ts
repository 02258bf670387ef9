// The resident's chosen text size. Everything on the pages is sized in rem, so the root
// font size scales the whole page, as the browser's own text size does, and the two
// multiply. The choice is no personal data: it is kept in localStorage across visits.

export const TEXT_SIZES = ['standard', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

const KEY = 'madoguchi.text-size';

const isTextSize = (value: unknown): value is TextSize => TEXT_SIZES.includes(value as TextSize);

/** The size chosen on an earlier visit; the standard one when none was, or storage is off. */
export function storedTextSize(): TextSize {
  try {
    const value = window.localStorage.getItem(KEY);
    return isTextSize(value) ? value : 'standard';
  } catch {
    // Storage refused (a private window in some browsers): the standard size.
    return 'standard';
  }
}

/** Shows the pages at `size` (the stylesheet keys the root font size on this attribute). */
export function applyTextSize(size: TextSize): void {
  if (size === 'standard') delete document.documentElement.dataset.textSize;
  else document.documentElement.dataset.textSize = size;
}

/** Applies `size` and remembers it for the next visit, where storage allows. */
export function chooseTextSize(size: TextSize): void {
  applyTextSize(size);
  try {
    window.localStorage.setItem(KEY, size);
  } catch {
    // Not remembered; the pages still change now.
  }
}
