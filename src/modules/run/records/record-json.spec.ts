import { isSecretKey, MAX_FIELD_BYTES, recordedJson, REDACTED, redactSecrets } from './record-json';

describe('run record JSON', () => {
  it('recognises credential keys whatever their case and separators', () => {
    for (const key of ['api_key', 'apiKey', 'API-KEY', 'apiSecret', 'password', 'Token']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['Authorization', 'secret', 'client_secret', 'access_token']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['max_tokens', 'prompt_tokens', 'tokenizer', 'input', 'keyword']) {
      expect(isSecretKey(key)).toBe(false);
    }
  });

  it('redacts at any depth, in arrays too, and leaves the input untouched', () => {
    const input = { a: { b: [{ Api_Key: 'k1', keep: 1 }] }, headers: { authorization: 'B x' } };
    expect(redactSecrets(input)).toEqual({
      a: { b: [{ Api_Key: REDACTED, keep: 1 }] },
      headers: { authorization: REDACTED },
    });
    expect(input.a.b[0].Api_Key).toBe('k1');
  });

  it('keeps small fields and replaces big ones by a marked preview', () => {
    expect(recordedJson({ text: 'hi' })).toEqual({ text: 'hi' });
    const big = { text: 'x'.repeat(MAX_FIELD_BYTES) };
    const kept = recordedJson(big) as { truncated: boolean; size: number; preview: string };
    expect(kept.truncated).toBe(true);
    expect(kept.size).toBe(JSON.stringify(big).length);
    expect(kept.preview.startsWith('{"text":"xxx')).toBe(true);
    expect(kept.preview.length).toBeLessThan(MAX_FIELD_BYTES);
  });
});
