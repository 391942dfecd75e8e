import type { AxiosInstance } from 'axios';
import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { classifyHttpError, malformedResponse } from '../http/http-error.classifier';

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
    private readonly http: AxiosInstance,
    private readonly baseUrl: string,
    private readonly gate: RequestGate = OPEN_GATE,
  ) {}

  async send(req: ProjectXRequest): Promise<unknown> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    // ProjectX counts every call (logins included) against one limit: 200 / 60 s.
    await this.gate.acquire(req.path.startsWith('/api/Auth/') ? 'auth' : 'request');
    let text: string;
    try {
      const res = await this.http.request<string>({
        method: 'POST',
        url: `${this.baseUrl}${req.path}`,
        data: req.body,
        headers,
        responseType: 'text',
        transformResponse: (d: string) => d,
      });
      text = res.data;
    } catch (error) {
      throw classifyHttpError(error, { write: req.write });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw malformedResponse(text, req.write);
    }
  }
}
