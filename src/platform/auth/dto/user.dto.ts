import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { ROLES, type Role } from '../user.entity';
import { NormalizedPassword } from './auth.dto';

export class UserResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'false: cannot log in, its sessions and API keys do not work' })
  enabled: boolean;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class UserListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
}

/** At least one field. A new password or `enabled: false` ends the user's sessions at once. */
export class UpdateUserRequestDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsOptional()
  @NormalizedPassword()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class AuthAuditEntryDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'username, or api-key:NAME' }) actor: string;
  @ApiProperty({ enum: ['user.create', 'user.update', 'user.delete'] }) action: string;
  @ApiProperty({ nullable: true, type: Number }) target_user_id: number | null;
  @ApiProperty({ nullable: true, type: String }) target_username: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'username, role, enabled before the call' })
  before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, description: 'after the call; password_changed when it was' })
  after: Record<string, unknown> | null;
  @ApiProperty() created_at: string;
}

export class AuthAuditListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AuthAuditEntryDto] }) items: AuthAuditEntryDto[];
}
