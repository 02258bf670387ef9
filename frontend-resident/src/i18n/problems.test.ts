import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../frontend-shared/api/problem';
import { fieldMessage, problemMessage } from './problems';

describe('a refused request in words', () => {
  it('says how long to wait, in hours once it is more than one', () => {
    expect(problemMessage(new ApiError(429, 'rate_limited', undefined, [], 600))).toContain('10分ほど待ってから');
    expect(problemMessage(new ApiError(429, 'rate_limited', undefined, [], 5 * 3600 + 60))).toContain(
      '6時間ほど待ってから',
    );
  });

  it('names what a card ready for hand-over must match, not the number alone', () => {
    expect(problemMessage(new ApiError(422, 'ledger.not_ready'))).toBe(
      '交付通知書の番号・お名前・生年月日と一致する、お渡しできるカードが見つかりません。交付通知書の記載どおりにご入力ください。',
    );
    expect(fieldMessage('ledger.not_ready')).toContain('番号・お名前・生年月日');
  });

  it('turns down a repeated booking without telling a stranger that the person has one', () => {
    const text = problemMessage(new ApiError(409, 'booking.duplicate'));
    expect(text).toContain('このお申し込みはお受けできませんでした。');
    expect(text).toContain('予約時にお送りしたメールで受付番号をご確認');
    expect(text).not.toContain('すでにお持ちです');
  });
});
