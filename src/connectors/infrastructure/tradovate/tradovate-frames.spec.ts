import { parseServerFrame, propsData, requestFrame } from './tradovate-frames';

describe('Tradovate WebSocket frames', () => {
  it('reads the open, heartbeat and close frames', () => {
    expect(parseServerFrame('o')).toEqual({ kind: 'open' });
    expect(parseServerFrame('h')).toEqual({ kind: 'heartbeat' });
    expect(parseServerFrame('c[1000,"Normal"]')).toEqual({ kind: 'close', reason: '1000 Normal' });
  });

  it('reads an array frame of responses and events', () => {
    const frame = parseServerFrame(
      'a[{"s":200,"i":0},{"e":"props","d":{"entityType":"fill","eventType":"Created","entity":{"id":1}}}]',
    );
    expect(frame).toEqual({
      kind: 'messages',
      messages: [
        { kind: 'response', id: 0, status: 200, data: undefined },
        {
          kind: 'event',
          event: 'props',
          data: { entityType: 'fill', eventType: 'Created', entity: { id: 1 } },
        },
      ],
    });
  });

  it('calls anything else malformed: not JSON, not an array, an item without i/s or e', () => {
    expect(parseServerFrame('a[{"s":200')).toEqual({ kind: 'malformed' });
    expect(parseServerFrame('a{"s":200}')).toEqual({ kind: 'malformed' });
    expect(parseServerFrame('a[{"s":200}]')).toEqual({ kind: 'malformed' });
    expect(parseServerFrame('x')).toEqual({ kind: 'malformed' });
    expect(parseServerFrame('')).toEqual({ kind: 'malformed' });
  });

  it('writes requests as endpoint, id, query and body lines (text as is, anything else as JSON)', () => {
    expect(requestFrame('authorize', 0, 'tok')).toBe('authorize\n0\n\ntok');
    expect(requestFrame('user/syncrequest', 1, { entityTypes: ['fill'] })).toBe(
      'user/syncrequest\n1\n\n{"entityTypes":["fill"]}',
    );
  });

  it('takes the props payload only from a well-formed props event', () => {
    const data = { entityType: 'order', eventType: 'Updated', entity: { id: 5 } };
    expect(propsData({ kind: 'event', event: 'props', data })).toEqual(data);
    expect(propsData({ kind: 'event', event: 'md', data })).toBeNull();
    expect(propsData({ kind: 'event', event: 'props', data: { ...data, eventType: 'Moved' } })).toBeNull();
    expect(propsData({ kind: 'event', event: 'props', data: { ...data, entity: null } })).toBeNull();
    expect(propsData({ kind: 'response', id: 1, status: 200, data })).toBeNull();
  });
});
