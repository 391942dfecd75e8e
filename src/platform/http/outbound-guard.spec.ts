import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertOutboundUrl, guardedFetch, OutboundRefused, refusedAddress } from './outbound-guard';

describe('refusedAddress', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    '::ffff:169.254.169.254',
    '0.0.0.0',
    '0.1.2.3',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '224.0.0.1',
    '255.255.255.255',
    'ff02::1',
  ])('refuses %s', (ip) => {
    expect(refusedAddress(ip)).toMatch(/link-local, unspecified or multicast/);
  });

  it.each([
    '127.0.0.1',
    '::1',
    '10.1.2.3',
    '192.168.1.20',
    '172.16.0.5',
    '8.8.8.8',
    '2606:4700::1111',
    '169.253.255.255',
    '169.255.0.0',
  ])('allows %s (loopback, private networks and the internet stay reachable)', (ip) => {
    expect(refusedAddress(ip)).toBeNull();
  });

  it('names what is not an address', () => {
    expect(refusedAddress('metadata')).toMatch(/not an IP address/);
  });
});

describe('assertOutboundUrl', () => {
  const resolver = (table: Record<string, string[]>) => async (host: string) => {
    if (!table[host]) throw new Error('ENOTFOUND');
    return table[host];
  };

  it('refuses a literal, bracketed or name that resolves to a refused address; allows the rest', async () => {
    const r = resolver({
      'evil.example': ['93.184.216.34', '169.254.169.254'],
      'ok.example': ['93.184.216.34'],
    });
    await expect(assertOutboundUrl('http://169.254.169.254/latest/meta-data', r)).rejects.toBeInstanceOf(
      OutboundRefused,
    );
    await expect(assertOutboundUrl('http://[fe80::1]:8080/', r)).rejects.toThrow(/fe80::1 is a link-local/);
    await expect(assertOutboundUrl('https://evil.example/cal.ics', r)).rejects.toThrow(
      /evil\.example resolves to 169\.254\.169\.254/,
    );
    await expect(assertOutboundUrl('https://ok.example/cal.ics', r)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('http://127.0.0.1:9/x', r)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrl('https://unknown.example/', r)).resolves.toBeInstanceOf(URL); // the request fails itself
    await expect(assertOutboundUrl('file:///etc/passwd', r)).rejects.toThrow(/http or https only/);
    await expect(assertOutboundUrl('not a url', r)).rejects.toThrow(/not a URL/);
  });
});

describe('guardedFetch (a real server on loopback)', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam' }).end();
      } else if (req.url === '/hop') {
        res.writeHead(301, { location: '/final' }).end();
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
      } else res.writeHead(200, { 'content-type': 'text/plain' }).end('final');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('follows a redirect on loopback and re-checks every hop', async () => {
    const res = await guardedFetch(`${base}/hop`, { maxRedirects: 3 });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('final');
  });

  it('refuses a redirect to the metadata address before any request reaches it', async () => {
    await expect(guardedFetch(`${base}/to-metadata`, { maxRedirects: 3 })).rejects.toThrow(
      /169\.254\.169\.254 is a link-local/,
    );
  });

  it('stops after maxRedirects, and returns the redirect itself when none may be followed', async () => {
    hits.length = 0;
    const res = await guardedFetch(`${base}/loop`, { maxRedirects: 2 });
    expect(res.status).toBe(302);
    expect(hits).toEqual(['/loop', '/loop', '/loop']);
    const none = await guardedFetch(`${base}/hop`, { method: 'POST', body: '{}', maxRedirects: 0 });
    expect(none.status).toBe(301);
  });
});
