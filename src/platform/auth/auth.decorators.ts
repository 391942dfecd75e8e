import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';

export const IS_PUBLIC = 'auth:isPublic';
/** Opts a route out of the global auth guard (login, health, webhooks with their own secret). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ADMIN_ONLY = 'auth:adminOnly';
/** A read that needs the admin role too (writes always do): who may sign in, and with which keys. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);
