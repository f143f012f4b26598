import { parseSse, type Json } from '../chat.helpers';
import type { TestApp } from './test-app';

// A streaming chat request read piece by piece over real HTTP, so a test can look at the frames
// that already reached the client while an upstream fixture still holds its stream open.

export interface HeldStream {
  /** reads until `enough(frames so far)` holds or the stream ends; returns the frames */
  readUntil: (enough: (frames: Json[]) => boolean) => Promise<Json[]>;
  /** reads to the end; returns every frame */
  readAll: () => Promise<Json[]>;
}

export async function openStream(
  t: TestApp,
  path: string,
  alias: string,
  body: Json,
): Promise<HeldStream> {
  const server = t.app.getHttpServer();
  if (!server.listening) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const port = (server.address() as { port: number }).port;
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-consumer-username': alias },
    body: JSON.stringify(body),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  // only whole events: a frame cut in half is left for the next read
  const frames = () => parseSse(raw.slice(0, raw.lastIndexOf('\n\n') + 2));
  const readUntil = async (enough: (frames: Json[]) => boolean) => {
    while (!enough(frames())) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
    }
    return frames();
  };
  return { readUntil, readAll: () => readUntil(() => false) };
}
