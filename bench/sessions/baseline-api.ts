// The client's adapter for the baseline: the same three transitions as plain JSON POSTs, the
// account's user id in X-User-Id.
import { HttpClient } from './http-client';
import type { Operation } from './recorder';
import {
  OperationError,
  parseJson,
  type SessionApi,
  type SessionRef,
  type StepChoice,
} from './session-api';

export class BaselineSessionApi implements SessionApi {
  private readonly http: HttpClient;
  private readonly headers: Record<string, string>;
  private readonly urls: Record<Operation, string>;

  constructor(
    baseUrl: string,
    userId: number,
    private readonly wizardId: string,
    private readonly sessionName: string,
    timeoutMs: number,
  ) {
    this.http = new HttpClient(timeoutMs);
    this.headers = { 'x-user-id': String(userId) };
    const url = (path: string) => new URL(path, baseUrl).href;
    this.urls = { start: url('/start'), submit: url('/submit'), complete: url('/complete') };
  }

  private async call(url: string, input: Record<string, unknown>): Promise<SessionRef> {
    const answer = await this.http.postJson(url, JSON.stringify(input), this.headers);
    const json = parseJson(answer.status, answer.text);
    if (answer.status !== 200) {
      const code = json?.error?.code ?? `HTTP_${answer.status}`;
      throw new OperationError(String(code), String(json?.error?.message ?? answer.text));
    }
    return { id: String(json.id), version: Number(json.version) };
  }

  start(): Promise<SessionRef> {
    return this.call(this.urls.start, {
      wizardId: Number(this.wizardId),
      sessionName: this.sessionName,
    });
  }

  submit(session: SessionRef, choice: StepChoice): Promise<SessionRef> {
    return this.call(this.urls.submit, {
      sessionId: Number(session.id),
      stepId: Number(choice.stepId),
      expectedVersion: session.version,
      answers: [{ setId: Number(choice.setId), optionIds: [Number(choice.optionId)] }],
    });
  }

  complete(session: SessionRef): Promise<SessionRef> {
    return this.call(this.urls.complete, {
      sessionId: Number(session.id),
      expectedVersion: session.version,
    });
  }

  close(): void {
    this.http.close();
  }
}
