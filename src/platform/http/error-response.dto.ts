import { ApiProperty } from '@nestjs/swagger';

/** Every error answer: `{statusCode, error, message, details?}` (AllExceptionsFilter). */
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
