import { describe, expect, it } from 'vitest';
import { addDays, currentStreak, dayStartInstant, isValidTimezone, studyDay, studyDayBounds, studyDayKeyer, zonedToInstant } from './day';

const NY = { timezone: 'America/New_York', dayStartHour: 4 };
const BERLIN = { timezone: 'Europe/Berlin', dayStartHour: 4 };

describe('studyDay', () => {
  it('starts the day at 4 am local time, not midnight', () => {
    // 03:59 and 04:00 New York time on 15 Jan 2026 (UTC-5).
    expect(studyDay(new Date('2026-01-15T08:59:00Z'), NY)).toBe('2026-01-14');
    expect(studyDay(new Date('2026-01-15T09:00:00Z'), NY)).toBe('2026-01-15');
  });

  it('uses the learner timezone, not the server one', () => {
    const instant = new Date('2026-06-01T23:30:00Z');
    expect(studyDay(instant, { timezone: 'UTC', dayStartHour: 4 })).toBe('2026-06-01');
    expect(studyDay(instant, { timezone: 'Asia/Tokyo', dayStartHour: 4 })).toBe('2026-06-02'); // 08:30 JST
    expect(studyDay(instant, { timezone: 'America/Los_Angeles', dayStartHour: 4 })).toBe('2026-06-01'); // 16:30 PDT
  });

  it('honours a day that starts at midnight', () => {
    expect(studyDay(new Date('2026-01-15T05:00:00Z'), { timezone: 'America/New_York', dayStartHour: 0 })).toBe('2026-01-15');
  });
});

describe('daylight-saving changes', () => {
  it('spring forward (New York, 8 Mar 2026): the day that contains the jump is 23 hours long', () => {
    // The study day of 7 Mar runs from 04:00 EST to 04:00 EDT the next morning.
    const { day, start, end } = studyDayBounds(new Date('2026-03-08T06:30:00Z'), NY); // 01:30 EST on 8 Mar
    expect(day).toBe('2026-03-07');
    expect(start.toISOString()).toBe('2026-03-07T09:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
    // 03:30 EDT, after the jump, still belongs to 7 Mar; 04:00 EDT starts 8 Mar.
    expect(studyDay(new Date('2026-03-08T07:30:00Z'), NY)).toBe('2026-03-07');
    expect(studyDay(new Date('2026-03-08T08:00:00Z'), NY)).toBe('2026-03-08');
  });

  it('fall back (Berlin, 25 Oct 2026): the day that contains the change is 25 hours long', () => {
    // Clocks go back from 03:00 CEST to 02:00 CET at 01:00Z; the study day of 24 Oct runs 04:00 CEST -> 04:00 CET.
    const { day, start, end } = studyDayBounds(new Date('2026-10-25T01:30:00Z'), BERLIN); // 02:30 CET
    expect(day).toBe('2026-10-24');
    expect(start.toISOString()).toBe('2026-10-24T02:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(25 * 3_600_000);
  });

  it('a day spanning the New York fall-back is 25 hours long', () => {
    // Clocks go back at 02:00 EDT on 1 Nov 2026; the study day of 31 Oct runs 04:00 EDT -> 04:00 EST.
    const start = dayStartInstant('2026-10-31', NY);
    const end = dayStartInstant('2026-11-01', NY);
    expect(start.toISOString()).toBe('2026-10-31T08:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(25 * 3_600_000);
  });

  it('a day spanning the New York spring-forward is 23 hours long', () => {
    const start = dayStartInstant('2026-03-07', NY);
    const end = dayStartInstant('2026-03-08', NY);
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });

  it('maps a local time inside the spring-forward gap to the first valid instant after it', () => {
    // 02:30 does not exist in New York on 8 Mar 2026.
    expect(zonedToInstant(2026, 3, 8, 2, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});

describe('currentStreak', () => {
  it('counts consecutive days ending today', () => {
    expect(currentStreak(['2026-05-01', '2026-05-02', '2026-05-03'], '2026-05-03')).toBe(3);
  });
  it('stays alive until today ends when the learner studied yesterday', () => {
    expect(currentStreak(['2026-05-01', '2026-05-02'], '2026-05-03')).toBe(2);
  });
  it('breaks on a missed day', () => {
    expect(currentStreak(['2026-05-01', '2026-05-03'], '2026-05-03')).toBe(1);
    expect(currentStreak(['2026-05-01'], '2026-05-03')).toBe(0);
  });
  it('counts across a daylight-saving change using study days', () => {
    const reviews = ['2026-11-01T03:30:00Z', '2026-11-02T03:30:00Z', '2026-11-02T10:00:00Z'].map((t) => studyDay(new Date(t), NY));
    // 23:30 EDT on 31 Oct, 22:30 EST on 1 Nov, 05:00 EST on 2 Nov.
    expect(reviews).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(currentStreak(reviews, '2026-11-02')).toBe(3);
  });
});

describe('helpers', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('validates timezones', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});

describe('studyDayKeyer', () => {
  it('gives every instant the same day as studyDay, across DST changes, odd offsets and day starts, in any order', () => {
    const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Around the 2026 DST changes (March, April, October, November) and in between.
    const from = Date.UTC(2026, 2, 1);
    const span = 280 * 86_400_000;
    for (const timezone of zones) {
      for (const dayStartHour of [0, 1, 2, 3, 4, 23]) {
        const config = { timezone, dayStartHour };
        const keyer = studyDayKeyer(config);
        const instants = Array.from({ length: 400 }, () => new Date(from + Math.floor(rand() * span)));
        // Half in order (the usual case), half shuffled.
        instants.slice(0, 200).sort((a, b) => a.getTime() - b.getTime());
        for (const t of instants) expect(keyer(t), `${timezone} ${dayStartHour} ${t.toISOString()}`).toBe(studyDay(t, config));
        // Each instant around a day boundary, too.
        for (let d = 0; d < 280; d += 7) {
          const start = dayStartInstant(addDays('2026-03-01', d), config).getTime();
          for (const t of [start - 1, start, start + 1]) expect(keyer(new Date(t))).toBe(studyDay(new Date(t), config));
        }
      }
    }
  });
});
