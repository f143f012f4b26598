// Wire bodies for errors: the standard envelope (docs/api.md#envelope) and the chat chunk used by
// chat/resume routes before their stream starts (docs/api.md#chat-completions, nulls kept; docs/api.md#validation-errors-460 for code 460).

export interface EnvelopeError {
  code: number;
  message: string;
  sid?: string;
}

export function envelopeError(code: number, message: string, sid: string): EnvelopeError {
  return sid ? { code, message, sid } : { code, message };
}

/** Pre-stream chat error: the full end-of-workflow error chunk with nulls kept. */
export function chunkError(code: number, message: string, sid: string, now = Date.now()) {
  if (code === 460) {
    // validation failures on chat routes carry `created` in milliseconds (as a float)
    return { code, message, id: sid, created: now + 0.0 };
  }
  return {
    code,
    message,
    id: sid,
    created: Math.floor(now / 1000),
    workflow_step: { node: null, seq: 0, progress: 1.0 },
    choices: [
      {
        delta: { role: 'assistant', content: '', reasoning_content: '' },
        index: 0,
        finish_reason: 'stop',
      },
    ],
    usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
    event_data: null,
  };
}
