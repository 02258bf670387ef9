import { describe, expect, it } from 'vitest';
import { fullClass, fullText, slotTimes, summarise, total, type CalendarView } from './calendar';
import { stepDate, viewRange, closedLabel } from './CalendarPanel';
import { daySummary } from './dayList';

const slot = (
  date: string,
  time: string,
  end: string,
  places: number,
  booked: number,
  remaining: number,
  checkedIn = 0,
  held = 0,
) => ({
  start: `${date}T${time}:00+09:00`,
  end: `${date}T${end}:00+09:00`,
  places,
  booked,
  remaining,
  checked_in: checkedIn,
  held,
});

const view: CalendarView = {
  location_id: 'loc',
  pools: [
    {
      pool_id: 'p1',
      name: '窓口',
      procedure_ids: [],
      days: [
        {
          date: '2026-12-02',
          slots: [slot('2026-12-02', '09:00', '09:30', 6, 2, 4, 1), slot('2026-12-02', '08:30', '09:00', 6, 0, 6)],
          unscheduled_booked: 1,
        },
        { date: '2026-12-05', closed: 'weekly', closed_name: null, slots: [], unscheduled_booked: 0 },
        { date: '2026-12-07', closed: 'closure', closed_name: '庁舎点検', slots: [], unscheduled_booked: 0 },
      ],
    },
    {
      pool_id: 'p2',
      name: '第2窓口',
      procedure_ids: [],
      days: [
        { date: '2026-12-02', slots: [slot('2026-12-02', '09:00', '09:30', 4, 4, 0, 2)], unscheduled_booked: 0 },
        { date: '2026-12-05', closed: 'weekly', closed_name: null, slots: [], unscheduled_booked: 0 },
        { date: '2026-12-07', slots: [slot('2026-12-07', '10:00', '10:30', 4, 1, 3)], unscheduled_booked: 0 },
      ],
    },
  ],
};

describe('summarise', () => {
  const days = summarise(view);

  it('sums the pools of a day and lines their slots up by time', () => {
    const day = days.get('2026-12-02');
    expect(day).toMatchObject({ places: 16, booked: 6, remaining: 10, checkedIn: 3, unscheduled: 1, closed: null });
    expect(day?.slots.map((s) => [s.time, s.places, s.booked, s.remaining, s.checkedIn])).toEqual([
      ['08:30', 6, 0, 6, 0],
      ['09:00', 10, 6, 4, 3],
    ]);
  });

  it('marks a day closed only when no counter opens, with the reason', () => {
    expect(days.get('2026-12-05')?.closed).toEqual({ kind: 'weekly', name: null });
    const half = days.get('2026-12-07');
    expect(half?.closed).toBeNull();
    expect(half?.booked).toBe(1);
  });

  it('answers nothing for no calendar', () => {
    expect(summarise(undefined).size).toBe(0);
  });

  it('gives the week grid its rows and a total', () => {
    const list = ['2026-12-02', '2026-12-05', '2026-12-07'].map((d) => days.get(d));
    expect(slotTimes(list).map((s) => `${s.time}-${s.endTime}`)).toEqual(['08:30-09:00', '09:00-09:30', '10:00-10:30']);
    expect(total(list)).toEqual({ places: 20, booked: 7, remaining: 13, held: 0, checkedIn: 3 });
  });
});

describe('places held by residents filling in the form', () => {
  // 6 places: 5 booked and the last one held by a resident still typing.
  const held: CalendarView = {
    location_id: 'loc',
    pools: [
      {
        pool_id: 'p1',
        name: '窓口',
        procedure_ids: [],
        days: [
          {
            date: '2026-12-02',
            slots: [slot('2026-12-02', '09:00', '09:30', 6, 5, 0, 0, 1), slot('2026-12-02', '09:30', '10:00', 6, 6, 0)],
            unscheduled_booked: 0,
          },
        ],
      },
    ],
  };

  it('counts the held places per slot and per day', () => {
    const day = summarise(held).get('2026-12-02');
    expect(day).toMatchObject({ places: 12, booked: 11, remaining: 0, held: 1 });
    expect(day?.slots.map((s) => [s.time, s.remaining, s.held])).toEqual([
      ['09:00', 0, 1],
      ['09:30', 0, 0],
    ]);
  });

  it('says a slot with held places is held, not full', () => {
    const [first, second] = summarise(held).get('2026-12-02')!.slots;
    expect(fullText(first!.held)).toBe('残り0（仮押さえ1）');
    expect(fullClass(first!)).toBe('bookings-held');
    expect(fullText(second!.held)).toBe('満員');
    expect(fullClass(second!)).toBe('bookings-full');
    expect(fullClass({ remaining: 2, held: 1 })).toBeUndefined();
  });
});

describe('views', () => {
  it('asks the API for the days each view shows, Monday to Sunday', () => {
    expect(viewRange('month', '2026-12-17')).toEqual(['2026-11-30', '2027-01-03']);
    expect(viewRange('week', '2026-12-02')).toEqual(['2026-11-30', '2026-12-06']);
    // A Sunday is the last day of its week, not the first of the next.
    expect(viewRange('week', '2026-12-06')).toEqual(['2026-11-30', '2026-12-06']);
    expect(viewRange('day', '2026-12-02')).toEqual(['2026-12-02', '2026-12-02']);
  });

  it('steps a month to its first day (today in this month), a week or a day', () => {
    const today = '2026-11-23';
    expect(stepDate('month', '2026-11-23', 1, today)).toBe('2026-12-01');
    expect(stepDate('month', '2026-12-01', -1, today)).toBe('2026-11-23');
    expect(stepDate('month', '2026-03-31', -1, today)).toBe('2026-02-01');
    expect(stepDate('month', '2026-12-31', 1, today)).toBe('2027-01-01');
    expect(stepDate('week', '2026-12-02', -1, today)).toBe('2026-11-25');
    expect(stepDate('day', '2026-12-31', 1, today)).toBe('2027-01-01');
  });

  it('names why a day is closed', () => {
    expect(closedLabel({ kind: 'holiday', name: '勤労感謝の日' })).toBe('勤労感謝の日');
    expect(closedLabel({ kind: 'closure', name: '庁舎点検' })).toBe('臨時休業（庁舎点検）');
    expect(closedLabel({ kind: 'weekly', name: null })).toBe('休業日');
    expect(closedLabel({ kind: 'year_end', name: null })).toBe('年末年始');
  });
});

describe('day totals', () => {
  it('counts bookings and people, cancelled aside', () => {
    expect(
      daySummary([
        { status: 'booked', places: 2 },
        { status: 'visited', places: 1 },
        { status: 'cancelled', places: 3 },
        { status: 'no_show', places: 1 },
      ]),
    ).toEqual({ count: 3, people: 4, visited: 1 });
  });
});
