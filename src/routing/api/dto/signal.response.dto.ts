import { ApiProperty } from '@nestjs/swagger';

export class SignalQueuedResponseDto {
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
  @ApiProperty({ example: 42 }) task_id: number;
  @ApiProperty({ example: 't-1' }) trade_id: string;
  @ApiProperty({ enum: [false] }) duplicate: false;
}

export class SignalDuplicateResponseDto {
  @ApiProperty({ enum: ['duplicate'] }) status: 'duplicate';
  @ApiProperty({ description: 'The original task', example: 42 }) task_id: number;
  @ApiProperty({ enum: [true] }) duplicate: true;
}

/** The one error shape (the global exception filter's), defined in platform/http. */
export { ErrorResponseDto } from '../../../platform/http/error-response.dto';
