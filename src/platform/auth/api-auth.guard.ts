import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../errors/app-error';
import { ADMIN_ONLY, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a JWT or an API key unless marked @Public(), and every write
 * (anything but GET/HEAD/OPTIONS) needs the admin role, as do reads marked @AdminOnly(). The principal
 * comes from the user row read on this request (see JwtStrategy), so a role change counts at once.
 * Secure by default, explicit exceptions.
 */
@Injectable()
export class ApiAuthGuard extends AuthGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(ctx);
    const req = ctx.switchToHttp().getRequest<{ method: string; user: Principal }>();
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets);
    if ((adminOnly || !READ_METHODS.has(req.method)) && req.user.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'This action needs the admin role');
    }
    return true;
  }

  override handleRequest<T = Principal>(err: unknown, user: T | false): T {
    if (err || !user)
      throw new AppError('UNAUTHORIZED', 'Authentication required: a Bearer token or an API key');
    return user;
  }
}
