import { ConfigType, registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsNumber, IsPositive, Max } from 'class-validator';
import { validateEnv } from '../../../platform/config/validate-env';

const DEFAULT_MAX_RISK_PERCENT = 0.05;

/** Sizing settings. `SIZING_MAX_RISK_PERCENT` caps risk per trade (a fraction) for programs without their own cap. */
export class SizingEnv {
  @Transform(({ obj }) => {
    const raw = obj.SIZING_MAX_RISK_PERCENT;
    return raw === undefined || String(raw).trim() === '' ? DEFAULT_MAX_RISK_PERCENT : Number(raw);
  })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'SIZING_MAX_RISK_PERCENT must be a number' },
  )
  @IsPositive({ message: 'SIZING_MAX_RISK_PERCENT must be greater than 0 (a fraction: 0.05 = 5%)' })
  @Max(1, { message: 'SIZING_MAX_RISK_PERCENT must be a fraction of at most 1 (0.05 = 5%)' })
  SIZING_MAX_RISK_PERCENT: number = DEFAULT_MAX_RISK_PERCENT;
}

export const sizingConfig = registerAs('sizing', () => validateEnv(SizingEnv, process.env));
export type SizingConfig = ConfigType<typeof sizingConfig>;
