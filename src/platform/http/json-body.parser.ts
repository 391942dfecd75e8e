import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppError } from '../errors/app-error';
import { jsonDepthProblem, jsonTooDeep } from '../input/json-depth';

/**
 * application/json, parsed by Fastify's own parser (prototype poisoning refused) after one scan of the text
 * that refuses nesting deeper than MAX_JSON_DEPTH: 400 before any recursive code sees the document. The
 * webhook's text/plain JSON gets the same cap where it is parsed (signal intake). Registered through the
 * adapter, so Nest does not add its default JSON parser; the body limits stay Fastify's.
 */
export function registerJsonBodyParser(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const { bodyLimit } = fastify.initialConfig;
  adapter.useBodyParser('application/json', false, { bodyLimit }, (req, body, done) => {
    const text = body.toString('utf8');
    if (jsonTooDeep(text)) {
      done(AppError.validation([jsonDepthProblem()]), undefined);
      return;
    }
    parseJson(req, text, done);
  });
}
