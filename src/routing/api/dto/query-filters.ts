import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoInstant } from '../../../platform/input/input.decorators';
import { TASK_OUTCOMES } from '../../../shared-kernel/seed-results';

/**
 * The filters the execution reads share (tasks, orders, the signal feed): one definition of each, so a
 * firm code or an instant is read the same way on every route.
 */
const FIRM_CODE = /^[A-Za-z0-9_]{1,32}$/;
const upper = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value,
);

/** `account_id`: a trading account's id (int4). */
export const AccountIdFilter = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(2_147_483_647),
  );

/** `firm_code`: letters, digits, underscore; `caseInsensitive` reads `apex` as `APEX`. */
export const FirmCodeFilter = (description?: string, caseInsensitive = false) =>
  applyDecorators(
    ApiPropertyOptional({ example: 'APEX', ...(description ? { description } : {}) }),
    IsOptional(),
    Matches(FIRM_CODE, { message: 'firm_code must be a firm code (letters, digits, underscore; up to 32)' }),
    ...(caseInsensitive ? [upper] : []),
  );

/** An instant bound (`since`, `until`): ISO 8601, 1970–9999. */
export const InstantFilter = (description: string, example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description, ...(example ? { example } : {}) }),
    IsOptional(),
    IsIsoInstant(),
  );

/** `outcome`: a task's outcome (ROUTED, PARTIAL, REJECTED, …). */
export const OutcomeFilter = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: TASK_OUTCOMES, ...(description ? { description } : {}) }),
    IsOptional(),
    IsIn(TASK_OUTCOMES),
  );

/** A positive id up to 2^53 − 1 (task ids, cursors). */
export const BigIdFilter = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional(description ? { description } : {}),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
  );
