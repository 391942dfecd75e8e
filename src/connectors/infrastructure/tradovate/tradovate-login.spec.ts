import { websocketUrl } from './tradovate-login';

describe('websocketUrl: the user WebSocket beside the REST base URL', () => {
  it('https → wss, http → ws, /websocket under the base path', () => {
    expect(websocketUrl('https://demo.tradovateapi.com/v1')).toBe('wss://demo.tradovateapi.com/v1/websocket');
    expect(websocketUrl('https://live.tradovateapi.com/v1/')).toBe(
      'wss://live.tradovateapi.com/v1/websocket',
    );
    expect(websocketUrl('http://127.0.0.1:8101/v1')).toBe('ws://127.0.0.1:8101/v1/websocket');
  });
});
