import { createServer } from 'node:http';
import { Client } from 'pg';
import { Summary, timeSamples } from './stats';
import { LoopbackClient } from './webhook';

/**
 * The signal-to-order floor: one loopback HTTP round trip (a bare Node server that reads the body and
 * answers) followed by one committed single-row insert, `samples` times.
 *
 * `ratePerS` 0: back to back, a hot loop. Otherwise each sample starts on a schedule of `ratePerS` a second,
 * as the measured signals do (sendPaced): a figure measured at 20 signals/s is compared with the same two
 * hops made 20 times a second. Between samples the machine idles, and every hop then wakes an idle process
 * (the server, the Postgres backend, the caller): on the 2-core machine of the README's "Issue 20, ninth
 * round" the same round trip and insert took p50 2.0–2.8 ms at 20/s, 1.2–2.0 ms at 100/s and 0.6–1.1 ms
 * back to back.
 */
export async function roundTripFloor(
  databaseUrl: string,
  samples: number,
  body: string,
  ratePerS = 0,
): Promise<Summary> {
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
    return await timeSamples(
      async () => {
        await http.post('/floor', body);
        await db.query('INSERT INTO bench_round_trip_floor (payload) VALUES ($1)', [body]);
      },
      samples,
      ratePerS,
    );
  } finally {
    http.close();
    await db.end();
    await new Promise((r) => server.close(r));
  }
}

/** The floor at each rate a scenario measures (paced as its signals were), and back to back for reference. */
export interface PacedFloors {
  backToBack: Summary;
  byRate: Map<number, Summary>;
}

/** The floors as a report's details (JSON: the map as an object keyed by rate). */
export function floorDetails(floors: PacedFloors): { backToBack: Summary; byRate: Record<number, Summary> } {
  return { backToBack: floors.backToBack, byRate: Object.fromEntries(floors.byRate) };
}

/**
 * `roundTripFloor` back to back, then at each phase's rate with as many samples as that phase measured
 * signals, within `samples` (`min`: enough for a p99; `max`: bounds a quick run's time): the same spacing.
 */
export async function pacedFloors(
  databaseUrl: string,
  body: string,
  phases: { rate: number; durationS: number }[],
  samples: { min: number; max: number },
): Promise<PacedFloors> {
  const backToBack = await roundTripFloor(databaseUrl, samples.max, body);
  const byRate = new Map<number, Summary>();
  for (const { rate, durationS } of phases) {
    const n = Math.min(samples.max, Math.max(samples.min, Math.round(rate * durationS)));
    byRate.set(rate, await roundTripFloor(databaseUrl, n, body, rate));
  }
  return { backToBack, byRate };
}

/** Samples per paced floor: at least 100 (a p99), at most a quick run's 200 or a full run's 3,000. */
export function floorSamples(ctx: { quick: boolean }): { min: number; max: number } {
  return { min: 100, max: ctx.quick ? 200 : 3000 };
}
