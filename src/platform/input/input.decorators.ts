import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, IsInt, IsNumber, IsPositive, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { DAY_HINT, INSTANT_HINT, parseIsoDay, parseIsoInstant } from './iso-time';

/*
 * Validation decorators for the DTOs: numbers checked against the columns they are written to, dates read
 * by the one ISO parser. A value out of range is a 400 naming the field, never a database error.
 */

/** INTEGER / SERIAL columns. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;
/**
 * Money amounts (balances, P&L, high-water marks): the registry's NUMERIC(18,2) money columns hold up to
 * 10^16, and a JSON number keeps cents exact only below ~9·10^13; 10^15 is the bound the registry uses.
 */
export const MAX_MONEY = 1e15;
/** Prices: the webhook's bound; a product with 10^5 contracts and any point value stays finite. */
export const MAX_PRICE = 1e12;

const FINITE = { allowNaN: false, allowInfinity: false };

/** Optional but never null: absent keeps the stored value, null is a 400 (the column is NOT NULL). */
export const OptionalNotNull = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** An integer that fits an INTEGER column, at least `min`. */
export const IsInt4 = (min = INT4_MIN) => applyDecorators(IsInt(), Min(min), Max(INT4_MAX));

/** A signed money amount within ±MAX_MONEY. */
export const IsMoney = () => applyDecorators(IsNumber(FINITE), Min(-MAX_MONEY), Max(MAX_MONEY));

/** A price: above 0, at most MAX_PRICE. */
export const IsPrice = () => applyDecorators(IsNumber(FINITE), IsPositive(), Max(MAX_PRICE));

/** An instant in ISO 8601, turned into a Date by the one parser; anything else is a 400. */
export const IsIsoInstant = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => parseIsoInstant(value) ?? value),
    IsDate({ message: `$property must be ${INSTANT_HINT}` }),
  );

/** A calendar day `YYYY-MM-DD` that exists. */
export const IsIsoDay = () =>
  ValidateBy({
    name: 'isIsoDay',
    validator: {
      validate: (value: unknown) => parseIsoDay(value) !== null,
      defaultMessage: () => `$property must be ${DAY_HINT}`,
    },
  });

/**
 * Text compared for identity (usernames): Unicode NFC, so that "café" typed precomposed or with a combining
 * accent is one name (a 409 on the second), while names that differ stay distinct.
 */
export const IsNfcNormalized = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC') : value));
