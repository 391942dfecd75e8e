import { AppError } from '../errors/app-error';
import { AllExceptionsFilter } from './all-exceptions.filter';

describe('AllExceptionsFilter.toBody: database errors', () => {
  const filter = new AllExceptionsFilter();
  const dbError = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

  it('a unique violation is 409 Duplicate record', () => {
    expect(filter.toBody(dbError('23505'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Duplicate record',
    });
  });

  it('a foreign-key violation (a reference that raced) is 409, never a 500', () => {
    expect(filter.toBody(dbError('23503'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'The record refers to, or is used by, another record',
    });
  });

  it('a service’s own conflict keeps its message', () => {
    expect(filter.toBody(AppError.conflict('Program 4 is in use')).message).toBe('Program 4 is in use');
  });
});
