import type { Context } from 'hono';
import type { StaffRole } from '../../../core/staff';
import type { StaffUser } from '../../staff/sessions';

/**
 * One staff endpoint: who may call it, and what it does. The staff router mounts the table with the
 * session and role checks in front of every handler, and the tests generate the role matrix from it.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  roles: readonly StaffRole[];
  handle: (c: Context, staff: StaffUser) => Promise<Response> | Response;
}

export const ALL_ROLES: readonly StaffRole[] = ['admin', 'analyst', 'coordinator'];
