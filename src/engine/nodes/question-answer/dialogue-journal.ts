import type { ReceivedReply } from './interrupt-registry';

/** What a waiting question-answer node saves so a restored run can take up the dialogue. */
export interface DialogueState {
  /** replies received so far, in order */
  replies: ReceivedReply[];
  /** extraction model answers so far, in order */
  answers: unknown[];
  /** interrupts already emitted (the last one may still await its reply) */
  emitted: number;
}

/**
 * The dialogue's record of outside effects. A node re-executed from a snapshot replays it:
 * recorded replies and model answers are returned again instead of asking again, and an
 * interrupt already delivered is not emitted twice.
 */
export class DialogueJournal {
  private asks = 0;
  private calls = 0;
  private readonly state: DialogueState;

  constructor(
    saved: unknown,
    /** the engine's wait state: set while waiting (the run may be snapshotted), else cleared */
    private readonly setWaitState: (state: DialogueState | undefined) => void,
  ) {
    this.state = isDialogueState(saved)
      ? { replies: [...saved.replies], answers: [...saved.answers], emitted: saved.emitted }
      : { replies: [], answers: [], emitted: 0 };
  }

  get resumed(): boolean {
    return this.state.emitted > 0;
  }

  /** An ask: its recorded reply, or `ask(alreadyEmitted)` recorded. */
  async reply(ask: (alreadyEmitted: boolean) => Promise<ReceivedReply>): Promise<ReceivedReply> {
    const index = this.asks++;
    if (index < this.state.replies.length) return this.state.replies[index];
    const alreadyEmitted = index < this.state.emitted;
    const reply = await ask(alreadyEmitted);
    this.state.replies.push(reply);
    this.setWaitState(undefined);
    return reply;
  }

  /** Called before waiting: right before the interrupt is emitted (it counts as emitted). */
  waiting(): void {
    this.state.emitted = this.asks;
    this.setWaitState({
      ...this.state,
      replies: [...this.state.replies],
      answers: [...this.state.answers],
    });
  }

  /** A model call: its recorded answer, or `call()` recorded. */
  async answer<T>(call: () => Promise<T>): Promise<T> {
    const index = this.calls++;
    if (index < this.state.answers.length) return this.state.answers[index] as T;
    const answer = await call();
    this.state.answers.push(answer);
    return answer;
  }
}

function isDialogueState(value: unknown): value is DialogueState {
  const state = value as DialogueState | null | undefined;
  return (
    !!state &&
    Array.isArray(state.replies) &&
    Array.isArray(state.answers) &&
    typeof state.emitted === 'number'
  );
}
