import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { setRoutePolicy } from '../http/route-policy';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code';
import type { RouteErrorPolicy } from './error-route.metadata';
import { GlobalExceptionFilter } from './global-exception.filter';

interface Written {
  status: number;
  body: Record<string, unknown>;
}

/** Filters one exception thrown inside a route with this policy; returns what was written. */
function answer(exception: unknown, policy: Partial<RouteErrorPolicy>): Written {
  const req = { id: 'sid-1' } as unknown as Request;
  setRoutePolicy(req, {
    shape: 'envelope',
    style: 'plain',
    fallback: ErrorCode.OPEN_API_ERROR,
    ...policy,
  });
  const written: Written = { status: 0, body: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      written.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(text: string) {
      written.body = JSON.parse(text) as Record<string, unknown>;
    },
  } as unknown as Response;
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new GlobalExceptionFilter().catch(exception, host);
  return written;
}

describe('GlobalExceptionFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  const unexpected = [
    new TypeError("Cannot read properties of undefined (reading 'length')"),
    new RangeError('Maximum call stack size exceeded'),
    Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: app.alias_id'), {
      name: 'QueryFailedError',
    }),
    'a thrown string',
  ];

  it.each([
    ['plain', ErrorCode.PROTOCOL_UPDATE_ERROR, 'Protocol update failed'],
    [
      'details',
      ErrorCode.APP_FLOW_AUTH_BOND_ERROR,
      'Application binding failed, Error details: internal error',
    ],
    ['raw', ErrorCode.NODE_DEBUG_ERROR, 'Node debug failed'],
  ] as const)('%s routes answer unexpected failures generically', (style, fallback, message) => {
    for (const exception of unexpected) {
      expect(answer(exception, { style, fallback })).toEqual({
        status: 200,
        body: { code: fallback.code, message, sid: 'sid-1' },
      });
    }
    // the details stay in the log, under the request's sid
    expect(logged).toHaveBeenCalledWith({ sid: 'sid-1', err: unexpected[0] }, 'unexpected error');
  });

  it('keeps our own errors verbatim, on raw routes too', () => {
    const traceback = 'Traceback (most recent call last):\nKeyError: 1';
    expect(
      answer(new AppException(ErrorCode.CODE_EXECUTION_ERROR, traceback), {
        style: 'raw',
        fallback: ErrorCode.CODE_EXECUTION_ERROR,
      }).body,
    ).toEqual({ code: 21600, message: `Code execution failed(${traceback})`, sid: 'sid-1' });
    expect(
      answer(AppException.raw(21700, 'node text-joiner::j1 failed'), { style: 'raw' }).body,
    ).toEqual({ code: 21700, message: 'node text-joiner::j1 failed', sid: 'sid-1' });
  });

  it('answers HTTP 200 for unexpected failures and the exception status for ours', () => {
    expect(answer(new Error('boom'), {}).status).toBe(200);
    const denied = new AppException({ code: 401, message: 'Unauthorized' }).withHttpStatus(401);
    expect(answer(denied, {}).status).toBe(401);
  });

  it('uses the chat chunk shape where the route says so', () => {
    const { body } = answer(new TypeError('x is not a function'), {
      shape: 'chunk',
      fallback: ErrorCode.OPEN_API_ERROR,
    });
    expect(body).toMatchObject({ code: 20805, message: 'OpenAPI output error', id: 'sid-1' });
  });
});
