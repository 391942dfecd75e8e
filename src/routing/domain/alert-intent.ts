import type { EventType, PositionAction, Side } from './signal';
import { present, Problems, readChoice } from './signal-fields';

type Body = Record<string, unknown>;

/** `action` (TradersPost, TradingView templates) or PickMyTrade's `data`. */
export const ACTIONS = ['buy', 'sell', 'exit', 'close', 'cancel', 'add'] as const;
type Action = (typeof ACTIONS)[number];
const SENTIMENTS = ['long', 'short', 'flat'] as const;
type Sentiment = (typeof SENTIMENTS)[number];

export interface AlertIntent {
  event_type?: EventType;
  side?: Side | null;
  position_action?: PositionAction;
}

/**
 * What the alert asks of each account's position (README "Alert semantics", the action × sentiment table):
 * `action` buy|sell|exit|close|cancel|add (or `data`), TradersPost's `sentiment` (the position the strategy
 * holds after the alert: long|short|flat), the seed's `event_type` and `side`. An exit or close without a
 * trade_id closes by symbol. Every contradiction is a problem, never a guess.
 */
export function readIntent(body: Body, problems: Problems): AlertIntent {
  const actionField = present(body.action) ? 'action' : present(body.data) ? 'data' : null;
  const action = actionField ? readChoice(body[actionField], actionField, problems, ACTIONS) : undefined;
  if (actionField && action === undefined) return {};
  const sentiment = present(body.sentiment)
    ? readChoice(body.sentiment, 'sentiment', problems, SENTIMENTS)
    : undefined;
  const declared = present(body.event_type)
    ? readChoice<EventType>(body.event_type, 'event_type', problems, ['entry', 'exit'])
    : undefined;
  const side = present(body.side)
    ? readChoice<Side>(body.side, 'side', problems, ['buy', 'sell'])
    : undefined;
  const byTrade = present(body.trade_id);
  const intent = intentOf(action, sentiment, declared, side, byTrade);
  if (side && action && (action === 'buy' || action === 'sell') && side !== action)
    problems.push(`side: "${side}" conflicts with ${actionField} "${action}"`);
  if (declared && intent.event_type !== declared)
    problems.push(
      sentiment
        ? `sentiment: "${sentiment}" with ${action ?? side} is ${intent.event_type === 'exit' ? 'an exit' : 'an entry'}, which conflicts with event_type "${declared}"`
        : `${actionField}: "${action}" conflicts with event_type "${declared}"`,
    );
  if (action === 'add' && sentiment === 'flat')
    problems.push('sentiment: "flat" conflicts with action "add" (add scales into a long or a short)');
  if (
    (intent.position_action === 'open' || intent.position_action === 'entry') &&
    !intent.side &&
    !present(body.side)
  )
    problems.push(`side: is required for an entry (buy or sell; or ${actionField ?? 'action'}: buy|sell)`);
  return intent;
}

function intentOf(
  action: Action | undefined,
  sentiment: Sentiment | undefined,
  declared: EventType | undefined,
  side: Side | undefined,
  byTrade: boolean,
): Required<AlertIntent> {
  const exitAction = (): PositionAction => (byTrade ? 'exit_trade' : 'close');
  switch (action) {
    case 'exit':
    case 'close':
      return { event_type: 'exit', side: side ?? null, position_action: exitAction() };
    case 'cancel':
      return { event_type: 'exit', side: side ?? null, position_action: 'cancel' };
    case 'add':
      return { event_type: 'entry', side: side ?? sideOf(sentiment), position_action: 'add' };
    case 'buy':
    case 'sell':
      return bySentiment(action, sentiment);
    default:
      if (sentiment && side) return bySentiment(side, sentiment);
      if (declared === 'exit')
        return { event_type: 'exit', side: side ?? null, position_action: exitAction() };
      // PropRouter's own format: the entry of its trade, as sent (no position read, no reversal)
      return { event_type: 'entry', side: side ?? null, position_action: 'entry' };
  }
}

/** TradersPost: buy + long and sell + short open (or add); buy + short and sell + long reduce; flat closes. */
function bySentiment(side: Side, sentiment: Sentiment | undefined): Required<AlertIntent> {
  if (sentiment === 'flat') return { event_type: 'exit', side, position_action: 'close' };
  const opens = !sentiment || (side === 'buy') === (sentiment === 'long');
  return opens
    ? { event_type: 'entry', side, position_action: 'open' }
    : { event_type: 'exit', side, position_action: 'reduce' };
}

function sideOf(sentiment: Sentiment | undefined): Side | null {
  return sentiment === 'long' ? 'buy' : sentiment === 'short' ? 'sell' : null;
}
