import type { Logger } from 'pino';
import { settleWithin } from './settle-within';

export interface ShutdownSteps {
  /** Stop taking requests, let in-flight tasks finish (app.close). */
  closeApp(): Promise<void>;
  /** Stop the embedded database (a no-op for DATABASE_URL). */
  stopDatabase(): Promise<void>;
}

/** What the database stop keeps of the budget when the app's drain takes all it may. */
const DATABASE_STOP_SHARE = 0.25;

/**
 * Runs the shutdown steps within `budgetMs` whatever they wait on: a platform that never answers holds its
 * task in the app's drain, so the drain gets most of the budget and is then abandoned. An abandoned task
 * is safe to leave: its orders were recorded before they were sent, its lease expires and the next
 * router run reconciles them through the platform. 'clean' when every step finished in time, 'incomplete'
 * when one was abandoned or failed.
 */
export async function shutdownWithin(
  budgetMs: number,
  steps: ShutdownSteps,
  logger: Logger,
): Promise<'clean' | 'incomplete'> {
  const started = Date.now();
  const appBudget = Math.floor(budgetMs * (1 - DATABASE_STOP_SHARE));
  const app = await settleWithin(steps.closeApp(), appBudget);
  if (app === 'deadline') {
    logger.warn(
      { budgetMs: appBudget },
      'shutdown: the drain did not finish in time; unfinished tasks stay leased and are reclaimed after their lease',
    );
  } else if (app instanceof Error) {
    logger.error(`shutdown: closing the app failed: ${app.message}`);
  }
  const db = await settleWithin(steps.stopDatabase(), Math.max(budgetMs - (Date.now() - started), 0));
  if (db === 'deadline') logger.warn('shutdown: the database did not stop in time');
  else if (db instanceof Error) logger.error(`shutdown: stopping the database failed: ${db.message}`);
  return app === 'done' && db === 'done' ? 'clean' : 'incomplete';
}
