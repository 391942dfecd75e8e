import { ApiProperty } from '@nestjs/swagger';
import { FlattenOutcomeDto } from './flatten.response.dto';

export class HaltResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "null: every firm; an account halt: the account's firm",
  })
  firm_code: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'the trading account halted alone; null: firm or global',
  })
  account_id: number | null;
  @ApiProperty({ enum: ['global', 'firm', 'account'] }) scope: 'global' | 'firm' | 'account';
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'neither cleared nor past expires_at' }) active: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'ends by itself then; null: until cleared',
  })
  expires_at: string | null;
  @ApiProperty() created_by: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String }) cleared_by: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cleared_at: string | null;
}

export class HaltListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [HaltResponseDto] }) items: HaltResponseDto[];
}

/** A halt just set; with `flatten: true`, the outcome of flattening each account (disabled ones too) it reaches. */
export class HaltSetResponseDto extends HaltResponseDto {
  @ApiProperty({
    type: [FlattenOutcomeDto],
    nullable: true,
    description: 'null unless the request asked flatten: true',
  })
  flattens: FlattenOutcomeDto[] | null;
}
