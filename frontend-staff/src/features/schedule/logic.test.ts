import { describe, expect, it } from 'vitest';
import {
  affectedBookings,
  dayState,
  draftToPlan,
  formatMoment,
  hasFaults,
  holidaysPerYear,
  momentBefore,
  monthWeeks,
  parseTime,
  planFaults,
  planFromSlots,
  planToDraft,
  shiftMonth,
  slotsOf,
  summarize,
  weekGroups,
  weekdayOf,
  type CalendarDay,
  type DayPlan,
  type PlanDraft,
} from './logic';
import { draftToRules, rulesFaults, rulesToDraft } from './rules';

const draft = (bands: [string, string][], slotMinutes = '30', places = '6'): PlanDraft => ({
  open: true,
  bands: bands.map(([start, end]) => ({ start, end })),
  slotMinutes,
  places,
});
const WEEKDAY: DayPlan = { bands: ['08:30-17:15'], slot_minutes: 30, places: 6 };
const WEEK = [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, null, null];

describe('times and bands', () => {
  it('reads times as clerks type them', () => {
    expect(parseTime('8:30')).toBe(510);
    expect(parseTime('08:30')).toBe(510);
    expect(parseTime('１７：１５')).toBe(1035);
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('9時')).toBeNull();
  });

  it('accepts a day with a lunch break and sends sorted bands', () => {
    const lunch = draft([
      ['13:00', '17:15'],
      ['8:30', '12:00'],
    ]);
    expect(hasFaults(planFaults(lunch))).toBe(false);
    expect(draftToPlan(lunch)).toEqual({ bands: ['08:30-12:00', '13:00-17:15'], slot_minutes: 30, places: 6 });
  });

  it('names each faulty band: missing, unreadable, reversed, overlapping', () => {
    const faults = planFaults(
      draft([
        ['08:30', '12:00'],
        ['', '13:00'],
        ['14:00', '13:00'],
        ['11:00', '12:30'],
        ['9時', '10:00'],
      ]),
    );
    expect(faults.bands).toEqual({ 1: 'required', 2: 'reversed', 3: 'overlap', 4: 'time' });
  });

  it('checks the slot length and the places', () => {
    expect(planFaults(draft([['09:00', '12:00']], '4', '1000'))).toMatchObject({
      slotMinutes: 'range',
      places: 'range',
    });
    expect(planFaults(draft([['09:00', '12:00']], '', '2.5'))).toMatchObject({
      slotMinutes: 'required',
      places: 'number',
    });
    expect(planFaults(draft([['09:00', '12:00']], '240', '0'))).toEqual({ bands: {} });
    expect(planFaults({ ...draft([]), open: true }).noBands).toBe(true);
    expect(hasFaults(planFaults({ ...draft([['x', 'y']]), open: false }))).toBe(false);
  });

  it('cuts bands into whole slots, as the server does', () => {
    const plan: DayPlan = { bands: ['08:30-12:00', '13:00-17:15'], slot_minutes: 30, places: 6 };
    expect(slotsOf(plan)).toHaveLength(7 + 8);
    expect(summarize(plan)).toEqual({ slots: 15, placesPerDay: 90, unused: 15 });
  });

  it('round-trips a plan through the editor', () => {
    expect(draftToPlan(planToDraft(WEEKDAY))).toEqual(WEEKDAY);
    expect(planToDraft(null).open).toBe(false);
  });

  it('groups equal weekdays for the overview', () => {
    expect(weekGroups(WEEK).map((g) => g.days)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6],
    ]);
  });
});

