import { Injectable } from '@nestjs/common';
import { TradingHalts } from '../../risk/application/ports/trading-halts.port';
import { FlattenHistory } from '../../routing/application/ports/flatten-history.port';
import { AuditEntry, killSwitchAudit } from '../domain/kill-switch-audit';

/** Who set and cleared which halt and asked for which flatten, newest first (readable by any role). */
@Injectable()
export class KillSwitchAudit {
  constructor(
    private readonly halts: TradingHalts,
    private readonly flattens: FlattenHistory,
  ) {}

  async recent(limit: number): Promise<AuditEntry[]> {
    const [halts, flattens] = await Promise.all([
      this.halts.list(false, limit, 0),
      this.flattens.recent(limit),
    ]);
    return killSwitchAudit(halts.items, flattens, limit);
  }
}
