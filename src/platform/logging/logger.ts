import pino, { Logger } from 'pino';
import { serializeRequest } from './request-serializer';

/** Header and field names whose values are credentials: censored wherever they appear in a log line. */
export const SECRET_KEYS = [
  'authorization',
  'x-api-key',
  'x-webhook-secret',
  'cookie',
  'password',
  'secret',
  'api_key',
  'apiKey',
  'token',
  'access_token',
  'accessToken',
  'sec',
  'jwt_secret',
];

const redactPaths = [
  ...['authorization', 'x-api-key', 'x-webhook-secret', 'cookie'].map((h) => `req.headers["${h}"]`),
  ...SECRET_KEYS.flatMap((k) => [`${k}`, `*.${k}`, `*.*.${k}`]),
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'proprouter' },
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    serializers: { req: serializeRequest },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
