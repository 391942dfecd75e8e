import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { summarize, Summary } from './stats';
import { LoopbackClient } from './webhook';

/**
 * The signal-to-order floor: one loopback HTTP round trip (a bare Node server that reads the body and
 * answers) followed by one committed single-row insert, back to back, `samples` times.
 */
export async function roundTripFloor(databaseUrl: string, samples: number, body: string): Promise<Summary> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}'),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  const http = new LoopbackClient(`http://127.0.0.1:${port}`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      'CREATE TABLE IF NOT EXISTS bench_round_trip_floor (id BIGSERIAL PRIMARY KEY, payload JSONB NOT NULL)',
    );
    const took: number[] = [];
    for (let i = 0; i < samples + 20; i++) {
      const t0 = performance.now();
      await http.post('/floor', body);
      await db.query('INSERT INTO bench_round_trip_floor (payload) VALUES ($1)', [body]);
      if (i >= 20) took.push(performance.now() - t0); // the first few warm the sockets and the JIT
    }
    return summarize(took);
  } finally {
    http.close();
    await db.end();
    await new Promise((r) => server.close(r));
  }
}
