import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { CalendarImportService } from '../application/calendar-import.service';
import { CalendarEventStore } from '../application/ports/calendar-event.store.port';
import {
  CalendarEventsQueryDto,
  CalendarEventsResponseDto,
  CalendarImportResponseDto,
} from './dto/calendar.dto';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_RANGE_MS = 366 * 24 * 60 * 60 * 1000;

/** The economic calendar of the news blackout: imports (admin) and reads (any logged-in user). */
@ApiTags('calendar')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/calendar')
export class CalendarController {
  constructor(
    private readonly imports: CalendarImportService,
    private readonly store: CalendarEventStore,
    private readonly clock: Clock,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import economic calendar events from a CSV or ICS file, or from a URL',
    description:
      'text/csv: header `time,title,impact` (+ optional `id,country,currency`), time an ISO 8601 instant with a ' +
      'zone. text/calendar: VEVENTs with DTSTART (UTC or TZID), SUMMARY, and the impact as X-IMPACT, CATEGORIES ' +
      'or PRIORITY. application/json: `{"url": "https://…/calendar.ics"}`. The same event imported again is ' +
      'updated in place, never duplicated; a file with any problem is refused whole.',
  })
  @ApiConsumes('text/csv', 'text/calendar', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string' },
        { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, required: ['url'] },
      ],
    },
  })
  @ApiOkResponse({ type: CalendarImportResponseDto })
  @ApiBadRequestResponse({ description: 'every problem of the document, by line' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiServiceUnavailableResponse({ description: 'the URL cannot be read' })
  async importCalendar(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentUser() user: Principal,
  ): Promise<CalendarImportResponseDto> {
    const type = (contentType ?? '').toLowerCase();
    const actor = user.username;
    if (type.startsWith('text/csv'))
      return this.imports.importDocument('csv', body, { source: 'upload', actor });
    if (type.startsWith('text/calendar'))
      return this.imports.importDocument('ics', body, { source: 'upload', actor });
    return this.imports.importUrl(urlOf(body), actor);
  }

  @Get('events')
  @ApiOperation({ summary: 'Calendar events between `from` and `to` (default: the next 7 days), by time' })
  @ApiOkResponse({ type: CalendarEventsResponseDto })
  @ApiBadRequestResponse({
    description: 'a bad instant, or a range that is reversed or longer than 366 days',
  })
  async events(@Query() q: CalendarEventsQueryDto): Promise<CalendarEventsResponseDto> {
    const from = q.from ?? this.clock.now();
    const to = q.to ?? new Date(from.getTime() + WEEK_MS);
    const span = to.getTime() - from.getTime();
    if (span < 0) throw AppError.validation(['to: must not be before from']);
    if (span > MAX_RANGE_MS) throw AppError.validation(['to: at most 366 days after from']);
    const rows = await this.store.between(from, to, q.impact ? [q.impact] : undefined);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      items: rows.map((e) => ({ ...e, at: e.at.toISOString() })),
    };
  }
}

function urlOf(body: unknown): string {
  const url = typeof body === 'object' && body !== null ? (body as { url?: unknown }).url : undefined;
  let ok = false;
  try {
    ok = typeof url === 'string' && ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok)
    throw AppError.validation([
      'url: send {"url": "https://…"} as JSON, or the file itself as text/csv or text/calendar',
    ]);
  return url as string;
}
