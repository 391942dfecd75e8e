import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { classifyHttpError, parseJsonBody } from '../http/http-error.classifier';
import type { PlatformHttpClient } from '../http/platform-http-client';

export interface ProjectXRequest {
  /** Path under the base URL, e.g. `/api/Order/place`. Every Gateway call is a POST with a JSON body. */
  path: string;
  body: Record<string, unknown>;
  token?: string;
  /** True when the call may change platform state: ambiguous failures are then UNKNOWN_OUTCOME. */
  write: boolean;
}

/** One ProjectX Gateway exchange: JSON in and out, transport failures classified, after the rate-limit gate. */
export class ProjectXTransport {
  constructor(
    private readonly http: PlatformHttpClient,
    private readonly baseUrl: string,
    private readonly gate: RequestGate = OPEN_GATE,
  ) {}

  async send(req: ProjectXRequest): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    // ProjectX counts every call (logins included) against one limit: 200 / 60 s.
    await this.gate.acquire(req.path.startsWith('/api/Auth/') ? 'auth' : 'request');
    let text: string;
    try {
      const res = await this.http.request({
        method: 'POST',
        url: `${this.baseUrl}${req.path}`,
        data: req.body,
        headers,
      });
      text = res.text;
    } catch (error) {
      throw classifyHttpError(error, { write: req.write });
    }
    return parseJsonBody(text, req.write);
  }
}
