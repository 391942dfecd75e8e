import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

const INT4_MAX = 2_147_483_647;

/** A path id: a positive integer that fits a SERIAL column (a larger one would be a database error, not a 400). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(n <= INT4_MAX)) throw AppError.validation([`${meta.data ?? 'id'}: must be a positive integer id`]);
    return n;
  }
}
