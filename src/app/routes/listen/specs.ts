import type { TownProfile } from '../../../core/profile/schema';
import { attendanceSchema } from '../../../core/records/attendance';
import { eventSchema } from '../../../core/records/event';
import { feedbackSchema } from '../../../core/records/feedback';
import type { RecordSpec } from '../../../core/records/spec';

/**
 * The specs (kind, version, core schema) the field screens save with. Built once per profile: a worker
 * saves many points in a row, and building a schema is not free.
 */
const cache = new WeakMap<TownProfile, { event: RecordSpec<'event'>; feedback: RecordSpec<'feedback'>; attendance: RecordSpec<'attendance'> }>();

export function fieldSpecs(profile: TownProfile) {
  let specs = cache.get(profile);
  if (!specs) {
    specs = {
      event: { kind: 'event', schemaVersion: 1, schema: eventSchema(profile) },
      feedback: { kind: 'feedback', schemaVersion: 1, schema: feedbackSchema(profile) },
      attendance: { kind: 'attendance', schemaVersion: 1, schema: attendanceSchema(profile) },
    };
    cache.set(profile, specs);
  }
  return specs;
}
