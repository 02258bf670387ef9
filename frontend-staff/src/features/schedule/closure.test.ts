import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { cancelCount, cancelFailure, closureRequest, noticeFault, strandedBookings } from './closure';

const affected = (number: string, when: string) => ({
  field: 'bookings',
  code: 'schedule.affected_booking',
  message: `${number} ${when}`,
});
const refusal = (...errors: ReturnType<typeof affected>[]) =>
  new ApiError(422, 'schedule.strands_bookings', undefined, errors);

describe('emergency closure', () => {
  const refused = refusal(affected('1234567897', '2026-12-02 09:00'), affected('9876543217', '2026-12-02 10:30'));

  it('reads the bookings a refusal to close the day lists', () => {
    expect(strandedBookings(refused)).toEqual([
      { number: '1234567897', date: '2026-12-02', time: '09:00' },
      { number: '9876543217', date: '2026-12-02', time: '10:30' },
    ]);
    // Other refusals offer no cancellation.
    expect(strandedBookings(new ApiError(422, 'validation.failed'))).toBeNull();
    expect(strandedBookings(refusal())).toBeNull();
    expect(strandedBookings(null)).toBeNull();
  });

  it('closes the day and names exactly the bookings shown, each once, with the notice', () => {
    const bookings = strandedBookings(refused)!;
    expect(closureRequest(' 台風 ', '　台風の接近により臨時休業します。\n', [...bookings, bookings[0]!])).toEqual({
      closed: true,
      reason: '台風',
      cancel_bookings: { notice: '台風の接近により臨時休業します。', reception_numbers: ['1234567897', '9876543217'] },
    });
    expect(cancelCount([...bookings, bookings[1]!])).toBe(2);
  });

  it('asks for a notice of at most 500 characters', () => {
    expect(noticeFault(' \n　')).toBe('required');
    expect(noticeFault('あ'.repeat(500))).toBeNull();
    expect(noticeFault('𠮷'.repeat(500))).toBeNull();
    expect(noticeFault('あ'.repeat(501))).toBe('too_long');
  });

  it('shows a new list when the day’s bookings changed meanwhile, the notice’s error beside it', () => {
    expect(cancelFailure(refusal(affected('5555555555', '2026-12-02 11:00')))).toEqual({
      kind: 'relisted',
      bookings: [{ number: '5555555555', date: '2026-12-02', time: '11:00' }],
    });
    const notice = new ApiError(422, 'validation.failed', undefined, [
      { field: 'cancel_bookings.notice', code: 'validation.too_long', message: '' },
    ]);
    expect(cancelFailure(notice)).toEqual({ kind: 'notice', code: 'validation.too_long' });
    expect(cancelFailure(new ApiError(409, 'booking.changed_meanwhile'))).toEqual({
      kind: 'failed',
      code: 'booking.changed_meanwhile',
    });
    expect(cancelFailure(new ApiError(0, 'network'))).toEqual({ kind: 'failed', code: 'network' });
  });
});
