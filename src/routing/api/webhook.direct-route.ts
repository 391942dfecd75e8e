import { Injectable } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../../platform/errors/app-error';
import { findTextProblems } from '../../shared-kernel/text-rule';
import type { IntakeOutcome } from '../application/signal-intake.service';
import { WebhookController } from './webhook.controller';

/** The routes WebhookController declares (`@Post(['tradingview', 'signal'])` under `api/webhooks`). */
const WEBHOOK_ROUTES = new Set(['/api/webhooks/tradingview', '/api/webhooks/signal']);

/**
 * The signal webhook answered by Fastify without Nest's per-request pipeline: the hot route of the service,
 * and the pipeline (the global guard — the route is public —, the global pipe over each parameter, the
 * parameter factories, the interceptor and response chain, a few promises per request) cost it about a
 * tenth of its CPU. The route stays Nest's: declared by WebhookController (the OpenAPI document reads it
 * there), registered by Nest with Fastify, with every Fastify hook and option of the routes (rate limit,
 * body limit, security headers, request id, refusal recording, metrics). Only its handler is replaced, as
 * Nest hands the route to Fastify, by one doing what the pipeline did for this method:
 *  - the status set to @HttpCode(202) before the method runs (the method sets 200 for a repeat);
 *  - the global validation pipe's text rule on the body (no NUL, no lone surrogate; a 400 naming each);
 *    its class-validator pass does nothing for an `unknown` body or for headers;
 *  - the method called with what its parameter decorators read (body, the secret header, content-type,
 *    req.ip, the reply).
 * An error goes to Fastify's error handler, which Nest points at the global exception filter (as it does
 * for Fastify's own 413, 415 and JSON errors): the same answers. An application context without
 * Fastify (a CLI's application context) has no route to replace.
 */
@Injectable()
export class WebhookDirectRoute {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Called by RoutingModule.configure: after the adapter is known (a testing module gets it after its
   * providers are built) and before Nest registers its routes with Fastify.
   */
  install(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return; // an application context without HTTP (CLIs)
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if (route.method !== 'POST' || !WEBHOOK_ROUTES.has(route.url)) return;
      const controller = this.moduleRef.get(WebhookController, { strict: true });
      route.handler = (req, reply) => receive(controller, req, reply);
    });
  }
}

function receive(
  controller: WebhookController,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<IntakeOutcome> {
  void reply.status(202);
  const problems = findTextProblems(req.body, '');
  if (problems.length > 0) return Promise.reject(AppError.validation(problems));
  const secret = req.headers['x-webhook-secret'] as string | undefined;
  return controller.receive(req.body, secret, req.headers['content-type'], req.ip, reply);
}
