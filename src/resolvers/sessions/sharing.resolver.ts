import {
  Arg,
  Args,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { WizardSession, WizardSessionShare, WizardSessionTemplate } from '../../entities';
import { connectionTypes } from '../../graphql/connection';
import type { GraphQLContext } from '../../graphql/context';
import { parseId, parseOptionalId } from '../../graphql/ids';
import type { CopyResult } from '../../services/sessions/session-copy';
import {
  CloneSharedSessionInput,
  MySharesArgs,
  ReplaySessionInput,
  SaveSessionAsTemplateInput,
  ShareRefInput,
  ShareSessionInput,
  StartFromTemplateInput,
  TemplateRefInput,
  TemplatesArgs,
  UpdateTemplateInput,
} from '../inputs/sharing.inputs';

export const { ConnectionType: TemplateConnection } = connectionTypes(
  WizardSessionTemplate,
  'WizardSessionTemplate',
  'template',
);
export const { ConnectionType: ShareConnection } = connectionTypes(
  WizardSessionShare,
  'WizardSessionShare',
  'share',
);

@ObjectType({ description: 'The template as it is after the change.' })
class TemplatePayload {
  @Field(() => WizardSessionTemplate, { description: 'The template.' })
  template: WizardSessionTemplate;
}

@ObjectType({ description: 'A deleted template.' })
class DeleteTemplatePayload {
  @Field(() => ID, { description: 'Its id.' })
  deletedId: number;
}

@ObjectType({ description: 'Part of a template or earlier session that could not be applied.' })
class NotAppliedAnswer {
  @Field({ description: 'The step key.' })
  step: string;

  @Field(() => String, { nullable: true, description: 'The set key, when it is about a set.' })
  set: string | null;

  @Field(() => String, { nullable: true, description: 'The option key, when about an option.' })
  option: string | null;

  @Field({ description: 'Why it was not applied.' })
  reason: string;
}

@ObjectType({ description: 'A session started from a template or an earlier session.' })
class SessionCopyPayload {
  @Field(() => WizardSession, { description: 'The new session.' })
  session: WizardSession;

  @Field({ description: 'Its token (shown once).' })
  sessionToken: string;

  @Field(() => Int, { description: 'Steps whose answers (or skip) were applied.' })
  stepsApplied: number;

  @Field(() => [NotAppliedAnswer], {
    description: 'What no longer fits the wizard as it is now, and was left out.',
  })
  notApplied: NotAppliedAnswer[];
}

@ObjectType({ description: 'A new share and its token.' })
class SharePayload {
  @Field(() => WizardSessionShare, { description: 'The share.' })
  share: WizardSessionShare;

  @Field({ description: 'The token to hand out (shown only now; the server keeps its hash).' })
  shareToken: string;
}

@ObjectType({ description: 'The share after the change.' })
class RevokeSharePayload {
  @Field(() => WizardSessionShare, { description: 'The share (now inactive).' })
  share: WizardSessionShare;
}

const copyPayload = (copy: CopyResult) => ({
  session: copy.snapshot.session,
  sessionToken: copy.sessionToken,
  stepsApplied: copy.applied,
  notApplied: copy.notApplied,
});

/** Templates, replays and shares. */
@Resolver()
export class SharingResolver {
  @Query(() => TemplateConnection, {
    description: 'Templates you may use (yours and public ones), newest first.',
  })
  templates(@Args() args: TemplatesArgs, @Ctx() ctx: GraphQLContext) {
    const filter = args.filter ?? {};
    return ctx.services.sessions.templates.list(
      ctx.db,
      { ...filter, wizardId: parseOptionalId(filter.wizardId, 'filter.wizardId') },
      args,
    );
  }

  @Query(() => ShareConnection, { description: 'The shares you made, newest first.' })
  myShares(@Args() args: MySharesArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.sessions.shares.mine(
      ctx.db,
      parseOptionalId(args.sessionId, 'sessionId'),
      args,
    );
  }

  @Query(() => WizardSession, {
    description:
      'A shared session, for a holder of a valid token with canView (a share bound to a user: ' +
      'that user only). Each call counts a use.',
  })
  sharedSession(
    @Arg('token', { description: 'The share token.' }) token: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.sessions.shares.open(ctx.db, token);
  }

  @Mutation(() => TemplatePayload, { description: 'Saves your session as a template.' })
  async saveSessionAsTemplate(
    @Arg('input', { description: 'The session and the template.' })
    input: SaveSessionAsTemplateInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const template = await ctx.services.sessions.templates.save(ctx.db, {
      ...input,
      sessionId: parseId(input.sessionId, 'sessionId'),
    });
    return { template };
  }

  @Mutation(() => TemplatePayload, { description: 'Changes your template (authors: any).' })
  async updateTemplate(
    @Arg('input', { description: 'The template and the changes.' }) input: UpdateTemplateInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...changes } = input;
    const template = await ctx.services.sessions.templates.update(ctx.db, parseId(id), changes);
    return { template };
  }

  @Mutation(() => DeleteTemplatePayload, { description: 'Deletes your template (authors: any).' })
  async deleteTemplate(
    @Arg('input', { description: 'The template.' }) input: TemplateRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { deletedId: await ctx.services.sessions.templates.delete(ctx.db, parseId(input.id)) };
  }

  @Mutation(() => SessionCopyPayload, {
    description:
      "Starts a session with a template's answers applied to the wizard as it is now; what no " +
      'longer fits is left out and listed.',
  })
  async startFromTemplate(
    @Arg('input', { description: 'The template.' }) input: StartFromTemplateInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return copyPayload(
      await ctx.services.sessions.templates.startFrom(ctx.db, {
        templateId: parseId(input.templateId, 'templateId'),
        withData: input.withData ?? true,
        name: input.sessionName,
      }),
    );
  }

  @Mutation(() => SessionCopyPayload, {
    description:
      'Starts a session with the answers of an earlier one (yours, or shared with you to clone).',
  })
  async replaySession(
    @Arg('input', { description: 'The earlier session.' }) input: ReplaySessionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return copyPayload(
      await ctx.services.sessions.replays.replay(ctx.db, {
        sessionId: parseId(input.sessionId, 'sessionId'),
        withData: input.withData ?? true,
        name: input.sessionName,
      }),
    );
  }

  @Mutation(() => SharePayload, { description: 'Shares your session by a token.' })
  shareSession(
    @Arg('input', { description: 'The session and the permissions.' }) input: ShareSessionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.sessions.shares.share(ctx.db, {
      ...input,
      sessionId: parseId(input.sessionId, 'sessionId'),
      sharedWithUserId: parseOptionalId(input.sharedWithUserId, 'sharedWithUserId'),
    });
  }

  @Mutation(() => RevokeSharePayload, { description: 'Ends a share you made.' })
  async revokeShare(
    @Arg('input', { description: 'The share.' }) input: ShareRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const share = await ctx.services.sessions.shares.revoke(
      ctx.db,
      parseId(input.shareId, 'shareId'),
    );
    return { share };
  }

  @Mutation(() => SessionCopyPayload, {
    description: 'Your own copy of a shared session (canClone). Counts a use.',
  })
  async cloneSharedSession(
    @Arg('input', { description: 'The share token.' }) input: CloneSharedSessionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return copyPayload(
      await ctx.services.sessions.shares.clone(ctx.db, input.token, input.sessionName),
    );
  }
}
