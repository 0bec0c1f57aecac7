// The events: real session transitions driven over HTTP by one USER. A session goes start, submit
// one, submit two, submit three, complete; then the next session starts. Each transition writes
// one activity row and publishes one event once it has committed.
import { performance } from 'node:perf_hooks';
import type { WizardIds } from '../../test/helpers/sessions';
import { postGraphql } from './graphql-http';

const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { session { id version } } }`;
const SUBMIT = `mutation($input: StepAnswersInput!) { submitStep(input: $input) { session { id version } } }`;
const COMPLETE = `mutation($input: SessionVersionInput!) { completeSession(input: $input) { session { id version } } }`;

const STEPS = ['one', 'two', 'three'];

/** When a trigger's request left (performance.now()) and how long its answer took. */
export interface Triggered {
  sentAt: number;
  roundTripMs: number;
}

export class SessionCycle {
  private sessionId = '';
  private version = 0;
  /** 0: start; 1..3: submit STEPS[n-1]; 4: complete. */
  private position = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly ids: WizardIds,
  ) {}

  /** Drives the next transition; resolves once the mutation has answered. */
  async next(): Promise<Triggered> {
    const [query, field, input] = this.request();
    // Latency counts from just before the request leaves: the body is built already.
    const sentAt = performance.now();
    const data = await postGraphql(this.url, this.token, query, { input });
    const roundTripMs = performance.now() - sentAt;
    const session = data[field].session as { id: string; version: number };
    this.sessionId = session.id;
    this.version = session.version;
    this.position = (this.position + 1) % (STEPS.length + 2);
    return { sentAt, roundTripMs };
  }

  private request(): [string, string, Record<string, unknown>] {
    if (this.position === 0) return [START, 'startSession', { wizardId: this.ids.wizardId }];
    const step = STEPS[this.position - 1];
    if (step === undefined) {
      return [
        COMPLETE,
        'completeSession',
        { sessionId: this.sessionId, expectedVersion: this.version },
      ];
    }
    return [
      SUBMIT,
      'submitStep',
      {
        sessionId: this.sessionId,
        stepId: this.ids.step[step],
        expectedVersion: this.version,
        answers: [
          { setId: this.ids.set[`${step}.pick`], optionIds: [this.ids.option[`${step}.pick.a`]] },
        ],
      },
    ];
  }
}
