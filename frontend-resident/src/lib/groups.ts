// Codes read aloud or copied by hand (the booking's password) are shown in groups of five,
// as a phone number is shown in groups: the eye keeps its place in ACDE3 FGH47 far better
// than in ACDE3FGH47. The groups are drawn apart with CSS, not with a space, so that
// copying the code gives exactly the characters to type.

/** `ACDE3FGH47` → `['ACDE3', 'FGH47']`; the last group is shorter when the length is not a multiple. */
export function readingGroups(code: string, size = 5): string[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`group size must be a positive integer, not ${size}`);
  const groups: string[] = [];
  for (let start = 0; start < code.length; start += size) groups.push(code.slice(start, start + size));
  return groups;
}
