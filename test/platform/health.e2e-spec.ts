import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { startTestApp } from '../support/test-app';

describe('health (e2e)', () => {
  it('ready answers 200 with the database up, and a JSON 503 naming the failing check when it is down', async () => {
    const up = await startTestApp({ label: 'health_up' });
    try {
      const r = await up.request('GET', '/api/health/ready');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    } finally {
      await up.close();
    }
    const down = await startTestApp({
      label: 'health_down',
      override: (b) =>
        b.overrideProvider(TypeOrmHealthIndicator).useValue({
          pingCheck: async (key: string) => ({
            [key]: { status: 'down', message: 'timeout of 3000ms exceeded' },
          }),
        }),
    });
    try {
      const r = await down.request('GET', '/api/health/ready');
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Not ready: the database does not answer',
        details: ['database: timeout of 3000ms exceeded'],
      });
      expect((await down.request('GET', '/api/health')).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
