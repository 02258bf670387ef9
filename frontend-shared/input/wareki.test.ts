import { eras, parseBirthDate, parseDate, toWareki } from './wareki';

const TODAY = '2026-11-22';

function iso(text: string): string | null {
  const date = parseDate(text);
  if (!date) return null;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

describe('a birth date typed in 西暦', () => {
  it('is read in the usual shapes, full width included', () => {
    for (const text of [
      '1950-04-01',
      '1950/4/1',
      '19500401',
      '１９５０年４月１日',
      ' 1950.04.01 ',
      '１９５０－０４－０１',
    ]) {
      expect(iso(text), text).toBe('1950-04-01');
    }
  });

  it('is refused when the day does not exist or the year is too short to tell', () => {
    expect(iso('2023-02-29')).toBeNull();
    expect(iso('2024-02-29')).toBe('2024-02-29');
    expect(iso('1950-02-30')).toBeNull();
    expect(iso('1950-13-01')).toBeNull();
    expect(iso('19501301')).toBeNull();
    expect(iso('25/4/1')).toBeNull();
    expect(iso('1950/4')).toBeNull();
    expect(iso('そのうち')).toBeNull();
  });
});

describe('a birth date typed in 和暦', () => {
  it('is read with the era name, its letter or 元年', () => {
    expect(iso('昭和25年4月1日')).toBe('1950-04-01');
    expect(iso('S25.4.1')).toBe('1950-04-01');
    expect(iso('s25/4/1')).toBe('1950-04-01');
    expect(iso('平成元年1月8日')).toBe('1989-01-08');
    expect(iso('令和元年5月1日')).toBe('2019-05-01');
    expect(iso('大正15年12月24日')).toBe('1926-12-24');
    expect(iso('明治45年7月29日')).toBe('1912-07-29');
  });

  it('is read with full-width digits and letters', () => {
    expect(iso('昭和２５年４月１日')).toBe('1950-04-01');
    expect(iso('ｓ２５．４．１')).toBe('1950-04-01');
    expect(iso('Ｈ元．１．８')).toBe('1989-01-08');
  });

  it('is refused on a day its era did not cover', () => {
    expect(iso('昭和64年1月7日')).toBe('1989-01-07');
    expect(iso('昭和64年1月8日'), 'that day was 平成元年').toBeNull();
    expect(iso('平成31年4月30日')).toBe('2019-04-30');
    expect(iso('平成31年5月1日'), 'that day was 令和元年').toBeNull();
    expect(iso('平成32年1月1日'), '平成 had ended').toBeNull();
    expect(iso('昭和0年1月1日')).toBeNull();
    expect(iso('大正15年12月25日')).toBeNull();
  });

  it('is refused when it is not a whole date', () => {
    expect(iso('昭和25年4月')).toBeNull();
    expect(iso('昭和25年2月30日')).toBeNull();
  });
});

describe('a birth date as the form checks it', () => {
  it('is a date in the past, given as YYYY-MM-DD', () => {
    expect(parseBirthDate('昭和25年4月1日', TODAY)).toEqual({ ok: true, iso: '1950-04-01' });
    expect(parseBirthDate('2026-11-22', TODAY)).toEqual({ ok: true, iso: '2026-11-22' });
  });

  it('is refused in the future or before 1900', () => {
    expect(parseBirthDate('2026-11-23', TODAY)).toEqual({ ok: false, code: 'birth_date.out_of_range' });
    expect(parseBirthDate('1899-12-31', TODAY)).toEqual({ ok: false, code: 'birth_date.out_of_range' });
    expect(parseBirthDate('令和9年1月1日', TODAY)).toEqual({ ok: false, code: 'birth_date.out_of_range' });
    expect(parseBirthDate('00000101', TODAY)).toEqual({ ok: false, code: 'birth_date.out_of_range' });
  });

  it('names the fault: missing, not a date, or not a possible birth date', () => {
    expect(parseBirthDate('　', TODAY)).toEqual({ ok: false, code: 'validation.required' });
    expect(parseBirthDate('昭和64年2月1日', TODAY)).toEqual({ ok: false, code: 'birth_date.invalid' });
    expect(parseBirthDate('平成32年1月1日', TODAY)).toEqual({ ok: false, code: 'birth_date.invalid' });
  });

  it('takes today from a Date in the browser time zone', () => {
    const today = new Date(2026, 10, 22, 23, 59);
    expect(parseBirthDate('2026-11-22', today).ok).toBe(true);
    expect(parseBirthDate('2026-11-23', today)).toEqual({ ok: false, code: 'birth_date.out_of_range' });
  });
});

describe('the date shown back in 和暦', () => {
  it('is written with its era, 元年 for the first year', () => {
    expect(toWareki('1950-04-01')).toBe('昭和25年4月1日');
    expect(toWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(toWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('2026-11-22')).toBe('令和8年11月22日');
    expect(toWareki('1912-07-30')).toBe('大正元年7月30日');
  });

  it('reads back as the same date', () => {
    for (const date of ['1900-01-01', '1926-12-25', '1968-02-29', '2000-12-31']) {
      expect(iso(toWareki(date)), date).toBe(date);
    }
  });

  it('falls back when there is no era or no date', () => {
    expect(toWareki('1868-01-24')).toBe('1868年1月24日');
    expect(toWareki('not a date')).toBe('not a date');
  });
});

describe('the eras for a 和暦 picker', () => {
  it('are the five modern ones, oldest first, each with its first day', () => {
    expect(eras.map((era) => `${era.name}${era.start}`)).toEqual([
      '明治1868-01-25',
      '大正1912-07-30',
      '昭和1926-12-25',
      '平成1989-01-08',
      '令和2019-05-01',
    ]);
  });

  it('each start on their 元年', () => {
    for (const era of eras) expect(toWareki(era.start)).toMatch(new RegExp(`^${era.name}元年`));
  });
});

// As the staff SPA wrote birth dates (formatWareki) before both shared toWareki.
describe('a birth date as clerks read it', () => {
  it('is written in its era', () => {
    expect(toWareki('1975-04-01')).toBe('昭和50年4月1日');
    expect(toWareki('2001-03-15')).toBe('平成13年3月15日');
    expect(toWareki('2020-12-31')).toBe('令和2年12月31日');
    expect(toWareki('1920-01-01')).toBe('大正9年1月1日');
  });

  it('calls the first year of an era 元年, from the era’s first day', () => {
    expect(toWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(toWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(toWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('1926-12-25')).toBe('昭和元年12月25日');
  });

  it('leaves what is not a date alone', () => {
    expect(toWareki('1975-02-30')).toBe('1975-02-30');
    expect(toWareki('1850-01-01')).toBe('1850年1月1日');
  });
});
