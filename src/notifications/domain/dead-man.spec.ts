import { currentSession, silenceAlarm } from './dead-man';

const session = { start: '09:30', end: '16:00', days: [1, 2, 3, 4, 5], timeZone: 'America/New_York' };
// Wednesday 2026-12-02, New York is UTC-5
const at = (hhmm: string, day = '02') => new Date(`2026-12-${day}T${hhmm}:00-05:00`);

describe('dead-man', () => {
  it('is quiet outside the session hours and on days off', () => {
    expect(silenceAlarm(at('09:29'), null, 30, session)).toBeNull();
    expect(silenceAlarm(at('16:00'), null, 30, session)).toBeNull();
    expect(silenceAlarm(at('12:00', '05'), null, 30, session)).toBeNull(); // Saturday
  });

  it('counts the silence from the session start when the last alert came before it', () => {
    expect(silenceAlarm(at('09:59'), at('08:00'), 30, session)).toBeNull();
    const alarm = silenceAlarm(at('10:00'), at('08:00'), 30, session);
    expect(alarm).toEqual({ silentSince: at('09:30'), key: `heartbeat:${at('09:30').toISOString()}` });
  });

  it('one alarm per silence: the same key until a new alert', () => {
    const first = silenceAlarm(at('11:00'), at('10:00'), 30, session);
    expect(silenceAlarm(at('12:00'), at('10:00'), 30, session)!.key).toBe(first!.key);
    expect(silenceAlarm(at('12:00'), at('11:45'), 30, session)).toBeNull();
  });

  it('a session crossing midnight belongs to the day it starts', () => {
    const night = { start: '18:00', end: '17:00', days: [7, 1, 2, 3, 4], timeZone: 'America/New_York' };
    expect(currentSession(at('02:00'), night)).toEqual({ start: at('18:00', '01'), end: at('17:00') });
    expect(currentSession(at('17:30'), night)).toBeNull();
  });

  it('is off at 0 minutes', () => {
    expect(silenceAlarm(at('12:00'), null, 0, session)).toBeNull();
  });
});
