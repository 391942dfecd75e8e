import { Inject, Injectable } from '@nestjs/common';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { dueFlatBy } from '../domain/flat-by';
import type { TradingDayPolicy } from '../domain/trading-day';
import { flatByScheduleOf } from './firm-trading-day';
import { DueFirmFlatBy, FlatBySchedules } from './ports/flat-by-schedules.port';
import { TRADING_DAY_POLICY } from './trading-day-policy.token';

/** FlatBySchedules over the registry's active firms (its catalogue is cached: this is asked every few seconds). */
@Injectable()
export class FlatBySchedulesService extends FlatBySchedules {
  constructor(
    private readonly catalog: ProgramCatalog,
    @Inject(TRADING_DAY_POLICY) private readonly policy: TradingDayPolicy,
  ) {
    super();
  }

  async due(now: Date): Promise<DueFirmFlatBy[]> {
    const due: DueFirmFlatBy[] = [];
    for (const firm of await this.catalog.listActiveFirms()) {
      const schedule = flatByScheduleOf(firm, this.policy);
      const flatBy = schedule && dueFlatBy(now, schedule);
      if (!schedule || !flatBy) continue;
      due.push({
        firmCode: firm.code.toUpperCase(),
        ...flatBy,
        flatBy: `${schedule.flatBy.time} ${schedule.flatBy.timeZone}`,
      });
    }
    return due;
  }
}
