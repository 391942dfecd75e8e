import pino from 'pino';
import { shutdownWithin } from './graceful-shutdown';

const silent = pino({ level: 'silent' });
const never = () => new Promise<void>(() => undefined);

describe('shutdownWithin', () => {
  it('is clean when every step finishes in time', async () => {
    const order: string[] = [];
    const result = await shutdownWithin(
      1000,
      {
        closeApp: async () => void order.push('app'),
        stopDatabase: async () => void order.push('db'),
      },
      silent,
    );
    expect({ result, order }).toEqual({ result: 'clean', order: ['app', 'db'] });
  });

  it('abandons a drain that never ends and still stops the database, within the budget', async () => {
    let dbStoppedAt = 0;
    const started = Date.now();
    const result = await shutdownWithin(
      400,
      { closeApp: never, stopDatabase: async () => void (dbStoppedAt = Date.now() - started) },
      silent,
    );
    const elapsed = Date.now() - started;
    expect(result).toBe('incomplete');
    expect(dbStoppedAt).toBeGreaterThanOrEqual(290); // the drain had three quarters of the budget
    expect(elapsed).toBeLessThan(400 + 100);
  });

  it('returns by the deadline when the database stop hangs too, and when a step fails', async () => {
    const started = Date.now();
    const hung = await shutdownWithin(300, { closeApp: never, stopDatabase: never }, silent);
    expect({ hung, inTime: Date.now() - started < 300 + 100 }).toEqual({ hung: 'incomplete', inTime: true });
    const failed = await shutdownWithin(
      300,
      { closeApp: () => Promise.reject(new Error('boom')), stopDatabase: async () => undefined },
      silent,
    );
    expect(failed).toBe('incomplete');
  });
});
