import { registerAccount, type TestAccount } from '../helpers/accounts';
import { failure, ok, storeWizards, SUBMIT, type WizardIds } from '../helpers/sessions';
import {
  CLONE_SHARED,
  MY_SHARES,
  REVOKE_SHARE,
  rowCounts,
  runSession,
  SHARE,
  SHARED_SESSION,
  notesWizard as notesWizardOf,
  NOTES_RUN,
} from '../helpers/sharing';
import type { GraphQLResponse } from '../helpers/test-server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Tests read responses loosely.
type AnyData = Record<string, any>;

const notesWizard = notesWizardOf('share-notes');

/** `OK`, or `CODE` / `CODE:REASON` of a refusal. */
function outcome(response: GraphQLResponse): string {
  if (!response.body.errors?.length) return 'OK';
  const { code, extensions } = failure(response);
  return extensions.reason ? `${String(code)}:${String(extensions.reason)}` : String(code);
}

/** What the holder sees of the typed data: the note's selection, set value and the input. */
function typedSeen(session: AnyData): AnyData {
  const note = session.selections.find((row: AnyData) => row.optionId === null);
  const extra = session.selections.find(
    (row: AnyData) =>
      row.optionId !== null && row.additionalInput !== undefined && row.stepId === note?.stepId,
  );
  return {
    selectedValue: note?.selectedValue ?? null,
    additionalInput: extra?.additionalInput ?? null,
  };
}

interface Combo {
  canView: boolean;
  canClone: boolean;
  canEdit: boolean;
  bound: boolean;
  includeUserData: boolean;
}

const COMBOS: Combo[] = [];
for (const canView of [true, false])
  for (const canClone of [true, false])
    for (const canEdit of [true, false])
      for (const bound of [true, false])
        for (const includeUserData of [true, false])
          COMBOS.push({ canView, canClone, canEdit, bound, includeUserData });

const title = (combo: Combo) =>
  [
    combo.canView ? 'view' : '-',
    combo.canClone ? 'clone' : '-',
    combo.canEdit ? 'edit' : '-',
    combo.bound ? 'bound' : 'open',
    combo.includeUserData ? 'with data' : 'no data',
  ].join(' ');

