import { ApiProperty } from '@nestjs/swagger';
import { DRIFT_KINDS } from '../../domain/drift';
import { DRIFT_ACTIONS } from '../../application/ports/drift-store.port';

const SIDES = ['BUY', 'SELL'];

export class DriftOrderDto {
  @ApiProperty() order_id: string;
  @ApiProperty({ type: String, nullable: true }) client_order_id: string | null;
  @ApiProperty() symbol: string;
  @ApiProperty({ enum: SIDES }) side: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ enum: ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT', 'OTHER'] }) type: string;
  @ApiProperty({ type: Number, nullable: true }) stop_price: number | null;
  @ApiProperty({ type: Number, nullable: true }) limit_price: number | null;
}

export class DriftPlatformSideDto {
  @ApiProperty({ description: 'the symbol as the platform names it' }) symbol: string;
  @ApiProperty({ description: 'signed net position at the platform (long > 0, short < 0, flat 0)' })
  net_quantity: number;
  @ApiProperty({ type: Number, nullable: true }) average_price: number | null;
  @ApiProperty({ type: DriftOrderDto, nullable: true, description: 'the working order (foreign_order)' })
  order: DriftOrderDto | null;
}

export class DriftTradeDto {
  @ApiProperty() trade_id: string;
  @ApiProperty() client_order_id: string;
  @ApiProperty({ enum: SIDES }) side: string;
  @ApiProperty({ description: 'what PropRouter believed still open of the trade' }) open_quantity: number;
}

export class DriftBelievedSideDto {
  @ApiProperty({ description: 'signed net PropRouter believed open from its routed trades' })
  net_quantity: number;
  @ApiProperty({ type: [DriftTradeDto] }) trades: DriftTradeDto[];
}

export class DriftEventDto {
  @ApiProperty() id: number;
  @ApiProperty() account_id: number;
  @ApiProperty({
    enum: DRIFT_KINDS,
    description:
      'orphan_position: a position no routed trade opened; trade_flat: a routed trade the platform shows flat or smaller; ' +
      'foreign_order: a working order PropRouter did not place',
  })
  kind: string;
  @ApiProperty({ description: 'the symbol root compared (NQ for NQZ5)' }) root: string;
  @ApiProperty({ type: DriftPlatformSideDto, description: 'what the platform showed' })
  platform: DriftPlatformSideDto;
  @ApiProperty({ type: DriftBelievedSideDto, description: 'what PropRouter believed' })
  believed: DriftBelievedSideDto;
  @ApiProperty({
    enum: DRIFT_ACTIONS,
    description:
      'recorded (reported only); trade_closed / trade_reduced (PropRouter’s trade record follows the platform); ' +
      'flattened / flatten_failed (flatten_orphans)',
  })
  action: string;
  @ApiProperty({ type: String, nullable: true }) action_detail: string | null;
  @ApiProperty({ format: 'date-time' }) detected_at: string;
  @ApiProperty({ format: 'date-time', description: 'the last round that still saw it' }) last_seen_at: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'when a round no longer saw it (at once for a trade record brought in line); null while it stands',
  })
  resolved_at: string | null;
}

export class DriftListDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [DriftEventDto] }) items: DriftEventDto[];
}
