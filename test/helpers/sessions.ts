import type { DataSource } from 'typeorm';
import type { WizardDefinition } from '../../src/definitions/wizard-definition';
import { insertWizards } from './fixtures';
import type { GraphQLEndpoint, GraphQLResponse } from './test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

/** The session fields most tests look at. */
export const SESSION_FIELDS = `
  id version status isCompleted totalPrice completionTimeMinutes currentStepId
  currentStep {
    id key status current canGoBack canSkip optional autoAdvance
    sets { id key visible required value file { name mimeType bytes }
      options { id key visible disabled required selected default recommended additionalInput } }
    draft { stepId answers { setId optionIds value additionalInput { optionId text } } }
  }
  path { id key status optional }
  progress { stepsDone stepsRemaining totalSteps percent }
  price { total lines { id stepId setId label price } }
  completion { ok missing { stepKey reason } }
  selections { id stepId setId optionId selectedValue additionalInput selectionOrder timeSpentSeconds }
  skips { stepId reason }
`;

const MOVE_FIELDS = `session { ${SESSION_FIELDS} } next { step { id key } complete via rule { id name type } optional reason } pruned { stepIds setIds optionIds } autoAdvanced`;

export const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { sessionToken session { ${SESSION_FIELDS} } } }`;
export const SUBMIT = `mutation($input: StepAnswersInput!) { submitStep(input: $input) { ${MOVE_FIELDS} } }`;
export const DRAFT = `mutation($input: StepAnswersInput!) { saveDraft(input: $input) { ${MOVE_FIELDS} } }`;
export const BACK = `mutation($input: SessionVersionInput!) { goBack(input: $input) { ${MOVE_FIELDS} } }`;
export const SKIP = `mutation($input: SkipStepInput!) { skipStep(input: $input) { ${MOVE_FIELDS} } }`;
export const PAUSE = `mutation($input: SessionVersionInput!) { pauseSession(input: $input) { session { ${SESSION_FIELDS} } } }`;
export const RESUME = `mutation($input: SessionVersionInput!) { resumeSession(input: $input) { session { ${SESSION_FIELDS} } } }`;
export const COMPLETE = `mutation($input: SessionVersionInput!) { completeSession(input: $input) { session { ${SESSION_FIELDS} } } }`;
export const DELETE = `mutation($input: SessionVersionInput!) { deleteSession(input: $input) { deletedId } }`;
export const PREVIEW = `mutation($input: PreviewStepInput!) { previewStep(input: $input) {
  ok problems { code setId setKey optionId message }
  view { id key status sets { id key visible options { id key selected visible disabled } } }
  next { step { id key } complete via reason } nextView { id key }
  price { total lines { id price } } progress { stepsDone stepsRemaining percent }
  pruned { stepIds setIds optionIds } } }`;
export const SESSION = `query($id: ID, $token: String) { session(id: $id, token: $token) { ${SESSION_FIELDS} } }`;
export const ACTIVITY = `query($sessionId: ID, $wizardId: ID, $first: Int, $after: String) {
  activityLog(sessionId: $sessionId, wizardId: $wizardId, first: $first, after: $after) {
    edges { cursor node { id sessionId userId type details createdAt } } pageInfo { hasNextPage endCursor } } }`;

/** Ids of a stored wizard by key: steps, `step.set`, `step.set.option`, rules by name. */
export interface WizardIds {
  wizardId: string;
  step: Record<string, string>;
  set: Record<string, string>;
  option: Record<string, string>;
}

/** Stores wizard definitions and returns their ids by key. */
export async function storeWizards(
  dataSource: DataSource,
  definitions: WizardDefinition[],
): Promise<WizardIds[]> {
  const ids = await insertWizards(dataSource, definitions);
  return Promise.all(ids.map((id) => wizardIds(dataSource, id)));
}

/** The ids of a stored wizard's parts by key (read as the system, straight from the tables). */
export async function wizardIds(dataSource: DataSource, wizardId: number): Promise<WizardIds> {
  const rows = await dataSource.query<
    {
      step_key: string;
      step_id: number;
      set_key: string | null;
      set_id: number | null;
      option_key: string | null;
      option_id: number | null;
    }[]
  >(
    `SELECT st.step_key, st.step_id, os.set_key, os.set_id, o.option_key, o.option_id
       FROM wizard_steps st
       LEFT JOIN wizard_option_sets os ON os.step_id = st.step_id
       LEFT JOIN wizard_options o ON o.set_id = os.set_id
      WHERE st.wizard_id = $1`,
    [wizardId],
  );
  const result: WizardIds = { wizardId: String(wizardId), step: {}, set: {}, option: {} };
  for (const row of rows) {
    result.step[row.step_key] = String(row.step_id);
    if (row.set_key) result.set[`${row.step_key}.${row.set_key}`] = String(row.set_id);
    if (row.set_key && row.option_key)
      result.option[`${row.step_key}.${row.set_key}.${row.option_key}`] = String(row.option_id);
  }
  return result;
}

/** An answer written with keys: options by key, or a value, or a file. */
export interface KeyedAnswer {
  options?: string[];
  value?: string;
  file?: { name: string; mimeType: string; bytes: number };
  /** Typed input by option key. */
  input?: Record<string, string>;
}

/** Turns `{ setKey: answer }` of one step into the API's answers list. */
export function answersFor(
  ids: WizardIds,
  stepKey: string,
  answers: Record<string, KeyedAnswer>,
): AnyData[] {
  return Object.entries(answers).map(([setKey, answer]) => {
    const setId = ids.set[`${stepKey}.${setKey}`];
    if (!setId) throw new Error(`no set ${stepKey}.${setKey}`);
    const optionId = (key: string) => {
      const id = ids.option[`${stepKey}.${setKey}.${key}`];
      if (!id) throw new Error(`no option ${stepKey}.${setKey}.${key}`);
      return id;
    };
    return {
      setId,
      ...(answer.options ? { optionIds: answer.options.map(optionId) } : {}),
      ...(answer.value !== undefined ? { value: answer.value } : {}),
      ...(answer.file ? { file: answer.file } : {}),
      ...(answer.input
        ? {
            additionalInput: Object.entries(answer.input).map(([key, text]) => ({
              optionId: optionId(key),
              text,
            })),
          }
        : {}),
    };
  });
}

/**
 * One session driven through the API by keys, keeping its version: each call sends the version
 * the last response returned, as a client would.
 */
export class SessionDriver {
  version = 0;
  id = '';
  token = '';
  last: AnyData = {};

  constructor(
    readonly server: GraphQLEndpoint,
    readonly ids: WizardIds,
    readonly headers: Record<string, string> = {},
  ) {}

  private async call(query: string, input: AnyData): Promise<GraphQLResponse> {
    const response = await this.server.graphql(query, { input }, this.headers);
    const data = response.body.data;
    const payload = data ? (Object.values(data)[0] as AnyData | null) : null;
    if (payload?.session) {
      this.last = payload.session;
      this.version = payload.session.version;
    }
    return response;
  }

  /** Starts the session (or fails the test with the errors). */
  async start(extra: AnyData = {}): Promise<AnyData> {
    const response = await this.call(START, { wizardId: this.ids.wizardId, ...extra });
    const payload = ok(response).startSession;
    this.id = payload.session.id;
    this.token = payload.sessionToken;
    return payload.session;
  }

  submit(stepKey: string, answers: Record<string, KeyedAnswer>, version = this.version) {
    return this.call(SUBMIT, this.stepInput(stepKey, answers, version));
  }

  draft(stepKey: string, answers: Record<string, KeyedAnswer>, version = this.version) {
    return this.call(DRAFT, this.stepInput(stepKey, answers, version));
  }

  async preview(stepKey: string, answers: Record<string, KeyedAnswer>) {
    const input = this.stepInput(stepKey, answers, this.version);
    return this.server.graphql(PREVIEW, { input }, this.headers);
  }

  back(version = this.version) {
    return this.call(BACK, { sessionId: this.id, expectedVersion: version });
  }

  skip(reason?: string, version = this.version) {
    return this.call(SKIP, { sessionId: this.id, expectedVersion: version, reason });
  }

  pause(version = this.version) {
    return this.call(PAUSE, { sessionId: this.id, expectedVersion: version });
  }

  resume(version = this.version) {
    return this.call(RESUME, { sessionId: this.id, expectedVersion: version });
  }

  complete(version = this.version) {
    return this.call(COMPLETE, { sessionId: this.id, expectedVersion: version });
  }

  remove(version = this.version) {
    return this.call(DELETE, { sessionId: this.id, expectedVersion: version });
  }

  async read(): Promise<AnyData> {
    const response = await this.server.graphql(SESSION, { id: this.id }, this.headers);
    return ok(response).session;
  }

  async activity(): Promise<AnyData[]> {
    const response = await this.server.graphql(
      ACTIVITY,
      { sessionId: this.id, first: 100 },
      this.headers,
    );
    return ok(response).activityLog.edges.map((edge: AnyData) => edge.node);
  }

  stepInput(stepKey: string, answers: Record<string, KeyedAnswer>, version: number): AnyData {
    const stepId = this.ids.step[stepKey];
    if (!stepId) throw new Error(`no step ${stepKey}`);
    return {
      sessionId: this.id,
      stepId,
      expectedVersion: version,
      answers: answersFor(this.ids, stepKey, answers),
    };
  }
}

/** The data of a response that must have succeeded. */
export function ok(response: GraphQLResponse): AnyData {
  if (response.body.errors?.length || !response.body.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data;
}

/** The first error's code and extensions of a response that must have failed. */
export function failure(response: GraphQLResponse): {
  code: unknown;
  message: string;
  extensions: AnyData;
} {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body.data)}`);
  return {
    code: error.extensions?.code,
    message: error.message,
    extensions: error.extensions ?? {},
  };
}
