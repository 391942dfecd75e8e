import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/errors/app-error';

/** The kill switch is the admin's: reads too (the global guard already refuses a viewer's writes). */
export function requireAdmin(user: Principal, what: string): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', `${what} need the admin role`);
}