describe('the month calendar', () => {
  it('lays out a month Monday first', () => {
    const weeks = monthWeeks({ year: 2026, month: 3 });
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks[weeks.length - 1]?.[1]).toBe('2026-03-31');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('knows weekdays and months', () => {
    expect(weekdayOf('2026-03-02')).toBe(0);
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });

  const slots = (date: string, times: [string, string][], places = 6) =>
    times.map(([s, e]) => ({
      start: `${date}T${s}:00+09:00`,
      end: `${date}T${e}:00+09:00`,
      places,
      booked: 0,
      remaining: places,
      checked_in: 0,
      held: 0,
    }));
  const day = (date: string, extra: Partial<CalendarDay>): CalendarDay => ({
    date,
    slots: [],
    unscheduled_booked: 0,
    ...extra,
  });

  it('tells a weekday as the week says from one with its own hours', () => {
    const weekly = day('2026-03-02', {
      slots: slotsOf(WEEKDAY).map((s) => ({
        start: `2026-03-02T${String(Math.floor(s.start / 60)).padStart(2, '0')}:${String(s.start % 60).padStart(2, '0')}:00+09:00`,
        end: '',
        places: 6,
        booked: 1,
        remaining: 5,
        checked_in: 0,
        held: 0,
      })),
    });
    weekly.slots = weekly.slots.map((s, i) => ({
      ...s,
      end: weekly.slots[i + 1]?.start ?? '2026-03-02T17:00:00+09:00',
    }));
    expect(dayState(weekly, WEEK, new Set())).toMatchObject({ kind: 'weekly', override: false, booked: 17 });
    const fewer = day('2026-03-03', {
      slots: slots(
        '2026-03-03',
        [
          ['09:00', '10:00'],
          ['10:00', '11:00'],
        ],
        2,
      ),
    });
    expect(dayState(fewer, WEEK, new Set())).toMatchObject({
      kind: 'open',
      override: true,
      plan: { bands: ['09:00-11:00'], slot_minutes: 60, places: 2 },
    });
  });

  it('shows an opened Saturday, closures, holidays and the year end', () => {
    const saturday = day('2026-03-07', { slots: slots('2026-03-07', [['09:00', '10:00']], 2) });
    expect(dayState(saturday, WEEK, new Set()).kind).toBe('open');
    expect(dayState(day('2026-03-08', { closed: 'weekly' }), WEEK, new Set()).kind).toBe('weeklyClosed');
    expect(dayState(day('2026-03-20', { closed: 'holiday', closed_name: '春分の日' }), WEEK, new Set())).toMatchObject({
      kind: 'holiday',
      name: '春分の日',
      override: false,
    });
    expect(dayState(day('2026-12-29', { closed: 'year_end' }), WEEK, new Set()).kind).toBe('yearEnd');
    expect(dayState(day('2026-03-04', { closed: 'closure', closed_name: '点検' }), WEEK, new Set()).kind).toBe(
      'closed',
    );
    expect(
      dayState(day('2026-03-04', { closed: 'closure', closed_name: '点検' }), WEEK, new Set(['2026-03-04'])).kind,
    ).toBe('closure');
  });

  it('rebuilds bands from slots around a lunch break', () => {
    const plan = planFromSlots(
      slots('2026-03-03', [
        ['08:30', '09:00'],
        ['09:00', '09:30'],
        ['13:00', '13:30'],
      ]),
    );
    expect(plan).toEqual({ bands: ['08:30-09:30', '13:00-13:30'], slot_minutes: 30, places: 6 });
  });
});

describe('refused changes', () => {
  it('reads the bookings a refusal names', () => {
    const errors = [
      { field: 'bookings', code: 'schedule.affected_booking', message: 'R7K2M9 2026-03-16 10:00' },
      { field: 'bookings', code: 'schedule.affected_booking', message: 'X 2026-03-16 9:00' },
      { field: 'name', code: 'validation.required', message: 'this field is required' },
    ];
    expect(affectedBookings(errors)).toEqual([
      { number: 'R7K2M9', date: '2026-03-16', time: '10:00' },
      { number: 'X', date: '2026-03-16', time: '9:00' },
    ]);
  });
});

describe('booking rules', () => {
  const rules = {
    opens_days_before: 14,
    opens_at: '00:00',
    closes_days_before: 1,
    closes_at: '00:00',
    change_days_before: 1,
    change_at: '00:00',
    hold_minutes: 10,
    hold_share_percent: 10,
    pii_free: false,
    ledger_check: false,
    reminder_days_before: null,
    retention_days: 90,
    first_date: null,
    last_date: null,
  };

  it('round-trips the rules', () => {
    expect(draftToRules(rulesToDraft(rules))).toEqual(rules);
    expect(rulesFaults(rulesToDraft(rules))).toEqual({});
  });

  it('sends the retention period and reads it back', () => {
    const draft = rulesToDraft({ ...rules, retention_days: 30 });
    expect(draft.retentionDays).toBe('30');
    const body = draftToRules({ ...draft, retentionDays: '365' });
    expect(body.retention_days).toBe(365);
    expect(rulesToDraft(body).retentionDays).toBe('365');
    expect(rulesFaults({ ...draft, retentionDays: '3651' }).retention_days).toBe('retention');
  });

  it('names every fault as the API would', () => {
    const bad = {
      ...rulesToDraft(rules),
      opensDays: '1',
      closesDays: '3',
      changeAt: '25:00',
      hold: '0',
      holdShare: '101',
      reminder: true,
      reminderDays: '15',
      retentionDays: '6',
      firstDate: '2026-04-01',
      lastDate: '2026-03-01',
    };
    expect(Object.keys(rulesFaults(bad)).sort()).toEqual([
      'change_at',
      'closes',
      'hold_minutes',
      'hold_share_percent',
      'last_date',
      'reminder_days_before',
      'retention_days',
    ]);
    expect(
      rulesFaults({ ...rulesToDraft(rules), opensDays: '1', opensAt: '09:00', closesDays: '1', closesAt: '09:00' })
        .closes,
    ).toBe('reversed');
  });

  it('says when the window opens and closes, in words', () => {
    expect(formatMoment(momentBefore('2026-03-20', 14, '00:00'))).toBe('3月6日（金） 0:00');
    expect(formatMoment(momentBefore('2026-03-01', 1, '17:00'))).toBe('2月28日（土） 17:00');
  });
});

describe('holiday import', () => {
  it('counts holidays per year in a CP932 file', () => {
    // 元日 in Shift_JIS: 0x8C 0xB3 0x93 0xFA
    const bytes = new Uint8Array([
      ...[0x8d, 0x91, 0x96, 0xaf, 0x2c, 0x96, 0xbc, 0x0d, 0x0a],
      ...new TextEncoder().encode('2026/1/1,'),
      0x8c,
      0xb3,
      0x93,
      0xfa,
      0x0d,
      0x0a,
      ...new TextEncoder().encode('2026/1/12,x\r\n2027/1/1,y\r\nbad line\r\n'),
    ]);
    expect([...holidaysPerYear(bytes)]).toEqual([
      [2026, 2],
      [2027, 1],
    ]);
  });
});
