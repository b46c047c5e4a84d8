import type { Test } from 'supertest';

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Splits a `text/event-stream` body into its events (comment lines such as heartbeats are skipped). */
export function parseServerSentEvents(text: string): ServerSentEvent[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => !line.startsWith(':')))
    .filter((lines) => lines.some((line) => line.startsWith('event: ')))
    .map((lines) => ({
      event: lines.find((line) => line.startsWith('event: '))!.slice('event: '.length),
      data: JSON.parse(
        lines
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice('data: '.length))
          .join('\n'),
      ),
    }));
}

/** Sends a supertest request for an event stream and resolves, once the server ends it, with status, headers and events. */
export async function readEventStream(request: Test): Promise<{
  status: number;
  headers: Record<string, string>;
  text: string;
  events: ServerSentEvent[];
}> {
  const res = await request.buffer(true).parse((stream, done) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.on('end', () => done(null, text));
  });
  const text = String(res.body);
  return {
    status: res.status,
    headers: res.headers as Record<string, string>,
    text,
    events: res.status === 200 ? parseServerSentEvents(text) : [],
  };
}
