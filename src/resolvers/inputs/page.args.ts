import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** Relay paging arguments shared by every connection field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Page size (default 20, at most PAGE_SIZE_MAX, 100 by default).',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  @IsOptional()
  @MaxLength(64)
  after?: string | null;
}