describe('session shares', () => {
  let db: TestDatabase;
  let server: TestServer;
  let owner: TestAccount;
  let grantee: TestAccount;
  let stranger: TestAccount;
  let notes: WizardIds;

  const share = (account: TestAccount, input: AnyData) =>
    server.graphql(SHARE, { input }, account.headers);
  const open = (token: string, headers: Record<string, string>) =>
    server.graphql(SHARED_SESSION, { token }, headers);
  const clone = (token: string, headers: Record<string, string>) =>
    server.graphql(CLONE_SHARED, { input: { token } }, headers);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    [notes] = await storeWizards(db.dataSource, [notesWizard]);
    owner = await registerAccount(server, db.dataSource, 'owner@example.com');
    grantee = await registerAccount(server, db.dataSource, 'grantee@example.com');
    stranger = await registerAccount(server, db.dataSource, 'stranger@example.com');
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  describe('every permission combination', () => {
    it.each(COMBOS.map((combo) => [title(combo), combo] as const))('%s', async (_t, combo) => {
      const session = await runSession(server, notes, owner.headers, NOTES_RUN);
      const input = {
        sessionId: session.id,
        sharedWithUserId: combo.bound ? grantee.id : null,
        canView: combo.canView,
        canClone: combo.canClone,
        canEdit: combo.canEdit,
        includeUserData: combo.includeUserData,
      };
      if (!combo.canView && !combo.canClone && !combo.canEdit) {
        const before = await rowCounts(db.dataSource);
        expect(outcome(await share(owner, input))).toBe('BAD_USER_INPUT');
        expect(await rowCounts(db.dataSource)).toEqual(before);
        return;
      }
      const { shareToken } = ok(await share(owner, input)).shareSession;
      expect(shareToken).toMatch(/^mwsh_/);
      const viewed = await open(shareToken, grantee.headers);
      const byStranger = await open(shareToken, stranger.headers);
      const cloned = await clone(shareToken, grantee.headers);
      const strangerClone = await clone(shareToken, stranger.headers);
      const editHeaders = combo.bound
        ? grantee.headers
        : { ...grantee.headers, 'x-share-token': shareToken };
      const edit = await server.graphql(
        SUBMIT,
        {
          input: session.stepInput('notes', { note: { value: 'edited' } }, session.version),
        },
        editHeaders,
      );
      const actual = {
        view: outcome(viewed),
        viewByStranger: outcome(byStranger),
        typed: viewed.body.data?.sharedSession ? typedSeen(viewed.body.data.sharedSession) : null,
        clone: outcome(cloned),
        cloneByStranger: outcome(strangerClone),
        edit: outcome(edit),
      };
      const refusedFor = (allowed: boolean) => (allowed ? 'OK' : 'FORBIDDEN:NOT_PERMITTED');
      const forStranger = (allowed: boolean) =>
        combo.bound ? 'FORBIDDEN:NOT_FOR_YOU' : refusedFor(allowed);
      expect(actual).toEqual({
        view: refusedFor(combo.canView),
        viewByStranger: forStranger(combo.canView),
        typed: combo.canView
          ? combo.includeUserData
            ? { selectedValue: 'hello there', additionalInput: { text: 'gift' } }
            : { selectedValue: null, additionalInput: null }
          : null,
        clone: refusedFor(combo.canClone),
        cloneByStranger: forStranger(combo.canClone),
        // Bound: by identity, so a refusal is row-level security's (hidden, or read-only).
        // Open: the X-Share-Token header is checked for canEdit.
        edit: combo.canEdit
          ? 'OK'
          : combo.bound
            ? combo.canView
              ? 'FORBIDDEN'
              : 'NOT_FOUND'
            : 'FORBIDDEN:NOT_PERMITTED',
      });
      if (combo.canEdit) {
        const after = await session.read();
        const note = after.selections.find((row: AnyData) => row.optionId === null);
        expect([after.version, note.selectedValue]).toEqual([session.version + 1, 'edited']);
      }
    });
  });
  describe('tokens that open nothing', () => {
    const fresh = async (extra: AnyData = {}) => {
      const session = await runSession(server, notes, owner.headers, NOTES_RUN);
      const { share: made, shareToken } = ok(
        await share(owner, { sessionId: session.id, ...extra }),
      ).shareSession;
      return { session, shareId: made.id as string, shareToken: shareToken as string };
    };

    it('refuses an expired share (EXPIRED) and writes nothing', async () => {
      const { shareId, shareToken } = await fresh();
      await db.dataSource.query(
        `UPDATE wizard_session_shares SET expires_at = now() - interval '1 minute' WHERE share_id = $1`,
        [shareId],
      );
      const before = await rowCounts(db.dataSource);
      expect(outcome(await open(shareToken, grantee.headers))).toBe('FORBIDDEN:EXPIRED');
      expect(outcome(await clone(shareToken, grantee.headers))).toBe('FORBIDDEN:EXPIRED');
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('refuses a revoked share (REVOKED); only the sharer revokes', async () => {
      const { shareId, shareToken } = await fresh();
      const revoke = (account: TestAccount) =>
        server.graphql(REVOKE_SHARE, { input: { shareId } }, account.headers);
      expect(outcome(await revoke(grantee))).toBe('NOT_FOUND');
      expect(outcome(await open(shareToken, grantee.headers))).toBe('OK');
      const revoked = ok(await revoke(owner)).revokeShare.share;
      expect([revoked.isActive, revoked.useCount]).toEqual([false, 1]);
      const before = await rowCounts(db.dataSource);
      expect(outcome(await open(shareToken, grantee.headers))).toBe('FORBIDDEN:REVOKED');
      expect(outcome(await clone(shareToken, grantee.headers))).toBe('FORBIDDEN:REVOKED');
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('counts uses and refuses once maxUses is reached (USED_UP)', async () => {
      const { shareId, shareToken } = await fresh({ maxUses: 3 });
      const outcomes = [
        outcome(await open(shareToken, grantee.headers)),
        outcome(await clone(shareToken, grantee.headers)),
        outcome(await open(shareToken, stranger.headers)),
      ];
      expect(outcomes).toEqual(['OK', 'OK', 'OK']);
      const before = await rowCounts(db.dataSource);
      expect(outcome(await open(shareToken, grantee.headers))).toBe('FORBIDDEN:USED_UP');
      expect(outcome(await clone(shareToken, grantee.headers))).toBe('FORBIDDEN:USED_UP');
      expect(await rowCounts(db.dataSource)).toEqual(before);
      const [row] = await db.dataSource.query<{ use_count: number }[]>(
        'SELECT use_count FROM wizard_session_shares WHERE share_id = $1',
        [shareId],
      );
      expect(row.use_count).toBe(3);
    });

    it.each([
      ['an unknown token', 'mwsh_' + 'A'.repeat(43)],
      ['a malformed token', 'not-a-token'],
      ['an overlong token', 'mwsh_' + 'A'.repeat(200)],
    ])('answers %s with NOT_FOUND and writes nothing', async (_title, token) => {
      const before = await rowCounts(db.dataSource);
      expect(outcome(await open(token, grantee.headers))).toBe('NOT_FOUND');
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('refuses a mutation sent with an unknown X-Share-Token', async () => {
      const { session } = await fresh({ canEdit: true });
      const before = await rowCounts(db.dataSource);
      const response = await server.graphql(
        SUBMIT,
        { input: session.stepInput('notes', { note: { value: 'x' } }, session.version) },
        { ...grantee.headers, 'x-share-token': 'mwsh_' + 'B'.repeat(43) },
      );
      expect(outcome(response)).toBe('NOT_FOUND');
      expect([response.status, response.body.errors?.[0]?.message]).toEqual([
        404,
        'WizardSessionShare with that token was not found',
      ]);
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });
  });

  describe('sharing and listing', () => {
    it("refuses to share someone else's session and writes nothing", async () => {
      const theirs = await runSession(server, notes, stranger.headers, NOTES_RUN);
      const before = await rowCounts(db.dataSource);
      expect(outcome(await share(owner, { sessionId: theirs.id }))).toBe('NOT_FOUND');
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('refuses to share, even as a grantee with canView, a session one does not own (FORBIDDEN)', async () => {
      const session = await runSession(server, notes, owner.headers, NOTES_RUN);
      ok(await share(owner, { sessionId: session.id, sharedWithUserId: grantee.id }));
      const before = await rowCounts(db.dataSource);
      expect(outcome(await share(grantee, { sessionId: session.id }))).toBe('FORBIDDEN');
      expect(await rowCounts(db.dataSource)).toEqual(before);
    });

    it('records SESSION_SHARED on the session', async () => {
      const session = await runSession(server, notes, owner.headers, NOTES_RUN);
      const made = ok(
        await share(owner, {
          sessionId: session.id,
          sharedWithUserId: grantee.id,
          canEdit: true,
          maxUses: 4,
        }),
      ).shareSession.share;
      const activity = await session.activity();
      expect(activity.at(-1)).toMatchObject({
        type: 'SESSION_SHARED',
        details: {
          shareId: Number(made.id),
          boundToUser: true,
          canView: true,
          canClone: true,
          canEdit: true,
          includeUserData: false,
          maxUses: 4,
        },
      });
      // Only the token's SHA-256 is stored.
      const [row] = await db.dataSource.query<{ share_token: string }[]>(
        'SELECT share_token FROM wizard_session_shares WHERE share_id = $1',
        [made.id],
      );
      expect(row.share_token).toMatch(/^[0-9a-f]{64}$/);
    });

    it("myShares lists only the viewer's shares, of one session when asked", async () => {
      const first = await runSession(server, notes, stranger.headers, NOTES_RUN);
      const second = await runSession(server, notes, stranger.headers, NOTES_RUN);
      const a = ok(await share(stranger, { sessionId: first.id })).shareSession.share.id;
      const b = ok(await share(stranger, { sessionId: second.id, canEdit: true })).shareSession
        .share.id;
      const c = ok(await share(stranger, { sessionId: first.id, maxUses: 2 })).shareSession.share
        .id;
      const mine = async (account: TestAccount, sessionId?: string) =>
        ok(
          await server.graphql(MY_SHARES, { sessionId, first: 50 }, account.headers),
        ).myShares.edges.map((edge: AnyData) => edge.node.id as string);
      expect(await mine(stranger)).toEqual([c, b, a]);
      expect(await mine(stranger, first.id)).toEqual([c, a]);
      const ownerShares = await mine(owner);
      expect(ownerShares).not.toContain(a);
      expect(ownerShares).not.toContain(b);
      expect(ownerShares).not.toContain(c);
      expect(await mine(grantee)).toEqual([]);
      expect(await mine(owner, first.id)).toEqual([]);
    });
  });
});
