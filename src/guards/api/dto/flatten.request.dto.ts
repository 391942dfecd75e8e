import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class FlattenAccountRequestDto {
  @ApiProperty({
    example: 'news spike: closing everything',
    description: 'recorded and sent with the notice',
  })
  @trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

const SELECTORS = ['all', 'firm_code', 'tag'] as const;

/** Exactly one selector: `all: true`, `firm_code` or `tag` (checked on `all`, whatever it holds). */
const ExactlyOneSelector = () =>
  ValidateBy({
    name: 'exactlyOneSelector',
    validator: {
      validate: (_: unknown, args) => {
        const o = args?.object as Record<string, unknown>;
        const given = SELECTORS.filter((k) => o[k] !== undefined);
        return given.length === 1 && (o.all === undefined || o.all === true);
      },
      defaultMessage: () => 'give exactly one of all (true), firm_code or tag',
    },
  });

export class FlattenAccountsRequestDto extends FlattenAccountRequestDto {
  @ApiPropertyOptional({ enum: [true], description: 'every account (disabled ones too)' })
  @ValidateIf(() => true)
  @ExactlyOneSelector()
  all?: true;

  @ApiPropertyOptional({ description: 'every account (disabled ones too) of this firm', example: 'APEX' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'firm_code must be a firm code such as APEX' })
  firm_code?: string;

  @ApiPropertyOptional({ description: 'every account (disabled ones too) with this tag', example: 'evals' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, {
    message: 'tag must be a tag such as evals (letters, digits, _ -)',
  })
  tag?: string;
}
