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

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'Validation failed' }) message: string;
  @ApiProperty({
    type: [String],
    required: false,
    example: ['quantity: must be a positive integer up to 1000000'],
  })
  details?: string[];
}
