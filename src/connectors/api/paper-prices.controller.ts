import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import Decimal from 'decimal.js';
import { AppError } from '../../platform/errors/app-error';
import { PaperVenue } from '../application/paper-venue.service';
import type { PaperMark } from '../application/ports/paper-ledger.port';
import { PaperRejection } from '../domain/paper/paper-orders';
import {
  PaperMarkDto,
  PaperMarkListResponseDto,
  PaperPriceResponseDto,
  PostPaperPriceRequestDto,
} from './dto/paper-price.dto';

/**
 * The paper platform's prices (issue 19): the operator posts a contract's price; it becomes the root's mark
 * (open P&L of paper positions, the fill price of market orders and exits whose alert gave none) and fills
 * every working paper order it reaches. A write (POST): admins only, by the global guard.
 */
@ApiTags('paper')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/paper/prices')
export class PaperPricesController {
  constructor(private readonly venue: PaperVenue) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Post a contract's price to the paper platform" })
  @ApiOkResponse({ type: PaperPriceResponseDto, description: 'the new mark and the fills it triggered' })
  @ApiBadRequestResponse({ description: 'a bad body, or a symbol the contract catalog does not know' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  async post(@Body() body: PostPaperPriceRequestDto): Promise<PaperPriceResponseDto> {
    let root: string;
    try {
      root = this.venue.root(body.symbol);
    } catch (e) {
      if (e instanceof PaperRejection) throw AppError.validation([`symbol: ${e.message}`]);
      throw e;
    }
    const { mark, fills } = await this.venue.postPrice(root, new Decimal(body.price));
    return {
      ...toMarkDto(mark),
      fills: fills.map(({ key, fill }) => ({
        connection_id: key.connectionId,
        platform_account: key.platformAccount,
        order_id: fill.orderId,
        side: fill.side,
        quantity: fill.quantity,
        price: fill.price.toNumber(),
        realized: fill.realized.toNumber(),
      })),
    };
  }

  @Get()
  @ApiOperation({ summary: "The paper platform's marks: each contract root's last price" })
  @ApiOkResponse({ type: PaperMarkListResponseDto })
  async list(): Promise<PaperMarkListResponseDto> {
    return { items: (await this.venue.marks()).map(toMarkDto) };
  }
}

function toMarkDto(m: PaperMark): PaperMarkDto {
  return {
    symbol: m.symbol,
    price: m.price.toNumber(),
    source: m.source,
    updated_at: m.updatedAt.toISOString(),
  };
}
