import { Injectable } from '@nestjs/common';
import { AppError } from '../../../platform/errors/app-error';
import { guardedFetch, OutboundRefused } from '../../../platform/http/outbound-guard';
import { CalendarSource } from '../../application/ports/calendar-source.port';

/** A calendar export is small: a slow or huge answer is a broken source, not one to wait for. */
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 5 * 1024 * 1024;
/** A calendar behind a short link or an http→https hop is still read; a chain is not. */
const MAX_REDIRECTS = 3;

/**
 * GETs an http(s) URL (admins only reach it: the import is an admin write). Every hop is checked by the
 * outbound guard: a link-local or unspecified address (the cloud metadata service) is refused, a 400.
 */
@Injectable()
export class HttpCalendarSource extends CalendarSource {
  async read(url: string): Promise<{ contentType: string | null; body: string }> {
    let res: Response;
    try {
      res = await guardedFetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), maxRedirects: MAX_REDIRECTS });
    } catch (err) {
      if (err instanceof OutboundRefused) throw AppError.validation([`url: ${err.message}`]);
      throw new AppError(
        'UNAVAILABLE',
        `Calendar ${url} is unreachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!res.ok) throw new AppError('UNAVAILABLE', `Calendar ${url} answered HTTP ${res.status}`);
    const body = await res.text();
    if (Buffer.byteLength(body) > MAX_BYTES)
      throw new AppError('UNAVAILABLE', `Calendar ${url} is larger than ${MAX_BYTES} bytes`);
    return { contentType: res.headers.get('content-type'), body };
  }
}
