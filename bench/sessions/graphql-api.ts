// The client's adapter for our server: the three mutations over HTTP with the account's token,
// asking only for what the next call needs (the session's id and version).
import { HttpClient } from './http-client';
import {
  OperationError,
  parseJson,
  type SessionApi,
  type SessionRef,
  type StepChoice,
} from './session-api';

const START = `mutation Start($input: StartSessionInput!) { startSession(input: $input) { sessionToken session { id version } } }`;
const SUBMIT = `mutation Submit($input: StepAnswersInput!) { submitStep(input: $input) { session { id version } } }`;
const COMPLETE = `mutation Complete($input: SessionVersionInput!) { completeSession(input: $input) { session { id version } } }`;

export class GraphqlSessionApi implements SessionApi {
  private readonly http: HttpClient;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly url: string,
    token: string,
    private readonly wizardId: string,
    private readonly sessionName: string,
    timeoutMs: number,
  ) {
    this.http = new HttpClient(timeoutMs);
    this.headers = { authorization: `Bearer ${token}` };
  }

  private async call(query: string, input: Record<string, unknown>): Promise<any> {
    const body = JSON.stringify({ query, variables: { input } });
    const answer = await this.http.postJson(this.url, body, this.headers);
    const json = parseJson(answer.status, answer.text);
    const error = json?.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? `HTTP_${answer.status}`;
      throw new OperationError(String(code), String(error.message));
    }
    const payload = json?.data ? Object.values(json.data)[0] : undefined;
    if (answer.status !== 200 || !payload)
      throw new OperationError(`HTTP_${answer.status}`, answer.text.slice(0, 200));
    return payload;
  }

  async start(): Promise<SessionRef> {
    const payload = await this.call(START, {
      wizardId: this.wizardId,
      sessionName: this.sessionName,
    });
    return payload.session;
  }

  async submit(session: SessionRef, choice: StepChoice): Promise<SessionRef> {
    const payload = await this.call(SUBMIT, {
      sessionId: session.id,
      stepId: choice.stepId,
      expectedVersion: session.version,
      answers: [{ setId: choice.setId, optionIds: [choice.optionId] }],
    });
    return payload.session;
  }

  async complete(session: SessionRef): Promise<SessionRef> {
    const payload = await this.call(COMPLETE, {
      sessionId: session.id,
      expectedVersion: session.version,
    });
    return payload.session;
  }

  close(): void {
    this.http.close();
  }
}
