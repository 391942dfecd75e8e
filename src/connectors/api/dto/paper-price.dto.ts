import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsPrice, MAX_PRICE } from '../../../platform/input/input.decorators';

export class PostPaperPriceRequestDto {
  @ApiProperty({
    example: 'NQ',
    description: 'any form the contract catalog normalizes (NQ, NQ1!, NQZ5, CME_MINI:NQ1!); kept by its root',
  })
  @IsString()
  @Length(1, 40)
  symbol: string;

  @ApiProperty({ example: 20950, minimum: 0, exclusiveMinimum: true, maximum: MAX_PRICE })
  @IsPrice()
  price: number;
}

export class PaperMarkDto {
  @ApiProperty({ example: 'NQ', description: 'the contract root' }) symbol: string;
  @ApiProperty({ example: 20950 }) price: number;
  @ApiProperty({
    enum: ['posted', 'alert'],
    description: "posted: by the operator (this endpoint); alert: an order's alert price",
  })
  source: string;
  @ApiProperty({ type: String, format: 'date-time' }) updated_at: string;
}

export class PaperTriggeredFillDto {
  @ApiProperty({ example: 4 }) connection_id: number;
  @ApiProperty({ example: 'paper-eval-1' }) platform_account: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) side: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: 20950 }) price: number;
  @ApiProperty({ example: -1000, description: 'realized P&L of the fill (0 when it opened or added)' })
  realized: number;
}

export class PaperPriceResponseDto extends PaperMarkDto {
  @ApiProperty({
    type: [PaperTriggeredFillDto],
    description: 'the working orders (stops, targets, resting entries) this price reached, filled',
  })
  fills: PaperTriggeredFillDto[];
}

export class PaperMarkListResponseDto {
  @ApiProperty({ type: [PaperMarkDto] }) items: PaperMarkDto[];
}
