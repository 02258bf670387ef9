import { describe, expect, it } from 'vitest';
import { fieldMessage } from '../i18n/problems';
import { dateFault } from './dateFault';

const message = (typed: string) => {
  const fault = dateFault(typed);
  return fault ? fieldMessage(fault) : null;
};

describe('a date that does not exist', () => {
  it('names the day that is not in the month, however the date is written', () => {
    for (const typed of ['2020/2/30', '２０２０－０２－３０', '20200230', '令和2年2月30日', 'R2.2.30']) {
      expect(message(typed), typed).toBe('2月30日はありません。日付をお確かめください。');
    }
    expect(message('1975/4/31')).toBe('4月31日はありません。日付をお確かめください。');
    expect(message('1950-1-0')).toBe('1月0日はありません。日付をお確かめください。');
  });

  it('knows the leap years: 2月29日 exists in 2000 and 2024, not in 1900 or 2023', () => {
    expect(dateFault('2000/2/29')).toBeNull();
    expect(dateFault('平成12年2月29日')).toBeNull();
    expect(dateFault('2024/2/29')).toBeNull();
    expect(message('1900/2/29')).toBe('2月29日はありません。日付をお確かめください。');
    expect(message('2023/2/29')).toBe('2月29日はありません。日付をお確かめください。');
  });

  it('names a month past December', () => {
    expect(message('1980/13/1')).toBe('13月はありません。月をお確かめください。');
    expect(message('昭和55年0月1日')).toBe('0月はありません。月をお確かめください。');
  });

  it('says when an era had already ended or not yet begun', () => {
    expect(message('昭和64年2月1日')).toBe('昭和64年2月1日はありません。昭和は64年1月7日までです。');
    expect(message('平成32年1月1日')).toBe('平成32年1月1日はありません。平成は31年4月30日までです。');
    expect(message('平成元年1月1日')).toBe('平成元年1月1日はありません。平成は元年1月8日からです。');
    expect(message('令和1年4月1日')).toBe('令和元年4月1日はありません。令和は元年5月1日からです。');
  });

  it('leaves real dates and text that is no date at all to the plain messages', () => {
    for (const typed of ['1975/4/1', '昭和50年4月1日', 'H5.6.7', '', 'あした', '1975/4', '75/4/1']) {
      expect(dateFault(typed), typed).toBeNull();
    }
  });
});
