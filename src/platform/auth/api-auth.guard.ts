import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../errors/app-error';
import { IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a JWT or an API key unless marked @Public(), and every write
 * (anything but GET/HEAD/OPTIONS) needs the admin role. Secure by default, explicit exceptions.
 */
@Injectable()
export class ApiAuthGuard extends AuthGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    await super.canActivate(ctx);
    const req = ctx.switchToHttp().getRequest<{ method: string; user: Principal }>();
    if (!READ_METHODS.has(req.method) && req.user.role !== 'admin') {
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
