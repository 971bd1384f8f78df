import * as v from 'valibot';
import { OptionalPhone } from './contact';
import { cleanLine } from './text';

/** Staff roles: what each may see is enforced on the server for every endpoint and field. */
export const staffRoles = ['admin', 'analyst', 'coordinator'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const PASSWORD_MIN = 12;

const Email = v.pipe(
  v.string('invalid-type'),
  v.transform((s) => cleanLine(s).toLowerCase()),
  v.minLength(1, 'required'),
  v.maxLength(254, 'too-long'),
  v.email('invalid-email'),
);

export const LoginRequest = v.object({
  email: Email,
  password: v.pipe(v.string('invalid-type'), v.minLength(1, 'required'), v.maxLength(1024, 'too-long')),
  totp: v.optional(v.pipe(v.string('invalid-type'), v.regex(/^\d{6}$/, 'invalid-format'))),
});

/** A new password: long enough here; the server also refuses common and breached-looking ones. */
export const NewPassword = v.pipe(v.string('invalid-type'), v.minLength(PASSWORD_MIN, 'too-short'), v.maxLength(1024, 'too-long'));

export const SetupRequest = v.object({
  token: v.pipe(v.string('invalid-type'), v.minLength(20, 'invalid-format'), v.maxLength(200, 'invalid-format')),
  email: v.optional(Email),
  password: NewPassword,
});

export const InviteStaffRequest = v.object({ email: Email, role: v.picklist(staffRoles, 'invalid-choice') });

export const UpdateStaffRequest = v.object({
  role: v.optional(v.picklist(staffRoles, 'invalid-choice')),
  disabled: v.optional(v.boolean('invalid-type')),
});

export const TotpCode = v.object({ code: v.pipe(v.string('invalid-type'), v.regex(/^\d{6}$/, 'invalid-format')) });

export const DeviceInviteRequest = v.object({
  name: v.pipe(v.string('invalid-type'), v.transform(cleanLine), v.minLength(1, 'required'), v.maxLength(120, 'too-long')),
});

export const EnrolRequest = v.object({
  code: v.pipe(v.string('invalid-type'), v.minLength(20, 'invalid-format'), v.maxLength(200, 'invalid-format')),
});

export const ModerationDecision = v.object({ decision: v.picklist(['approve', 'reject'], 'invalid-choice') });

/** A calendar day that exists (no 31 February). */
const Day = v.pipe(
  v.string('invalid-type'),
  v.isoDate('invalid-format'),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'invalid-format'),
);
/** Filters for reports and exports: dates are inclusive days (YYYY-MM-DD), ward a profile ward id. */
export const ReportFilter = v.object({
  from: v.optional(Day),
  to: v.optional(Day),
  ward: v.optional(v.pipe(v.string('invalid-type'), v.maxLength(40, 'too-long'), v.regex(/^[a-z0-9-]+$/, 'invalid-choice'))),
});
export type ReportFilter = v.InferOutput<typeof ReportFilter>;

/**
 * Whose rights: an email address, a phone number (any way it is written, normalised as sign-ups store it),
 * or both. Pledges hold only emails; panel sign-ups may hold only a phone.
 */
export const RightsRequest = v.pipe(
  v.object({
    email: v.optional(
      v.pipe(
        v.string('invalid-type'),
        v.transform((s) => cleanLine(s).toLowerCase()),
        v.transform((s) => (s === '' ? undefined : s)),
        v.optional(v.pipe(v.string(), v.maxLength(254, 'too-long'), v.email('invalid-email'))),
      ),
    ),
    phone: OptionalPhone,
  }),
  v.forward(
    v.check((r) => r.email !== undefined || r.phone !== undefined, 'contact-required'),
    ['email'],
  ),
);
export type RightsRequest = v.InferOutput<typeof RightsRequest>;

/** The PIN a worker sets on an enrolled tablet (guards leaving kiosk mode): 4 to 8 digits, typed twice. */
export const DevicePinForm = v.pipe(
  v.object({
    pin: v.pipe(v.string('invalid-type'), v.minLength(1, 'required'), v.regex(/^\d{4,8}$/, 'invalid-format')),
    repeat: v.pipe(v.string('invalid-type'), v.minLength(1, 'required')),
  }),
  v.forward(
    v.check((f) => f.pin === f.repeat, 'pin-mismatch'),
    ['repeat'],
  ),
);
