import { describe, expect, it } from 'vitest';
import { t } from '../../i18n/t';
import { insertAt, MAIL_KINDS } from './MailTemplatesPage';
import { moved } from './NoticesPage';
import {
  apiFieldMessage,
  apiFieldMessages,
  checkLogoFile,
  contactPhone,
  noticeBody,
  parseWhole,
  placeholdersIn,
  requiredPlaceholders,
  settingsPatch,
  validateEmail,
  validateNotice,
  validateSettings,
  validateTemplate,
  type SettingsForm,
} from './validation';

const good: SettingsForm = {
  service_name: 'デモ市 マイナンバーカード窓口予約',
  session_timeout_minutes: '480',
  idle_timeout_minutes: '30',
  lockout_threshold: '5',
  lockout_minutes: '15',
  password_min_length: '12',
  password_min_classes: '3',
  contact_phone: '',
  contact_hours: '',
};

describe('general settings', () => {
  it('accepts the defaults and builds the PATCH body with the version', () => {
    expect(validateSettings(good)).toEqual({});
    expect(settingsPatch({ ...good, lockout_threshold: '３', lockout_minutes: '３０' }, 7)).toEqual({
      service_name: 'デモ市 マイナンバーカード窓口予約',
      session_timeout_minutes: 480,
      idle_timeout_minutes: 30,
      lockout_threshold: 3,
      lockout_minutes: 30,
      password_min_length: 12,
      password_min_classes: 3,
      contact_phone: '',
      contact_hours: '',
      version: 7,
    });
  });

  it('names every field out of range, with its range', () => {
    const errors = validateSettings({
      ...good,
      service_name: '  ',
      session_timeout_minutes: '2',
      lockout_threshold: '99',
      lockout_minutes: '1441',
      password_min_length: '7',
    });
    expect(errors).toEqual({
      service_name: '入力してください。',
      session_timeout_minutes: '5〜1440 の範囲で入力してください。',
      lockout_threshold: '1〜20 の範囲で入力してください。',
      lockout_minutes: '1〜1440 の範囲で入力してください。',
      password_min_length: '8〜64 の範囲で入力してください。',
    });
    expect(validateSettings({ ...good, lockout_minutes: '0' }).lockout_minutes).toBe(
      '1〜1440 の範囲で入力してください。',
    );
    expect(validateSettings({ ...good, lockout_minutes: '1440' })).toEqual({});
  });

  it('refuses what is not a whole number, and an idle time-out longer than the session', () => {
    expect(validateSettings({ ...good, idle_timeout_minutes: '1.5' }).idle_timeout_minutes).toBe(
      '半角数字（整数）で入力してください。',
    );
    expect(validateSettings({ ...good, lockout_threshold: '' }).lockout_threshold).toBe('入力してください。');
    expect(validateSettings({ ...good, session_timeout_minutes: '60', idle_timeout_minutes: '90' })).toEqual({
      idle_timeout_minutes: 'ログインの最長時間以下にしてください。',
    });
    expect(validateSettings({ ...good, service_name: 'あ'.repeat(101) }).service_name).toBe(
      '100 文字以内で入力してください。',
    );
  });

  it('takes the help line as the municipality writes it, full-width or not, and an empty one clears it', () => {
    expect(contactPhone('０４２２－１２－３４５６')).toBe('0422-12-3456');
    expect(contactPhone(' 0120 123 456 ')).toBe('0120-123-456');
    expect(contactPhone('09012345678')).toBe('09012345678');
    expect(contactPhone('')).toBe('');
    expect(contactPhone('042-12')).toBeUndefined();
    expect(contactPhone('1234567890')).toBeUndefined();
    expect(contactPhone('0422(12)3456')).toBeUndefined();
    const form = { ...good, contact_phone: '０４２２－１２－３４５６', contact_hours: ' 平日 8:30〜17:15 ' };
    expect(validateSettings(form)).toEqual({});
    expect(settingsPatch(form, 1)).toMatchObject({ contact_phone: '0422-12-3456', contact_hours: '平日 8:30〜17:15' });
    expect(validateSettings({ ...good, contact_phone: '042-12', contact_hours: 'あ'.repeat(101) })).toEqual({
      contact_phone:
        '0 から始まる 10〜11 桁の電話番号を入力してください（ハイフンは入れても入れなくてもかまいません）。',
      contact_hours: '100 文字以内で入力してください。',
    });
    expect(apiFieldMessage({ field: 'contact_phone', code: 'phone.invalid', message: '' })).toBe(
      '0 から始まる 10〜11 桁の電話番号を入力してください（ハイフンは入れても入れなくてもかまいません）。',
    );
  });

  it('reads full-width digits', () => {
    expect(parseWhole('１２')).toBe(12);
    expect(parseWhole('-1')).toBeUndefined();
  });
});

