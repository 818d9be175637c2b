import 'server-only';
import type { Db } from '@/lib/db/client';
import { getSettingsRow } from '@/lib/db/settings';
import { studyDay } from '@/lib/srs/day';
import { toStudySettings } from '@/lib/srs/settings';

/** The study day (YYYY-MM-DD) of an instant for this learner: their timezone and day start. */
export async function learnerDay(database: Db, userId: string, instant: Date): Promise<string> {
  return studyDay(instant, toStudySettings(await getSettingsRow(database, userId)).day);
}

/** A date and time in the learner's timezone, for tables. */
export async function learnerDateTime(database: Db, userId: string): Promise<(instant: Date) => string> {
  const tz = toStudySettings(await getSettingsRow(database, userId)).day.timezone;
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  return (d) => f.format(d);
}
