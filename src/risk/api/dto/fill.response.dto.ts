import { ApiProperty } from '@nestjs/swagger';
import { AccountStateResponseDto } from './account-state.response.dto';

export class FillResponseDto {
  @ApiProperty({ description: 'P&L realized by this fill', example: 500 }) realized_pnl: number;
  @ApiProperty({ type: AccountStateResponseDto }) account: AccountStateResponseDto;
}
