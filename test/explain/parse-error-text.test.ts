import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/explain/bound-text.js';
import { parseErrorText } from '../../src/explain/parse-error-text.js';

describe('parseErrorText', () => {
  it('reads a TypeScript SDK line with a JSON body', () => {
    const p = parseErrorText(
      'RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."},"request_id":"req_011CXYZabc123"}',
    );
    expect(p).toMatchObject({
      format: 'sdk-line',
      status: 429,
      type: 'rate_limit_error',
      sdkClass: 'RateLimitError',
      requestId: 'req_011CXYZabc123',
    });
    expect(p.message).toContain('50 requests per minute');
  });

  it('reads a Python traceback with a repr body and an error code', () => {
    const p = parseErrorText(`Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    client.messages.create(model="claude-sonnet-4-6", max_tokens=10, messages=m)
  File "/usr/lib/python3.12/site-packages/anthropic/_base_client.py", line 1061, in _request
    raise self._make_status_error_from_response(err.response) from None
anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': "Your organization's monthly spend cap is reached.", 'details': {'error_code': 'enforced_spend_limit_reached'}}, 'request_id': 'req_011CAbCdEf9'}`);
    expect(p).toMatchObject({
      format: 'traceback',
      status: 429,
      type: 'rate_limit_error',
      errorCode: 'enforced_spend_limit_reached',
      sdkClass: 'RateLimitError',
      sdkLanguage: 'python',
      requestId: 'req_011CAbCdEf9',
    });
    expect(p.message).toBe("Your organization's monthly spend cap is reached.");
  });

  it('reads an old-SDK 529 sent as InternalServerError', () => {
    const p = parseErrorText('InternalServerError: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    expect(p).toMatchObject({ status: 529, type: 'overloaded_error', sdkClass: 'InternalServerError' });
  });

  it('reads a Cloudflare HTML page', () => {
    const p = parseErrorText(
      '<!DOCTYPE html><html><head><title>api.anthropic.com | 524: A timeout occurred</title></head><body>Error code 524 ... Cloudflare Ray ID: <strong class="font-semibold">8f1a2b3c4d5e6f70</strong></body></html>',
    );
    expect(p).toMatchObject({ format: 'html', status: 524, rayId: '8f1a2b3c4d5e6f70' });
    expect(p.message).toContain('timeout occurred');
  });

  it('reads proxy text and a stream error after 200', () => {
    expect(parseErrorText('upstream connect error or disconnect/reset before headers. reset reason: connection failure')).toMatchObject({
      format: 'proxy-text',
    });
    const s = parseErrorText('event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}');
    expect(s).toMatchObject({ format: 'stream', inStream: true, type: 'overloaded_error' });
    expect(s.status).toBeUndefined();
  });

  it('reads the edge 413 and region 403 bodies without the error wrapper', () => {
    expect(parseErrorText('413 {"error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}')).toMatchObject({
      status: 413,
      type: 'request_too_large',
    });
    expect(parseErrorText('PermissionDeniedError: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}')).toMatchObject({
      status: 403,
      type: 'forbidden',
    });
  });

  it('picks the connection timeout class over its parent and finds the model', () => {
    expect(parseErrorText('APIConnectionTimeoutError: Request timed out.\n    at Anthropic.makeRequest (client.mjs:400:15)').sdkClass).toBe(
      'APIConnectionTimeoutError',
    );
    expect(parseErrorText('NotFoundError: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-3-opus-20240229"}}').model).toBe(
      'claude-3-opus-20240229',
    );
  });

  it('cuts inputs over the cap, keeping head and tail', () => {
    const text = `Error code: 429 - ${'x'.repeat(MAX_INPUT_CHARS * 2)} anthropic.RateLimitError`;
    const p = parseErrorText(text);
    expect(p.truncated).toBe(true);
    expect(p.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(p).toMatchObject({ status: 429, sdkClass: 'RateLimitError' });
  });
});

describe('parseErrorText messages', () => {
  it('unescapes JSON string escapes, including \\u sequences', () => {
    const p = parseErrorText('{"type":"error","error":{"type":"rate_limit_error","message":"your organization\\u2019s rate limit of \\"50\\" requests"}}');
    expect(p.message).toBe('your organization’s rate limit of "50" requests');
  });
});

describe('parseErrorText status sources', () => {
  it('prefers the status line over a header that looks like one', () => {
    expect(parseErrorText('HTTP/1.1 529 \nContent-Length: 437\n\n{"type":"error"}').status).toBe(529);
  });
});
