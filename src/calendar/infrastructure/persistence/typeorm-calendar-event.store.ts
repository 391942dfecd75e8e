import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, In, Repository } from 'typeorm';
import {
  CalendarEventStore,
  StoredEvent,
  UpsertCounts,
} from '../../application/ports/calendar-event.store.port';
import type { CalendarEvent, Impact } from '../../domain/calendar-event';
import { EconomicEventEntity } from './economic-event.entity';

/**
 * One statement per import: new uids inserted, changed ones updated (an unchanged row is not written, so a
 * re-import reports it unchanged and keeps its updated_at).
 */
const UPSERT = `
  WITH upserted AS (
    INSERT INTO economic_events (uid, at, title, country, currency, impact, source, imported_by)
    SELECT i.uid, i.at, i.title, i.country, i.currency, i.impact, $7, $8
    FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])
      AS i(uid, at, title, country, currency, impact)
    ON CONFLICT (uid) DO UPDATE SET
      at = EXCLUDED.at, title = EXCLUDED.title, country = EXCLUDED.country, currency = EXCLUDED.currency,
      impact = EXCLUDED.impact, source = EXCLUDED.source, imported_by = EXCLUDED.imported_by, updated_at = NOW()
    WHERE (economic_events.at, economic_events.title, economic_events.country, economic_events.currency,
           economic_events.impact)
      IS DISTINCT FROM (EXCLUDED.at, EXCLUDED.title, EXCLUDED.country, EXCLUDED.currency, EXCLUDED.impact)
    RETURNING (xmax = 0) AS created
  )
  SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated
  FROM upserted`;

@Injectable()
export class TypeOrmCalendarEventStore extends CalendarEventStore {
  constructor(@InjectRepository(EconomicEventEntity) private readonly repo: Repository<EconomicEventEntity>) {
    super();
  }

  async upsert(events: CalendarEvent[], by: { source: string; actor: string }): Promise<UpsertCounts> {
    const col = <K extends keyof CalendarEvent>(k: K) => events.map((e) => e[k]);
    const [row] = (await this.repo.query(UPSERT, [
      col('uid'),
      events.map((e) => e.at.toISOString()),
      col('title'),
      col('country'),
      col('currency'),
      col('impact'),
      by.source,
      by.actor,
    ])) as { created: number; updated: number }[];
    return {
      created: row.created,
      updated: row.updated,
      unchanged: events.length - row.created - row.updated,
    };
  }

  async between(from: Date, to: Date, impacts?: readonly Impact[]): Promise<StoredEvent[]> {
    const rows = await this.repo.find({
      where: { at: Between(from, to), ...(impacts?.length ? { impact: In([...impacts]) } : {}) },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({
      uid: r.uid,
      at: r.at,
      title: r.title,
      country: r.country,
      currency: r.currency,
      impact: r.impact as Impact,
      source: r.source,
    }));
  }
}
