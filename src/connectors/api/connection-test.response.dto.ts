import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlatformAccountResponseDto {
  @ApiProperty({ example: '4242', description: "the platform's account id (what platform_account takes)" })
  platform_account: string;
  @ApiProperty({
    example: 'APEX-50K-01',
    description: "the platform's account name (Tradovate: the account spec)",
  })
  name: string;
}

export class ConnectionTestResponseDto {
  @ApiProperty({ description: 'true when the login worked and its accounts could be listed' }) ok: boolean;
  @ApiPropertyOptional({
    type: [PlatformAccountResponseDto],
    description: 'the accounts the login can trade',
  })
  accounts?: PlatformAccountResponseDto[];
  @ApiPropertyOptional({
    example: 'FATAL: Tradovate access token request failed: Incorrect username or password',
  })
  error?: string;
}
