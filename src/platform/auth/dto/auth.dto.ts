import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsNfcNormalized } from '../../input/input.decorators';
import type { Role } from '../user.entity';

export class LoginRequestDto {
  @ApiProperty({ example: 'admin' }) @IsNfcNormalized() @IsString() @Length(1, 100) username: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @Length(1, 200) password: string;
}

export class LoginResponseDto {
  @ApiProperty() access_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expires_in: number;
}

export class CreateUserRequestDto {
  @ApiProperty({ description: 'stored in Unicode NFC; no NUL or unpaired surrogates' })
  @IsNfcNormalized()
  @IsString()
  @Length(3, 100)
  username: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty({ enum: ['admin', 'viewer'] }) @IsIn(['admin', 'viewer']) role: Role;
}

export class UserResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ['admin', 'viewer'] }) role: Role;
  @ApiProperty() created_at: string;
}

export class CreateApiKeyRequestDto {
  @ApiProperty({ example: 'tradingview-automation' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ enum: ['admin', 'viewer'], default: 'viewer' })
  @IsOptional()
  @IsIn(['admin', 'viewer'])
  role?: Role;
}

export class ApiKeyResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'first characters of the key, for recognising it' }) prefix: string;
  @ApiProperty({ enum: ['admin', 'viewer'] }) role: Role;
  @ApiProperty() created_by: string;
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
