import * as v from 'valibot';
import type { TownProfile } from '../profile/schema';
import { emptyToUndefined, EventId, line, maxVisible } from './fields';

export const ATTENDANCE_LIMITS = { count: 10_000, note: 200 } as const;

/** How many people took part in one session (circle) of an event: a council KPI, summed per event. */
export function attendanceSchema(_profile?: Pick<TownProfile, 'id'>) {
  return v.strictObject({
    eventId: EventId,
    count: v.pipe(
      v.number('invalid-type'),
      v.integer('invalid-format'),
      v.minValue(0, 'invalid-format'),
      v.maxValue(ATTENDANCE_LIMITS.count, 'invalid-format'),
    ),
    note: v.optional(v.pipe(line(), maxVisible(ATTENDANCE_LIMITS.note), emptyToUndefined)),
  });
}
export type Attendance = v.InferOutput<ReturnType<typeof attendanceSchema>>;
