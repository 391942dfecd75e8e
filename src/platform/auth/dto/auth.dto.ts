import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsNfcNormalized } from '../../input/input.decorators';
import { normalizePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { ROLES, type Role } from '../user.entity';

/** Passwords are compared in their NFC form; the bounds are checked on that form. */
export const NormalizedPassword = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizePassword(value) : value,
  );

export class LoginRequestDto {
  @ApiProperty({ example: 'admin' }) @IsNfcNormalized() @IsString() @Length(1, 100) username: string;
  @ApiProperty({ example: 'correct horse battery staple', minLength: 1, maxLength: PASSWORD_MAX_LENGTH })
  @NormalizedPassword()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;
}

export class LoginResponseDto {
  @ApiProperty() access_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expires_in: number;
}

/** Who the caller is: the dashboard shows a viewer no admin controls (the API refuses them anyway). */
export class CurrentUserResponseDto {
  @ApiProperty({ example: 'admin', description: 'user name, or api-key:{name} for an API key' })
  username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ enum: ['jwt', 'api-key'] }) via: 'jwt' | 'api-key';
}

export class CreateUserRequestDto {
  @ApiProperty({ description: 'stored in Unicode NFC; no NUL or unpaired surrogates' })
  @IsNfcNormalized()
  @IsString()
  @Length(3, 100)
  username: string;
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @NormalizedPassword()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class CreateApiKeyRequestDto {
  @ApiProperty({ example: 'tradingview-automation' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({
    enum: ROLES,
    default: 'viewer',
    description: "the key acts with this role, never above its owner's current role",
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class ApiKeyResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'first characters of the key, for recognising it' }) prefix: string;
  @ApiProperty({ enum: ['admin', 'viewer'] }) role: Role;
  @ApiProperty() created_by: string;
  @ApiProperty({ nullable: true, type: Number, description: 'the user the key belongs to' })
  owner_id: number | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'the key itself: shown only in this response' }) key: string;
}

export class ApiKeyListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ApiKeyResponseDto] }) items: ApiKeyResponseDto[];
}
