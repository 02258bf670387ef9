// Japanese text of this feature, merged into the message table (../../i18n/ja.ts).
// Keys are prefixed with the feature's name so that features never collide.
export const auditJa = {} as const;
