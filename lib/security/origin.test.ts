import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOrigin, guardRequest, isOwnOrigin, readCappedText, requestOrigin, BodyTooLargeError } from './origin';

const URL_ = 'https://patternwise.example/api/reviews';
beforeEach(() => {
  process.env.NEXTAUTH_URL = 'https://patternwise.example';
});
afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

function req(method: string, headers: Record<string, string>, body?: string) {
  return new Request(URL_, { method, headers, body });
}

describe('checkOrigin', () => {
  it.each([
    ['POST', { origin: 'https://patternwise.example', 'sec-fetch-site': 'same-origin' }, null],
    ['POST', { origin: 'https://patternwise.example' }, null],
    ['POST', { 'sec-fetch-site': 'same-origin' }, null],
    ['POST', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['POST', { origin: 'https://evil.example' }, 403],
    ['POST', { origin: 'null' }, 403],
    ['POST', { 'sec-fetch-site': 'same-site' }, 403],
    ['POST', { 'sec-fetch-site': 'none' }, 403],
    ['POST', {}, 403],
    ['DELETE', { origin: 'http://patternwise.example' }, 403],
    ['GET', {}, null],
    ['GET', { 'sec-fetch-site': 'none' }, null],
    ['GET', { 'sec-fetch-site': 'same-origin' }, null],
    ['GET', { 'sec-fetch-site': 'cross-site' }, 403],
  ] as const)('%s %j -> %s', (method, headers, status) => {
    expect(checkOrigin(req(method, headers))?.status ?? null).toBe(status);
  });
});

describe('the host the learner used', () => {
  // NEXTAUTH_URL pins localhost, the learner typed 127.0.0.1: the same server, the same origin.
  const local = (headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/sign-out', { method: 'POST', headers });
  beforeEach(() => {
    process.env.NEXTAUTH_URL = 'http://localhost:3000';
  });

  it('accepts a post whose Origin is the host it was sent to, as well as the configured one', () => {
    expect(checkOrigin(local({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(checkOrigin(local({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull();
  });

  it('still refuses every other origin, whatever the Host', () => {
    expect(checkOrigin(local({ host: '127.0.0.1:3000', origin: 'http://evil.example' }))?.status).toBe(403);
    expect(checkOrigin(local({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))?.status).toBe(403);
    expect(checkOrigin(local({ host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' }))?.status).toBe(403);
    expect(checkOrigin(local({ host: '127.0.0.1:3000', origin: 'null' }))?.status).toBe(403);
    expect(checkOrigin(local({ host: '127.0.0.1:3000' }))?.status).toBe(403);
    expect(checkOrigin(local({ host: 'evil.example/x@127.0.0.1:3000', origin: 'http://evil.example' }))?.status).toBe(403);
  });

  it('reads the origin from the Host header and the request scheme, and nothing odd', () => {
    expect(requestOrigin(local({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    expect(requestOrigin(local({ host: '[::1]:3000' }))).toBe('http://[::1]:3000');
    expect(requestOrigin(local({ host: 'a.example:3000/path' }))).toBeNull();
    expect(requestOrigin(local({ host: 'user@a.example' }))).toBeNull();
    expect(requestOrigin(local({}))).toBeNull();
    expect(isOwnOrigin(local({}), null)).toBe(false);
  });
});

describe('guardRequest', () => {
  const ours = { origin: 'https://patternwise.example' };
  it('takes JSON bodies only, with or without a charset', () => {
    expect(guardRequest(req('POST', { ...ours, 'content-type': 'application/json' }, '{}'), 'json')).toBeNull();
    expect(guardRequest(req('POST', { ...ours, 'content-type': 'application/json; charset=utf-8' }, '{}'), 'json')).toBeNull();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(guardRequest(req('POST', { ...ours, 'content-type': type }, '{}'), 'json')?.status).toBe(415);
    }
    expect(guardRequest(req('POST', ours, '{}'), 'json')?.status).toBe(415);
  });
  it('refuses a declared body over 1 MB with 413', () => {
    expect(guardRequest(req('POST', { ...ours, 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) }), 'json')?.status).toBe(413);
  });
  it('lets body-less routes take no body at all', () => {
    expect(guardRequest(req('POST', ours), 'none')).toBeNull();
    expect(guardRequest(req('POST', { ...ours, 'content-length': '0' }), 'none')).toBeNull();
    expect(guardRequest(req('DELETE', { ...ours, 'content-type': 'application/json' }), 'none')).toBeNull();
    expect(guardRequest(req('POST', { ...ours, 'content-type': 'text/plain' }), 'none')?.status).toBe(415);
    expect(guardRequest(req('POST', { ...ours, 'content-type': 'application/json', 'content-length': '2' }, '{}'), 'none')?.status).toBe(400);
    expect(guardRequest(req('POST', { ...ours, 'transfer-encoding': 'chunked' }), 'none')?.status).toBe(400);
  });
  it('checks the origin before the body', () => {
    expect(guardRequest(req('POST', { origin: 'https://evil.example', 'content-type': 'text/plain' }, 'x'), 'json')?.status).toBe(403);
  });
});

describe('readCappedText', () => {
  it('stops a body past the cap even without a length', async () => {
    await expect(readCappedText(req('POST', {}, 'x'.repeat(2000)), 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(readCappedText(req('POST', {}, 'ok'), 1000)).resolves.toBe('ok');
  });
  it('refuses broken UTF-8', async () => {
    const bad = new Request(URL_, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    await expect(readCappedText(bad)).rejects.toThrow();
  });
});
