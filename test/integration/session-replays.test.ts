import { linearWizard } from '../fixtures/session-wizards';
import { registerAccount, type TestAccount } from '../helpers/accounts';
import { failure, ok, storeWizards, type WizardIds } from '../helpers/sessions';
import {
  chosen,
  driverFor,
  pathOf,
  REPLAY,
  rowCounts,
  runSession,
  SHARE,
  type RunMove,
  notesWizard as notesWizardOf,
  NOTES_RUN,
} from '../helpers/sharing';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

const notesWizard = notesWizardOf('replay-notes');

const LINEAR_ABA: RunMove[] = [
  { step: 'one', answers: { pick: { options: ['a'] } } },
  { step: 'two', answers: { pick: { options: ['b'] } } },
  { step: 'three', answers: { pick: { options: ['a'] } } },
];

describe('replaySession', () => {
  let db: TestDatabase;
  let server: TestServer;
  let owner: TestAccount;
  let other: TestAccount;
  let notes: WizardIds;
  let linear: WizardIds;

  const replay = (account: TestAccount, input: AnyData) =>
    server.graphql(REPLAY, { input }, account.headers);
  const replayRow = async (newSessionId: string) =>
    (
      await db.dataSource.query<AnyData[]>(
        `SELECT user_id, template_id, original_session_id, replay_with_data, modifications_made
           FROM wizard_session_replays WHERE new_session_id = $1`,
        [newSessionId],
      )
    )[0];
  const typedValues = (session: AnyData) =>
    session.selections
      .map((row: AnyData) => [row.selectedValue, row.additionalInput])
      .filter(([value, input]: unknown[]) => value !== null || input !== null);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [notes, linear] = await storeWizards(db.dataSource, [
      notesWizard,
      { ...linearWizard, key: 'replay-linear' },
    ]);
    owner = await registerAccount(server, db.dataSource, 'owner@example.com');
    other = await registerAccount(server, db.dataSource, 'other@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('replays with data: the same answers, typed values included, no modifications', async () => {
    const original = await runSession(server, notes, owner.headers, NOTES_RUN);
    const copy = ok(await replay(owner, { sessionId: original.id, withData: true })).replaySession;
    expect({
      stepsApplied: copy.stepsApplied,
      notApplied: copy.notApplied,
      path: pathOf(copy.session),
      total: copy.session.price.total,
      typed: typedValues(copy.session),
      chosen: chosen(copy.session),
    }).toEqual({
      stepsApplied: 2,
      notApplied: [],
      path: ['one:ANSWERED', 'notes:ANSWERED'],
      total: '15.00',
      typed: [
        ['hello there', null],
        [null, { text: 'gift' }],
      ],
      chosen: chosen(await original.read()),
    });
    expect(await replayRow(copy.session.id)).toEqual({
      user_id: Number(owner.id),
      template_id: null,
      original_session_id: Number(original.id),
      replay_with_data: true,
      modifications_made: false,
    });
    const activity = await driverFor(server, notes, owner.headers, copy.session).activity();
    expect(activity.map((row) => row.type)).toEqual(['SESSION_STARTED', 'SESSION_REPLAYED']);
  });

  it('replays without data: typed values left out, an option that needs them reported, so modified from the start', async () => {
    const original = await runSession(server, notes, owner.headers, NOTES_RUN);
    const copy = ok(await replay(owner, { sessionId: original.id, withData: false })).replaySession;
    expect({
      stepsApplied: copy.stepsApplied,
      notApplied: copy.notApplied,
      total: copy.session.price.total,
      typed: typedValues(copy.session),
    }).toEqual({
      stepsApplied: 2,
      // The free text is left out and said so; the option that cannot stand without its input
      // is reported too.
      notApplied: [
        {
          step: 'notes',
          set: 'note',
          option: null,
          reason: 'typed data is not applied (withData is false)',
        },
        {
          step: 'notes',
          set: 'extra',
          option: null,
          reason: 'INPUT_REQUIRED: "Other" needs your input.',
        },
      ],
      total: '10.00',
      typed: [],
    });
    expect(await replayRow(copy.session.id)).toMatchObject({
      replay_with_data: false,
      modifications_made: true,
    });
  });

  it('marks modifications only once the new session answers differently', async () => {
    const original = await runSession(server, linear, owner.headers, LINEAR_ABA);
    const copy = ok(await replay(owner, { sessionId: original.id, withData: false })).replaySession;
    expect([copy.stepsApplied, copy.notApplied]).toEqual([3, []]);
    expect((await replayRow(copy.session.id)).modifications_made).toBe(false);
    const driver = driverFor(server, linear, owner.headers, copy.session);
    ok(await driver.submit('three', { pick: { options: ['a'] } }));
    expect((await replayRow(copy.session.id)).modifications_made).toBe(false);
    ok(await driver.submit('three', { pick: { options: ['b'] } }));
    expect((await replayRow(copy.session.id)).modifications_made).toBe(true);
    // Going back to the original answer does not undo that the copy was modified.
    ok(await driver.submit('three', { pick: { options: ['a'] } }));
    expect((await replayRow(copy.session.id)).modifications_made).toBe(true);
  });

  it("refuses to replay another user's session and writes nothing", async () => {
    const theirs = await runSession(server, linear, other.headers, LINEAR_ABA);
    const before = await rowCounts(db.dataSource);
    expect(failure(await replay(owner, { sessionId: theirs.id, withData: false })).code).toBe(
      'NOT_FOUND',
    );
    expect(await rowCounts(db.dataSource)).toEqual(before);
  });

  describe('a session shared with the replayer', () => {
    const share = async (sessionId: string, input: AnyData) =>
      ok(await server.graphql(SHARE, { input: { sessionId, ...input } }, other.headers))
        .shareSession;

    it('replays it with a share bound to them with canClone', async () => {
      const theirs = await runSession(server, notes, other.headers, NOTES_RUN);
      // With canView false the session stays hidden from the replayer (NOT_FOUND): see the report.
      // Clone-only: the share does not show the session, yet it may be copied.
      await share(theirs.id, { sharedWithUserId: owner.id, canClone: true, canView: false });
      const copy = ok(await replay(owner, { sessionId: theirs.id, withData: false })).replaySession;
      expect([copy.stepsApplied, copy.session.price.total, typedValues(copy.session)]).toEqual([
        2,
        '10.00',
        [],
      ]);
      expect(await replayRow(copy.session.id)).toMatchObject({
        user_id: Number(owner.id),
        original_session_id: Number(theirs.id),
      });
    });

    it.each([
      ['bound without canClone', 'FORBIDDEN', { canClone: false, canView: true }, 'bound'],
      ['open with canClone', 'NOT_FOUND', { canClone: true, canView: true }, 'open'],
    ])('refuses it with a share %s (%s)', async (_title, code, permissions, binding) => {
      const theirs = await runSession(server, linear, other.headers, LINEAR_ABA);
      await share(theirs.id, {
        ...permissions,
        sharedWithUserId: binding === 'bound' ? owner.id : null,
      });
      const before = await rowCounts(db.dataSource);
      const refused = failure(await replay(owner, { sessionId: theirs.id, withData: false }));
      expect(refused.code).toBe(code);
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('refuses data a bound share does not include', async () => {
      const theirs = await runSession(server, notes, other.headers, NOTES_RUN);
      await share(theirs.id, { sharedWithUserId: owner.id, canClone: true });
      const before = await rowCounts(db.dataSource);
      expect(failure(await replay(owner, { sessionId: theirs.id, withData: true })).code).toBe(
        'FORBIDDEN',
      );
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });
  });
});
