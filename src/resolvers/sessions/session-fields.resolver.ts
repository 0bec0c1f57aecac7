import { Ctx, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import DataLoader from 'dataloader';
import type { RequestDatabase } from '../../database/request-database';
import {
  UserSessionSummary,
  Wizard,
  WizardSession,
  WizardStepSkip,
  WizardUserSelection,
} from '../../entities';
import type { GraphQLContext } from '../../graphql/context';
import { canComplete, path, price, progress, viewStep } from '../../runtime';
import { isExpired } from '../../services/sessions/session-access';
import { selectionContent } from '../../services/sessions/stored-answers';
import { setKinds, type SessionSnapshot } from '../../services/sessions/session-snapshot';
import {
  presentPrice,
  presentProgress,
  presentStepView,
  revealsUserData,
} from './session-presenter';
import {
  CompletionCheck,
  SessionPathStep,
  SessionPrice,
  SessionProgress,
  SessionStepView,
  type StepStatus,
} from './session-view.types';

export enum SessionStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(SessionStatus, {
  name: 'SessionStatus',
  description: 'Where a session stands. Completed and expired sessions are read-only.',
  valuesConfig: {
    IN_PROGRESS: { description: 'Taking answers.' },
    PAUSED: { description: 'Paused; resumeSession before answering.' },
    COMPLETED: { description: 'Completed; read-only.' },
    EXPIRED: { description: 'No activity within the session lifetime; read-only.' },
  },
});

/** Per request: the summaries of the sessions a document asks for, in one statement. */
const summaryLoaders = new WeakMap<
  RequestDatabase,
  DataLoader<number, UserSessionSummary | null>
>();

function summaryLoader(ctx: GraphQLContext) {
  let loader = summaryLoaders.get(ctx.db);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const rows = await ctx.services.sessions.queries.summariesOf(ctx.db, ids);
      const byId = new Map(rows.map((row) => [row.sessionId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    summaryLoaders.set(ctx.db, loader);
  }
  return loader;
}

/** The computed side of a session: the engine's view of its answers, for whoever may read it. */
@Resolver(() => WizardSession)
export class SessionFieldsResolver {
  private snapshot(session: WizardSession, ctx: GraphQLContext): Promise<SessionSnapshot> {
    return ctx.services.sessions.snapshots.load(ctx.db, session);
  }

  @FieldResolver(() => SessionStatus, { description: 'Where it stands.' })
  status(@Root() session: WizardSession): SessionStatus {
    if (session.isCompleted) return SessionStatus.COMPLETED;
    if (isExpired(session, new Date())) return SessionStatus.EXPIRED;
    return session.pausedAt ? SessionStatus.PAUSED : SessionStatus.IN_PROGRESS;
  }

  @FieldResolver(() => Wizard, { description: 'The wizard being run.' })
  async wizard(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext): Promise<Wizard> {
    // Read fresh, not from the cached definition: its counters move with every start.
    const wizard = await ctx.loaders.wizardById.load(session.wizardId);
    return wizard ?? (await this.snapshot(session, ctx)).model.wizard;
  }

  @FieldResolver(() => UserSessionSummary, {
    nullable: true,
    description: "The seed's summary of the session: steps completed of the wizard's total.",
  })
  summary(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    return summaryLoader(ctx).load(session.id);
  }

  @FieldResolver(() => Boolean, { description: 'Run by a guest (no account).' })
  async isGuest(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await this.snapshot(session, ctx)).isGuest;
  }

  @FieldResolver(() => SessionStepView, {
    nullable: true,
    description:
      'The step the session stands on, as the server decides it: sets and options with their ' +
      'state, the recorded answers, the saved draft, price and progress.',
  })
  async currentStep(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const snapshot = await this.snapshot(session, ctx);
    const { model, state, draft } = snapshot;
    if (session.currentStepId === null) return null;
    const view = viewStep(model, state, session.currentStepId);
    return presentStepView(model, view, {
      reveal: revealsUserData(ctx.db, snapshot),
      draft,
    });
  }

  @FieldResolver(() => [SessionPathStep], { description: 'The visited steps, in order.' })
  async path(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const { model, state } = await this.snapshot(session, ctx);
    return path(model, state).map((step) => ({
      id: step.stepId,
      key: step.key,
      name: step.name,
      status: step.status as StepStatus,
      optional: step.optional,
    }));
  }

  @FieldResolver(() => SessionProgress, { description: 'Steps done and ahead.' })
  async progress(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const { model, state } = await this.snapshot(session, ctx);
    return presentProgress(progress(model, state));
  }

  @FieldResolver(() => SessionPrice, {
    description: 'The running price: a line per chosen, visible option on the path.',
  })
  async price(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const { model, state } = await this.snapshot(session, ctx);
    return presentPrice(price(model, state));
  }

  @FieldResolver(() => CompletionCheck, { description: 'Whether completeSession would succeed.' })
  async completion(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const { model, state } = await this.snapshot(session, ctx);
    return canComplete(model, state);
  }

  @FieldResolver(() => [WizardUserSelection], {
    description:
      'The recorded answers, in the order given. Typed values and additional input are null ' +
      "for those who may not see them (a private session's are its owner's only; through a " +
      'share, only when it includes user data).',
  })
  async selections(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const snapshot = await this.snapshot(session, ctx);
    const reveal = revealsUserData(ctx.db, snapshot);
    const kindOf = setKinds(snapshot.model);
    return snapshot.selections.map((row) => {
      if (!reveal)
        return Object.assign(new WizardUserSelection(), row, {
          selectedValue: null,
          additionalInput: null,
        });
      if (!row.additionalInputEncrypted) return row;
      const content = selectionContent(row, ctx.services.sessions.cipher, kindOf);
      const value = content.value;
      return Object.assign(new WizardUserSelection(), row, {
        selectedValue:
          value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value),
        additionalInput: content.input === undefined ? null : { text: content.input },
      });
    });
  }

  @FieldResolver(() => [WizardStepSkip], {
    description: 'The steps skipped (the reason only for those who may see typed data).',
  })
  async skips(@Root() session: WizardSession, @Ctx() ctx: GraphQLContext) {
    const snapshot = await this.snapshot(session, ctx);
    if (revealsUserData(ctx.db, snapshot)) return snapshot.skips;
    return snapshot.skips.map((skip) =>
      Object.assign(new WizardStepSkip(), skip, { reason: null }),
    );
  }
}
