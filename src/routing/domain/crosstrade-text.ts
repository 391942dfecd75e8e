/**
 * CrossTrade's alert syntax: a `text/plain` body of `key=value;` pairs, e.g.
 * `key=…; command=PLACE; account=apex-1; instrument=NQ 12-25; action=BUY; qty=1; order_type=MARKET; tif=DAY;`
 * (README "Alert templates"). Read into the same fields a JSON alert has, so one normalizer validates both;
 * every problem names its key. Keys are case-insensitive; values are kept as written (the normalizer reads them).
 */

type Body = Record<string, unknown>;

export interface KeyValueParse {
  body: Body;
  problems: string[];
}

/** A text body that is not JSON and holds a `key=value` pair: CrossTrade's syntax. */
export function isKeyValueText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && !t.startsWith('{') && !t.startsWith('[') && /^[A-Za-z_][\w.]*\s*=/.test(t);
}

/** CrossTrade's commands: what each asks of the accounts' position in the instrument. */
const COMMANDS: Record<string, 'place' | 'close' | 'cancel'> = {
  PLACE: 'place',
  FLATTEN: 'close',
  CLOSEPOSITION: 'close',
  CANCELALLORDERS: 'cancel',
  CANCELORDERS: 'cancel',
};
const REFUSED_COMMANDS: Record<string, string> = {
  REVERSE:
    'is not supported: send command=PLACE with the new side (a BUY while short closes the short, then opens the long)',
  REVERSEPOSITION:
    'is not supported: send command=PLACE with the new side (a BUY while short closes the short, then opens the long)',
  FLATTENEVERYTHING:
    'is not supported: an alert acts on one instrument (command=FLATTEN); to flatten every account use POST /api/accounts/flatten',
};

/** CrossTrade's order types → PropRouter's. */
const ORDER_TYPES: Record<string, string> = {
  MARKET: 'market',
  LIMIT: 'limit',
  STOPMARKET: 'stop',
  STOP: 'stop',
};

/** Keys with a CrossTrade name, read here or renamed. */
const CROSSTRADE_KEYS = [
  'command',
  'account',
  'instrument',
  'action',
  'qty',
  'order_type',
  'limit_price',
  'stop_price',
  'tif',
] as const;

/** PropRouter's own field names, accepted as keys too (same meaning as in JSON). */
const OWN_KEYS = new Set([
  'secret',
  'symbol',
  'ticker',
  'quantity',
  'contracts',
  'price',
  'entry_price',
  'stop_loss',
  'take_profit',
  'risk_percent',
  'trade_id',
  'accounts',
  'account_tags',
  'firm_codes',
  'program_ids',
  'sentiment',
  'session',
  'bias',
  'break_even_ticks',
]);

/**
 * Parses the `key=value;` text. Each segment is `key=value` (the first `=` splits, so a value may hold one);
 * empty segments (a trailing `;`) are skipped; a key given twice, a segment without `=`, an unknown key, an
 * unknown command, order type or time in force is a problem naming it.
 */
export function parseKeyValueText(text: string): KeyValueParse {
  const problems: string[] = [];
  const pairs = splitPairs(text, problems);
  const body: Body = {};
  for (const [key, value] of pairs) {
    if ((CROSSTRADE_KEYS as readonly string[]).includes(key)) continue;
    if (OWN_KEYS.has(key)) body[key] = value;
    else
      problems.push(
        `${key}: unknown key (CrossTrade keys: ${CROSSTRADE_KEYS.join(', ')}; or PropRouter's field names)`,
      );
  }
  readCommand(pairs, body, problems);
  if (pairs.has('account')) {
    if (pairs.has('accounts')) problems.push('account, accounts: give the account once');
    else body.accounts = pairs.get('account');
  }
  if (pairs.has('instrument')) body.instrument = pairs.get('instrument');
  if (pairs.has('qty')) body.qty = pairs.get('qty');
  readOrderType(pairs, body, problems);
  for (const key of ['limit_price', 'stop_price'] as const) if (pairs.has(key)) body[key] = pairs.get(key);
  const tif = pairs.get('tif');
  if (tif !== undefined && !['DAY', 'GTC'].includes(tif.toUpperCase()))
    problems.push(
      `tif: must be DAY or GTC (read, not sent: orders go with the platform's default time in force)`,
    );
  return { body, problems };
}

/** The text's `key=value` pairs (keys lower-cased, values trimmed), naming every malformed segment. */
function splitPairs(text: string, problems: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const raw of text.split(/[;\n]/)) {
    const segment = raw.trim();
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    if (eq <= 0) {
      problems.push(`"${segment.slice(0, 40)}": must be key=value (pairs separated by ;)`);
      continue;
    }
    const key = segment.slice(0, eq).trim().toLowerCase();
    if (pairs.has(key)) problems.push(`${key}: is given twice`);
    else pairs.set(key, segment.slice(eq + 1).trim());
  }
  return pairs;
}

/**
 * `command` → the alert's action: PLACE takes `action` (BUY/SELL, validated by the normalizer as `action`),
 * FLATTEN/CLOSEPOSITION close the instrument's position, CANCELALLORDERS/CANCELORDERS cancel its orders.
 * A refused or unknown command is named; the body then carries an action that needs no side (the alert is
 * refused anyway), so the list is not padded with a "side is required" that the trader did not cause.
 */
function readCommand(pairs: Map<string, string>, body: Body, problems: string[]): void {
  const command = (pairs.get('command') ?? 'PLACE').toUpperCase();
  const action = pairs.get('action');
  const kind = COMMANDS[command];
  if (!kind) {
    problems.push(
      REFUSED_COMMANDS[command]
        ? `command: ${command} ${REFUSED_COMMANDS[command]}`
        : `command: must be one of ${Object.keys(COMMANDS).join(', ')}`,
    );
    body.action = 'cancel';
    return;
  }
  if (kind === 'place') {
    if (action !== undefined) body.action = action;
    return;
  }
  if (action !== undefined) problems.push(`action: is not used with command=${command}`);
  body.action = kind;
}

function readOrderType(pairs: Map<string, string>, body: Body, problems: string[]): void {
  const given = pairs.get('order_type');
  if (given === undefined) return;
  const type = ORDER_TYPES[given.toUpperCase()];
  if (type) body.order_type = type;
  else if (given.toUpperCase() === 'STOPLIMIT')
    problems.push(
      'order_type: STOPLIMIT entries are not supported (ProjectX has no stop-limit order); use LIMIT or STOPMARKET',
    );
  else problems.push(`order_type: must be one of ${Object.keys(ORDER_TYPES).join(', ')}`);
}
