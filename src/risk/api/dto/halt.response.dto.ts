import { ApiProperty } from '@nestjs/swagger';

export class HaltResponseDto {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: String, description: 'null: every firm' }) firm_code: string | null;
  @ApiProperty({ enum: ['global', 'firm'] }) scope: 'global' | 'firm';
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'not cleared yet' }) active: boolean;
  @ApiProperty() created_by: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String }) cleared_by: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cleared_at: string | null;
}

export class HaltListResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [HaltResponseDto] }) items: HaltResponseDto[];
}
