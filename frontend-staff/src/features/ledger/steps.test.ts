import { describe, expect, it } from 'vitest';
import { allowedSteps, needsReason, nextStatus } from './steps';

describe('the steps a card is offered', () => {
  it('follows the road from the box to the holder', () => {
    expect(allowedSteps('received', null)).toEqual(['inspect', 'cancel']);
    expect(allowedSteps('inspected', 'ok')).toEqual(['inspect', 'set_up', 'cancel', 'reissue']);
    expect(allowedSteps('set_up', 'ok')).toEqual(['send_notice', 'hand_over', 'cancel', 'reissue']);
    expect(allowedSteps('notice_sent', 'ok')).toEqual(['return_notice', 'hand_over', 'cancel', 'reissue']);
    expect(allowedSteps('notice_returned', 'ok')).toEqual(['send_notice', 'hand_over', 'cancel', 'reissue']);
    expect(allowedSteps('booked', 'ok')).toEqual(['hand_over', 'cancel']);
    expect(allowedSteps('handed_over', 'ok')).toEqual(['abolish']);
  });

  it('sends a card that failed inspection off the road', () => {
    expect(allowedSteps('inspected', 'deceased')).toEqual(['inspect', 'cancel', 'reissue', 'abolish']);
    expect(nextStatus('inspected', 'defect', 'set_up')).toBeNull();
    expect(nextStatus('inspected', 'ok', 'abolish')).toBeNull();
  });

  it('ends side exits in disposal, and a disposed card takes nothing', () => {
    expect(allowedSteps('cancelled', 'ok')).toEqual(['reissue', 'abolish', 'dispose']);
    expect(allowedSteps('reissued', 'defect')).toEqual(['dispose']);
    expect(allowedSteps('abolished', 'moved_out')).toEqual(['dispose']);
    expect(allowedSteps('disposed', 'ok')).toEqual([]);
  });

  it('asks a reason for 取りやめ, 廃止 and 廃棄 only', () => {
    expect(
      [
        'inspect',
        'set_up',
        'send_notice',
        'return_notice',
        'hand_over',
        'cancel',
        'reissue',
        'abolish',
        'dispose',
      ].filter((s) => needsReason(s as never)),
    ).toEqual(['cancel', 'abolish', 'dispose']);
  });
});
