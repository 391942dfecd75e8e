import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import { DriftEvent, DriftStore } from '../application/ports/drift-store.port';
import { DriftListQueryDto } from './dto/drift.query.dto';
import { DriftEventDto, DriftListDto, DriftOrderDto } from './dto/drift.response.dto';

@ApiTags('sync')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/sync/drift')
export class DriftController {
  constructor(private readonly store: DriftStore) {}

  @Get()
  @ApiOperation({
    summary: 'Differences reconciliation found between the platforms and PropRouter’s trades, newest first',
  })
  @ApiOkResponse({ type: DriftListDto })
  async list(@Query() q: DriftListQueryDto): Promise<DriftListDto> {
    const page = await this.store.list(
      { accountId: q.account_id, kind: q.kind },
      { limit: q.limit, offset: q.offset },
    );
    return { total: page.total, items: page.items.map(toDto) };
  }
}

const num = (text: string | null): number | null => (text === null ? null : Number(text));

function toDto(e: DriftEvent): DriftEventDto {
  return {
    id: e.id,
    account_id: e.accountId,
    kind: e.kind,
    root: e.root,
    platform: {
      symbol: e.platform.symbol,
      net_quantity: e.platform.netQuantity,
      average_price: num(e.platform.averagePrice),
      order: e.platform.order ? toOrder(e.platform.order) : null,
    },
    believed: {
      net_quantity: e.believed.netQuantity,
      trades: e.believed.trades.map((t) => ({
        trade_id: t.tradeId,
        client_order_id: t.clientOrderId,
        side: t.side,
        open_quantity: t.openQuantity,
      })),
    },
    action: e.action,
    action_detail: e.actionDetail,
    detected_at: e.detectedAt.toISOString(),
    last_seen_at: e.lastSeenAt.toISOString(),
    resolved_at: e.resolvedAt?.toISOString() ?? null,
  };
}

function toOrder(o: PlatformWorkingOrder): DriftOrderDto {
  return {
    order_id: o.orderId,
    client_order_id: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    quantity: o.quantity,
    type: o.type,
    stop_price: num(o.stopPrice),
    limit_price: num(o.limitPrice),
  };
}