describe('the API field errors in words', () => {
  it('gives the range of the field named', () => {
    expect(
      apiFieldMessage({
        field: 'lockout_threshold',
        code: 'validation.out_of_range',
        message: 'lockout_threshold must be between 1 and 20',
      }),
    ).toBe('1〜20 の範囲で入力してください。');
    expect(
      apiFieldMessage({
        field: 'lockout_minutes',
        code: 'validation.out_of_range',
        message: 'lockout_minutes must be between 1 and 1440',
      }),
    ).toBe('1〜1440 の範囲で入力してください。');
    expect(
      apiFieldMessage({ field: 'idle_timeout_minutes', code: 'settings.idle_longer_than_session', message: '' }),
    ).toBe('ログインの最長時間以下にしてください。');
  });

  it('names the placeholder the API refused', () => {
    expect(
      apiFieldMessage({
        field: 'subject',
        code: 'template.unknown_placeholder',
        message: '{nmae} is not a placeholder',
      }),
    ).toBe('{nmae} は使えない差し込み項目です。一覧にある項目を使ってください。');
    expect(
      apiFieldMessage({ field: 'body', code: 'template.missing_placeholder', message: '{password} must appear' }),
    ).toBe('{password} を必ず入れてください。');
  });

  it('keeps the first error of each field', () => {
    const messages = apiFieldMessages([
      { field: 'title', code: 'validation.required', message: '' },
      { field: 'title', code: 'validation.too_long', message: 'at most 200 characters' },
      { field: 'body', code: 'validation.too_long', message: 'at most 5000 characters' },
    ]);
    expect(messages).toEqual({ title: '入力してください。', body: '5000 文字以内で入力してください。' });
  });
});

describe('the logo file', () => {
  it('takes PNG, JPEG and WebP up to 512 KiB', () => {
    expect(checkLogoFile({ type: 'image/png', size: 1024 })).toBeUndefined();
    expect(checkLogoFile({ type: 'image/webp', size: 512 * 1024 })).toBeUndefined();
    expect(checkLogoFile({ type: 'image/svg+xml', size: 100 })).toBe('PNG・JPEG・WebP 形式の画像を選んでください。');
    expect(checkLogoFile({ type: 'image/jpeg', size: 600 * 1024 })).toBe(
      'ファイルが大きすぎます（600 KB）。512 KB 以下にしてください。',
    );
    expect(checkLogoFile({ type: 'image/png', size: 0 })).toBe('ファイルが空です。');
    expect(checkLogoFile(undefined)).toBe('ファイルを選んでください。');
  });
});

