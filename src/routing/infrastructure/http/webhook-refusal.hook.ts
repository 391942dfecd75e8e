import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WebhookRefusals } from '../../application/webhook-refusals.service';

const WEBHOOK_PATH = /^\/api\/webhooks\/(tradingview|signal)(\?|$)/;

/**
 * Every answer of 400 and above to a signal webhook POST is handed to WebhookRefusals: those thrown by the
 * controller and its pipes (400, 401, 403, 415, 503) and those Fastify gives before it (413 body too
 * large, 429 rate limited). The hook sees the answer as sent, so the recorded reason is what the sender read.
 */
@Injectable()
export class WebhookRefusalHook implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly refusals: WebhookRefusals,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return; // an application context without HTTP (CLIs)
    // a callback hook, not an async one: every answer of the service passes here, and most are not refusals
    fastify.addHook('onSend', (req, reply, payload, done) => {
      if (reply.statusCode >= 400 && req.method === 'POST' && WEBHOOK_PATH.test(req.url)) {
        this.refusals.record({
          status: reply.statusCode,
          payload,
          body: req.body,
          ip: req.ip,
          path: req.url,
        });
      }
      done(null, payload);
    });
  }
}
