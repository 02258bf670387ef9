// A reissued password as the clerk reads it out on the phone: in groups of five, so that
// neither side loses their place in ten characters. The groups are only for the eye;
// what is copied stays the plain password, which is what the resident types.

/** The size of a group read out in one breath. */
export const GROUP = 5;

/** `7KQ3MXCW4A` → `['7KQ3M', 'XCW4A']`; a shorter (older) password makes fewer groups. */
export function passwordGroups(password: string): string[] {
  const chars = [...password.trim()];
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP).join(''));
  return groups;
}
