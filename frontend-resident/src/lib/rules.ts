// The municipality's booking window and deadline in the words a resident would use:
// "14日前から2日前まで". The API gives moments as days before the visit at a time of day;
// midnight at the start of a day is said as the end of the day before, which is how
// people count ("2日前まで"), not "1日前の0時まで".

export interface DaysBefore {
  days_before: number;
  at: string;
}

function clock(at: string): string {
  const [h = '0', m = '00'] = at.split(':');
  return m === '00' ? `${Number(h)}時` : `${Number(h)}時${m}分`;
}

function dayWord(days: number): string {
  if (days <= 0) return '当日';
  if (days === 1) return '前日';
  return `${days}日前`;
}

/** When bookings for a day open: "14日前から", "前日の9時から". */
export function opensText(opens: DaysBefore): string {
  return opens.at === '00:00'
    ? `${dayWord(opens.days_before)}から`
    : `${dayWord(opens.days_before)}の${clock(opens.at)}から`;
}

/** When they close (or the change deadline): "2日前まで", "前日の17時まで". */
export function untilText(until: DaysBefore): string {
  return until.at === '00:00'
    ? `${dayWord(until.days_before + 1)}まで`
    : `${dayWord(until.days_before)}の${clock(until.at)}まで`;
}
