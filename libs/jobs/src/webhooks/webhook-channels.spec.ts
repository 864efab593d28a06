import { channelsFor, describeChannel, parseWebhookChannels, superiorChannel, WebhookConfigError } from './webhook-channels';
import { signWebhook, verifyWebhook } from './webhook-signature';
import { deliveryIdOf } from './webhook-jobs';

const secret = 's3cret-s3cret-s3cret';
const board = { id: 'board', url: 'https://board.example/hook?token=abc', secret, topics: ['notice'], communities: ['c1'] };
const wjw = { id: 'wjw', url: 'http://10.0.0.5/in', secret, topics: ['superior_report'], superiorDepartments: ['市卫生健康委员会'] };

describe('COBUILD_WEBHOOKS', () => {
  it('is empty when unset or blank', () => {
    expect(parseWebhookChannels(undefined)).toEqual([]);
    expect(parseWebhookChannels('  ')).toEqual([]);
  });

  it('reads channels and picks them by topic, community and superior department', () => {
    const channels = parseWebhookChannels(JSON.stringify([board, wjw]));
    expect(channelsFor(channels, 'notice', 'c1').map((c) => c.id)).toEqual(['board']);
    expect(channelsFor(channels, 'notice', 'c2')).toEqual([]);
    expect(superiorChannel(channels, ' 市卫生健康委员会 ')?.id).toBe('wjw');
    expect(superiorChannel(channels, '市教育局')).toBeNull();
  });

  it.each([
    ['not json', /not valid JSON/],
    [JSON.stringify([{ ...board, secret: 'short' }]), /\[0\]\.secret must be at least 16 characters/],
    [JSON.stringify([{ ...board, url: 'ftp://x' }]), /\[0\]\.url must be an http\(s\) URL/],
    [JSON.stringify([{ ...board, topics: [] }]), /topics needs at least one topic/],
    [JSON.stringify([{ ...board, topics: ['gossip'] }]), /topics/],
    [JSON.stringify([{ ...board, id: 'A B' }]), /\[0\]\.id/],
    [JSON.stringify([board, board]), /repeats the channel id board/],
    [JSON.stringify([{ ...board, extra: 1 }]), /extra|Unrecognized/],
  ])('refuses %s with a message naming the field', (raw, message) => {
    let error: unknown;
    try {
      parseWebhookChannels(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('short');
  });

  it('never shows a secret or URL credentials', () => {
    const [c] = parseWebhookChannels(JSON.stringify([board]));
    expect(JSON.stringify(describeChannel(c))).not.toMatch(/s3cret|token=abc/);
  });
});

describe('webhook signature', () => {
  const now = new Date('2026-05-06T01:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);
  const body = '{"a":1}';
  const sig = signWebhook(secret, ts, body);

  it('is HMAC-SHA256 over "<timestamp>.<body>"', () => {
    const { createHmac } = require('node:crypto') as typeof import('node:crypto');
    expect(sig).toBe(`sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`);
  });
  it('verifies', () => expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body, now)).toBe(true));
  it('refuses another body, secret or timestamp', () => {
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook('another-secret-0000', { signature: sig, timestamp: String(ts) }, body, now)).toBe(false);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts + 1) }, body, now)).toBe(false);
  });
  it('refuses an old timestamp (replay)', () =>
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body, new Date(now.getTime() + 301_000))).toBe(false));
});

describe('delivery ids', () => {
  it('are deterministic, distinct and valid job ids', () => {
    expect(deliveryIdOf('notice', 'n1', 'board')).toBe(deliveryIdOf('notice', 'n1', 'board'));
    expect(deliveryIdOf('notice', 'n1', 'board')).not.toBe(deliveryIdOf('notice', 'n1', 'wjw'));
    expect(deliveryIdOf('notice', 'a:b c', 'board')).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});