describe('notices', () => {
  const form = {
    title: '年末年始の休業',
    body: '<b>12月29日</b>から\r\n休みます',
    publish_from: '',
    publish_until: '',
  };

  it('keeps markup and line breaks as typed and sends Japan time', () => {
    expect(validateNotice(form)).toEqual({});
    expect(noticeBody({ ...form, publish_from: '2026-12-01T09:00' })).toEqual({
      title: '年末年始の休業',
      body: '<b>12月29日</b>から\n休みます',
      publish_from: '2026-12-01T09:00:00+09:00',
      publish_until: null,
    });
  });

  it('needs a title and an end after the start', () => {
    expect(validateNotice({ ...form, title: ' ' }).title).toBe('入力してください。');
    expect(
      validateNotice({ ...form, publish_from: '2026-12-02T09:00', publish_until: '2026-12-02T09:00' }).publish_until,
    ).toBe('公開開始より後の日時にしてください。');
    expect(validateNotice({ ...form, publish_from: '2026-02-30T09:00' }).publish_from).toBe(
      '正しい日時を入力してください。',
    );
    expect(validateNotice({ ...form, title: 'a\u0007b' }).title).toBe('使えない文字（制御文字）が含まれています。');
  });

  it('moves an entry a step and leaves the edges alone', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('mail templates', () => {
  const known = ['service_name', 'reception_number', 'password', 'slot'];

  it('reads placeholders as the API does', () => {
    expect(placeholdersIn('【{service_name}】{slot} {x')).toEqual(['service_name', 'slot']);
  });

  it('refuses an unknown placeholder, the password in the subject, and a missing required one', () => {
    expect(
      validateTemplate('confirmation', { subject: '{service_name}', body: '{reception_number} {password}' }, known),
    ).toEqual({});
    expect(
      validateTemplate('confirmation', { subject: '{nmae} さま', body: '{reception_number} {password}' }, known)
        .subject,
    ).toBe('{nmae} は使えない差し込み項目です。一覧にある項目を使ってください。');
    expect(validateTemplate('confirmation', { subject: '{password}', body: '{reception_number}' }, known).subject).toBe(
      '{password} は件名には入れられません。本文に入れてください。',
    );
    expect(validateTemplate('confirmation', { subject: '予約', body: '{reception_number}' }, known).body).toBe(
      '{password} を必ず入れてください。',
    );
    expect(validateTemplate('reminder', { subject: '予約', body: '{reception_number}' }, known)).toEqual({});
    expect(validateTemplate('reminder', { subject: '', body: '' }, known)).toEqual({
      subject: '入力してください。',
      body: '入力してください。',
    });
  });

  it('asks the password of the mails that carry one: the confirmation and the reissued password', () => {
    expect(requiredPlaceholders('password_reissued')).toEqual(['reception_number', 'password']);
    expect(requiredPlaceholders('change')).toEqual(['reception_number']);
    expect(validateTemplate('password_reissued', { subject: '再発行', body: '{reception_number}' }, known).body).toBe(
      '{password} を必ず入れてください。',
    );
    expect(
      validateTemplate('password_reissued', { subject: '再発行', body: '{reception_number} {password}' }, known),
    ).toEqual({});
    // Every kind the server has is a tab, each with its name.
    expect(MAIL_KINDS).toEqual([
      'confirmation',
      'change',
      'cancellation',
      'reminder',
      'password_reissued',
      'duplicate_attempt',
    ]);
    expect(t('siteSettings.mail.kind.password_reissued')).toBe('パスワード再発行');
    expect(t('siteSettings.mail.kind.duplicate_attempt')).toBe('重複申込のお知らせ');
  });

  it('asks no password of the mail to the holder of a booking someone tried to repeat', () => {
    expect(requiredPlaceholders('duplicate_attempt')).toEqual(['reception_number']);
    expect(validateTemplate('duplicate_attempt', { subject: '重複', body: '{reception_number}' }, known)).toEqual({});
    expect(validateTemplate('duplicate_attempt', { subject: '重複', body: '本文' }, known).body).toBe(
      '{reception_number} を必ず入れてください。',
    );
  });

  it('inserts at the cursor, replacing a selection', () => {
    expect(insertAt('受付番号: ', 6, 6, '{reception_number}')).toEqual({
      value: '受付番号: {reception_number}',
      caret: 24,
    });
    expect(insertAt('abcdef', 2, 4, '{x}')).toEqual({ value: 'ab{x}ef', caret: 5 });
    expect(insertAt('abc', 99, 99, '{x}')).toEqual({ value: 'abc{x}', caret: 6 });
  });

  it('checks the test address', () => {
    expect(validateEmail('clerk@city.example.jp')).toBeUndefined();
    expect(validateEmail('')).toBe('入力してください。');
    expect(validateEmail('clerk@city')).toBe('メールアドレスを正しく入力してください。');
  });
});
