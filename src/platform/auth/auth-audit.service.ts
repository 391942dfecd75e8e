import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthAuditEntity } from './auth-audit.entity';
import type { AuthAuditListResponseDto } from './dto/user.dto';

/** Reads the user administration trail (written by UserAdminService in each call's transaction). */
@Injectable()
export class AuthAuditService {
  constructor(@InjectRepository(AuthAuditEntity) private readonly rows: Repository<AuthAuditEntity>) {}

  async list(limit: number, offset: number): Promise<AuthAuditListResponseDto> {
    const [rows, total] = await this.rows.findAndCount({ order: { id: 'DESC' }, take: limit, skip: offset });
    const items = rows.map((r) => ({
      id: Number(r.id),
      actor: r.actor,
      action: r.action,
      target_user_id: r.targetUserId,
      target_username: r.targetUsername,
      before: r.before,
      after: r.after,
      created_at: r.createdAt.toISOString(),
    }));
    return { total, items };
  }
}
