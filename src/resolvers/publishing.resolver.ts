import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { parseId } from '../graphql/ids';
import { WizardPayload } from './authoring-payloads';

enum LintSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
registerEnumType(LintSeverity, {
  name: 'LintSeverity',
  description: 'How serious a logic-check finding is.',
  valuesConfig: {
    ERROR: { description: 'Sessions can get stuck or misbehave: publishing is refused.' },
    WARNING: { description: 'Dead or fragile structure; publishing is allowed.' },
  },
});

@ObjectType({ description: 'One row a finding is about.' })
class LintRef {
  @Field({
    description: 'STEP, OPTION_SET, OPTION, FLOW_RULE, OPTION_DEPENDENCY or SET_DEPENDENCY.',
  })
  entity: string;

  @Field(() => ID, { description: 'Its id.' })
  id: number;
}

@ObjectType({ description: "A problem in a wizard's logic." })
class LintFinding {
  @Field(() => LintSeverity, { description: 'ERROR blocks publishing; WARNING does not.' })
  severity: LintSeverity;

  @Field({ description: 'A stable code (see the README for the list).' })
  code: string;

  @Field({ description: 'What is wrong, in words.' })
  message: string;

  @Field(() => [LintRef], { description: 'The rows it concerns.' })
  refs: LintRef[];
}

@ObjectType({ description: "The result of checking a wizard's logic." })
class WizardLintReport {
  @Field(() => ID, { description: 'The wizard checked.' })
  wizardId: number;

  @Field(() => Int, { description: 'Findings that block publishing.' })
  errorCount: number;

  @Field(() => Int, { description: 'Findings that do not.' })
  warningCount: number;

  @Field(() => [LintFinding], { description: 'Every finding, errors first.' })
  findings: LintFinding[];
}

@InputType({ description: 'The wizard to publish or unpublish.' })
class PublishWizardInput {
  @Field(() => ID, { description: 'The wizard.' })
  wizardId: string;
}

/** The logic check and publishing (authors only). */
@Resolver()
export class PublishingResolver {
  @Query(() => WizardLintReport, { description: "Checks a wizard's logic (authors only)." })
  wizardLint(
    @Arg('wizardId', () => ID, { description: 'The wizard.' }) wizardId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.authoring.publishing.lint(ctx.db, parseId(wizardId, 'wizardId'));
  }

  @Mutation(() => WizardPayload, {
    description:
      'Publishes a wizard (bumps its version); refused with CONFLICT while the logic check finds errors.',
  })
  async publishWizard(
    @Arg('input', { description: 'The wizard.' }) input: PublishWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.wizardId, 'wizardId');
    return { wizard: await ctx.services.authoring.publishing.publish(ctx.db, id) };
  }

  @Mutation(() => WizardPayload, { description: 'Takes a wizard off offer to users.' })
  async unpublishWizard(
    @Arg('input', { description: 'The wizard.' }) input: PublishWizardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = parseId(input.wizardId, 'wizardId');
    return { wizard: await ctx.services.authoring.publishing.unpublish(ctx.db, id) };
  }
}
