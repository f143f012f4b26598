import { INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { EnvelopeInterceptor, RAW_RESPONSE } from '../src/core/http/envelope.interceptor';
import { ChatController } from '../src/modules/chat/chat.controller';
import { DebugChatController } from '../src/modules/debug/debug-chat.controller';
import { ResumeController } from '../src/modules/run/resume/resume.controller';
import { createTestApp, TestApp } from './helpers/test-app';

// The envelope is applied per controller (`@Enveloped()`), not app-wide, so that run routes
// carry no interceptor chain. Every route of the running app must therefore say which it is:
// enveloped, or `@RawResponse()`.

type Handler = (...args: unknown[]) => unknown;

function interceptorsOf(target: object): unknown[] {
  return (Reflect.getMetadata(INTERCEPTORS_METADATA, target) as unknown[] | undefined) ?? [];
}

/** every route handler of every controller the app registered, by "Class.method" */
function routes(t: TestApp): { name: string; controller: Handler; handler: Handler }[] {
  const found: { name: string; controller: Handler; handler: Handler }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Handler;
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (typeof handler !== 'function' || key === 'constructor') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        found.push({ name: `${controller.name}.${key}`, controller, handler: handler as Handler });
      }
    }
  }
  return found;
}

describe('route envelopes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives every route the envelope or marks it raw', () => {
    const all = routes(t);
    expect(all.length).toBeGreaterThan(20);
    const neither = all
      .filter(({ controller, handler }) => {
        const enveloped = [...interceptorsOf(controller), ...interceptorsOf(handler)].includes(
          EnvelopeInterceptor,
        );
        return !enveloped && Reflect.getMetadata(RAW_RESPONSE, handler) !== true;
      })
      .map(({ name }) => name);
    expect(neither).toEqual([]);
  });

  it('runs chat and resume routes without any interceptor', () => {
    const runRoutes = routes(t).filter(({ controller }) =>
      [ChatController, DebugChatController, ResumeController].includes(controller as never),
    );
    expect(runRoutes.length).toBe(4);
    for (const { controller, handler } of runRoutes) {
      expect([...interceptorsOf(controller), ...interceptorsOf(handler)]).toEqual([]);
    }
  });
});
