import type { WizardIds } from '../helpers/sessions';
import { storeWizards } from '../helpers/sessions';
import { registerAccount } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import {
  back,
  byDefault,
  byRule,
  complete,
  counters,
  draft,
  pause,
  preview,
  read,
  readAsAuthor,
  remove,
  rows,
  resume,
  runFlow,
  skip,
  sql,
  start,
  stored,
  submit,
  toCompletion,
  type Answers,
  type FlowContext,
  type Move,
} from '../helpers/session-flows';
import { sessionWizards, type SessionWizardName } from '../fixtures/session-wizards';

/**
 * Whole sessions over purpose-built wizards (test/fixtures/session-wizards.ts), one table row per
 * session. Every move also checks the invariants of its kind (test/helpers/session-flows.ts):
 * refused mutations change nothing and log nothing, accepted ones bump the version once and write
 * exactly their activity rows, previews and reads write nothing.
 */

const startedMinutesAgo = (minutes: number) =>
  sql(
    `UPDATE wizard_user_sessions SET started_at = now() - interval '${minutes} minutes' WHERE session_id = $1`,
  );

interface FlowCase {
  name: string;
  wizard: SessionWizardName;
  /** Played without an account (the wizard must not require login). */
  guest?: boolean;
  moves: Move[];
}

const linearCases: FlowCase[] = [
  {
    name: 'a linear wizard runs start to completion and moves the wizard counters',
    wizard: 'linear',
    moves: [
      start({
        current: 'one',
        status: 'IN_PROGRESS',
        path: ['one:OPEN'],
        price: '0.00',
        lines: [],
        progress: [0, 3, 3, 0],
        completion: ['one (not answered)'],
        selections: [],
        view: {
          '@step': '',
          pick: 'visible required',
          'pick.a': 'visible',
          'pick.b': 'visible',
        },
      }),
      startedMinutesAgo(30),
      submit(
        'one',
        { pick: ['a'] },
        {
          next: byDefault('two'),
          current: 'two',
          path: ['one:ANSWERED', 'two:OPEN'],
          price: '10.00',
          lines: ['one.pick.a 10.00'],
          progress: [1, 2, 3, 33],
          selections: ['one.pick.a'],
          view: {
            '@step': 'canGoBack',
            pick: 'visible required',
            'pick.a': 'visible',
            'pick.b': 'visible',
          },
        },
      ),
      submit(
        'two',
        { pick: ['b'] },
        { next: byDefault('three'), current: 'three', price: '12.00', progress: [2, 1, 3, 66] },
      ),
      submit(
        'three',
        { pick: ['a'] },
        {
          next: toCompletion,
          current: 'three',
          path: ['one:ANSWERED', 'two:ANSWERED', 'three:ANSWERED'],
          price: '42.00',
          lines: ['one.pick.a 10.00', 'two.pick.b 2.00', 'three.pick.a 30.00'],
          progress: [3, 0, 3, 100],
          completion: 'ok',
          selections: ['one.pick.a', 'two.pick.b', 'three.pick.a'],
        },
      ),
      complete({
        status: 'COMPLETED',
        price: '42.00',
        session: { isCompleted: true, totalPrice: '42.00', completionTimeMinutes: 30 },
        activityLog: [
          'SESSION_STARTED',
          'STEP_COMPLETED',
          'STEP_COMPLETED',
          'STEP_COMPLETED',
          'SESSION_COMPLETED',
        ],
      }),
      stored({
        isCompleted: true,
        completedAtSet: true,
        completionTimeMinutes: 30,
        totalPrice: '42.00',
        currentStep: 'three',
        draftStep: null,
      }),
      counters({ totalStarts: 1, totalCompletions: 1, avgCompletionTimeMinutes: 30 }),
      // A second session: the counters count it and the mean becomes (30 + 10) / 2.
      start({ current: 'one', price: '0.00' }),
      counters({ totalStarts: 2, totalCompletions: 1, avgCompletionTimeMinutes: 30 }),
      startedMinutesAgo(10),
      submit('one', { pick: ['b'] }),
      submit('two', { pick: ['b'] }),
      submit('three', { pick: ['b'] }, { next: toCompletion, price: '6.00' }),
      complete({
        status: 'COMPLETED',
        session: { isCompleted: true, totalPrice: '6.00', completionTimeMinutes: 10 },
      }),
      counters({ totalStarts: 2, totalCompletions: 2, avgCompletionTimeMinutes: 20 }),
    ],
  },
];

const goLeft = 'option "left" was selected';

const branchCases: FlowCase[] = [
  {
    name: 'a REQUIRED rule on an option leads the left branch',
    wizard: 'branch',
    moves: [
      start({ progress: [0, 3, 3, 0] }),
      submit(
        'start',
        { pick: ['left'] },
        {
          next: byRule('left_step', 'go left', 'REQUIRED', goLeft),
          current: 'left_step',
          path: ['start:ANSWERED', 'left_step:OPEN'],
          progress: [1, 2, 3, 33],
        },
      ),
      submit(
        'left_step',
        { pick: ['l'] },
        {
          next: byRule('end', 'left joins', 'REQUIRED', 'it always applies'),
          current: 'end',
          progress: [2, 1, 3, 66],
        },
      ),
      submit(
        'end',
        { pick: ['e'] },
        {
          next: toCompletion,
          path: ['start:ANSWERED', 'left_step:ANSWERED', 'end:ANSWERED'],
          price: '11.00',
          completion: 'ok',
        },
      ),
      complete({ status: 'COMPLETED', session: { totalPrice: '11.00' } }),
    ],
  },
  {
    name: 'a REQUIRED rule on the other option leads the right branch',
    wizard: 'branch',
    moves: [
      start(),
      submit(
        'start',
        { pick: ['right'] },
        {
          next: byRule('right_step', 'go right', 'REQUIRED', 'option "right" was selected'),
          current: 'right_step',
          path: ['start:ANSWERED', 'right_step:OPEN'],
        },
      ),
      submit('right_step', { pick: ['r'] }, { next: byDefault('end'), current: 'end' }),
      submit(
        'end',
        { pick: ['e'] },
        {
          next: toCompletion,
          path: ['start:ANSWERED', 'right_step:ANSWERED', 'end:ANSWERED'],
          price: '22.00',
          lines: ['start.pick.right 2.00', 'right_step.pick.r 20.00', 'end.pick.e 0.00'],
        },
      ),
      complete({ status: 'COMPLETED' }),
    ],
  },
];

const redHeld = 'condition `"red" in answers.q.colour` held';
const richHeld = 'condition `price >= 100.0` held';

const conditionCases: FlowCase[] = [
  {
    name: 'a CEL condition on an earlier answer holds',
    wizard: 'conditions',
    moves: [
      start(),
      submit(
        'q',
        { colour: ['red'] },
        {
          next: byRule('red_step', 'red', 'CONDITIONAL', redHeld),
          current: 'red_step',
          price: '60.00',
          progress: [1, 2, 3, 33],
        },
      ),
      submit(
        'red_step',
        { pick: ['x'] },
        { next: byRule('end', 'red done', 'REQUIRED', 'it always applies'), current: 'end' },
      ),
      submit(
        'end',
        { pick: ['x'] },
        {
          next: toCompletion,
          path: ['q:ANSWERED', 'red_step:ANSWERED', 'end:ANSWERED'],
          completion: 'ok',
        },
      ),
    ],
  },
  {
    name: 'a CEL condition on the price holds (and the answer condition does not)',
    wizard: 'conditions',
    moves: [
      start(),
      submit(
        'q',
        { colour: ['blue', 'green'] },
        {
          next: byRule('rich_step', 'rich', 'CONDITIONAL', richHeld),
          current: 'rich_step',
          price: '100.00',
        },
      ),
    ],
  },
  {
    name: 'neither condition holds: the REQUIRED catch-all rule fires',
    wizard: 'conditions',
    moves: [
      start(),
      submit(
        'q',
        { colour: ['blue'] },
        {
          next: byRule('plain_step', 'plain', 'REQUIRED', 'it always applies'),
          current: 'plain_step',
          price: '50.00',
          progress: [1, 2, 3, 33],
        },
      ),
      submit('plain_step', { pick: ['x'] }, { next: byDefault('end') }),
    ],
  },
  {
    name: 'both conditions hold: the higher priority rule wins',
    wizard: 'conditions',
    moves: [
      start(),
      submit(
        'q',
        { colour: ['red', 'blue'] },
        { next: byRule('red_step', 'red', 'CONDITIONAL', redHeld), price: '110.00' },
      ),
    ],
  },
  {
    name: 'changing an answer re-evaluates the conditions of the step',
    wizard: 'conditions',
    moves: [
      start(),
      submit('q', { colour: ['red'] }, { current: 'red_step' }),
      submit(
        'q',
        { colour: ['green'] },
        {
          next: byRule('plain_step', 'plain', 'REQUIRED', 'it always applies'),
          current: 'plain_step',
          path: ['q:ANSWERED', 'plain_step:OPEN'],
        },
      ),
    ],
  },
];

const optionalCases: FlowCase[] = [
  {
    name: 'a step an OPTIONAL rule leads to may be skipped; a required step may not',
    wizard: 'optional',
    moves: [
      start(),
      submit(
        'intro',
        { pick: ['go'] },
        {
          next: byRule('extras', 'extras are optional', 'OPTIONAL', 'option "go" was selected'),
          current: 'extras',
          path: ['intro:ANSWERED', 'extras:OPEN:optional'],
          view: {
            '@step': 'canGoBack canSkip optional',
            pick: 'visible required',
            'pick.gift': 'visible',
          },
        },
      ),
      skip('no gifts', {
        next: byDefault('finish'),
        current: 'finish',
        path: ['intro:ANSWERED', 'extras:SKIPPED:optional', 'finish:OPEN'],
        skips: ['extras: no gifts'],
        progress: [2, 2, 4, 50],
        view: { '@step': 'canGoBack', pick: 'visible required', 'pick.done': 'visible' },
      }),
      skip('too much', { error: 'BAD_USER_INPUT', problems: ['SKIP_NOT_ALLOWED'] }),
      submit('finish', { pick: ['done'] }, { next: byDefault('notes'), current: 'notes' }),
      // A step that is not required may be skipped without any rule.
      skip(undefined, {
        next: toCompletion,
        path: ['intro:ANSWERED', 'extras:SKIPPED:optional', 'finish:ANSWERED', 'notes:SKIPPED'],
        skips: ['extras: no gifts', 'notes: null'],
        completion: 'ok',
      }),
      complete({
        status: 'COMPLETED',
        price: '0.00',
        activityLog: [
          'SESSION_STARTED',
          'STEP_COMPLETED',
          'STEP_SKIPPED',
          'STEP_COMPLETED',
          'STEP_SKIPPED',
          'SESSION_COMPLETED',
        ],
      }),
    ],
  },
  {
    name: 'answering a skipped step replaces its skip',
    wizard: 'optional',
    moves: [
      start(),
      submit('intro', { pick: ['go'] }),
      skip('later', { skips: ['extras: later'] }),
      back({ current: 'extras', next: null }),
      submit(
        'extras',
        { pick: ['gift'] },
        {
          current: 'finish',
          path: ['intro:ANSWERED', 'extras:ANSWERED:optional', 'finish:OPEN'],
          skips: [],
          price: '5.00',
        },
      ),
    ],
  },
  {
    name: 'a skip stops counting when a changed answer no longer makes the step optional',
    wizard: 'optional',
    moves: [
      start(),
      submit('intro', { pick: ['go'] }),
      skip('no gifts', { current: 'finish', skips: ['extras: no gifts'] }),
      back({ current: 'extras' }),
      back({ current: 'intro' }),
      submit(
        'intro',
        { pick: ['full'] },
        {
          next: byDefault('extras'),
          // The skip is dropped, though pruned does not name it (the step stays on the path).
          pruned: null,
          current: 'extras',
          path: ['intro:ANSWERED', 'extras:OPEN'],
          skips: [],
          view: { '@step': 'canGoBack', pick: 'visible required', 'pick.gift': 'visible' },
          completion: ['extras (not answered)'],
        },
      ),
      skip('still no', { error: 'BAD_USER_INPUT', problems: ['SKIP_NOT_ALLOWED'] }),
    ],
  },
];

/** The dependent step's view when the trigger chosen on `base` affects nothing. */
const quietView: Record<string, string> = {
  '@step': 'canGoBack',
  opts: 'visible',
  'opts.plain': 'visible',
  'opts.shown': 'hidden',
  'opts.hidden': 'visible',
  'opts.disabled': 'visible',
  'opts.needed': 'visible',
  shown_set: 'hidden',
  'shown_set.x': 'hidden',
  hidden_set: 'visible',
  'hidden_set.x': 'visible',
  req_set: 'visible',
  'req_set.x': 'visible',
};

/** A dependency case: choose `trigger` on base, see `view`, then try each answer in turn. */
function dependencyCase(
  name: string,
  trigger: string,
  view: Record<string, string>,
  tries: [Record<string, string[]>, string[]][],
): FlowCase {
  return {
    name,
    wizard: 'dependencies',
    moves: [
      start(),
      submit('base', { triggers: [trigger] }, { current: 'dep', view: { ...quietView, ...view } }),
      ...tries.map(([answers, problems]) =>
        problems.length
          ? submit('dep', answers, { error: 'BAD_USER_INPUT', problems })
          : submit('dep', answers, { next: toCompletion, completion: 'ok' }),
      ),
    ],
  };
}

const dependencyCases: FlowCase[] = [
  {
    name: 'a step submitted with nothing chosen (only optional sets) stays answered',
    wizard: 'dependencies',
    moves: [
      start(),
      submit('base', {}, { current: 'dep', path: ['base:ANSWERED', 'dep:OPEN'] }),
      read({ current: 'dep', path: ['base:ANSWERED', 'dep:OPEN'], selections: [] }),
      submit('dep', { opts: ['plain'] }, { next: toCompletion, completion: 'ok' }),
      back({ current: 'base' }),
      submit(
        'base',
        { triggers: ['show'] },
        { current: 'dep', selections: ['dep.opts.plain', 'base.triggers.show'] },
      ),
    ],
  },
  {
    name: 'an answer to a set that a changed answer hides is pruned',
    wizard: 'dependencies',
    moves: [
      start(),
      submit('base', { triggers: ['set_show'] }),
      submit(
        'dep',
        { opts: ['plain'], shown_set: ['x'] },
        { selections: ['base.triggers.set_show', 'dep.opts.plain', 'dep.shown_set.x'] },
      ),
      back({ current: 'base' }),
      submit(
        'base',
        { triggers: ['none'] },
        {
          next: byDefault('dep'),
          pruned: { sets: ['dep.shown_set'] },
          current: 'dep',
          path: ['base:ANSWERED', 'dep:ANSWERED'],
          selections: ['dep.opts.plain', 'base.triggers.none'],
          completion: 'ok',
        },
      ),
    ],
  },
  dependencyCase('without triggers, SHOW_IF things are hidden and the rest is plain', 'none', {}, [
    [{ opts: ['shown'] }, ['NOT_SELECTABLE opts.shown']],
    [{ shown_set: ['x'] }, ['SET_HIDDEN shown_set']],
    [{ opts: ['plain', 'hidden', 'disabled'] }, []],
  ]),
  dependencyCase(
    'option SHOW_IF: shown while its source is selected',
    'show',
    {
      'opts.shown': 'visible',
    },
    [[{ opts: ['shown'] }, []]],
  ),
  dependencyCase(
    'option HIDE_IF: hidden while its source is selected',
    'hide',
    {
      'opts.hidden': 'hidden',
    },
    [
      [{ opts: ['hidden'] }, ['NOT_SELECTABLE opts.hidden']],
      [{ opts: ['plain'] }, []],
    ],
  ),
  dependencyCase(
    'option DISABLE_IF: shown but not selectable',
    'disable',
    {
      'opts.disabled': 'visible disabled',
    },
    [
      [{ opts: ['disabled'] }, ['NOT_SELECTABLE opts.disabled']],
      [{ opts: ['plain'] }, []],
    ],
  ),
  dependencyCase(
    'option REQUIRE_IF: the option must be chosen',
    'require',
    {
      'opts.needed': 'visible required',
    },
    [
      [{ opts: ['plain'] }, ['OPTION_REQUIRED opts.needed']],
      [{ opts: ['plain', 'needed'] }, []],
    ],
  ),
  dependencyCase(
    'set SHOW_IF: the set is shown while its source is selected',
    'set_show',
    {
      shown_set: 'visible',
      'shown_set.x': 'visible',
    },
    [[{ shown_set: ['x'] }, []]],
  ),
  dependencyCase(
    'set HIDE_IF: the set is hidden and cannot be answered',
    'set_hide',
    {
      hidden_set: 'hidden',
      'hidden_set.x': 'hidden',
    },
    [
      [{ hidden_set: ['x'] }, ['SET_HIDDEN hidden_set']],
      [{ opts: ['plain'] }, []],
    ],
  ),
  dependencyCase(
    'set REQUIRE_IF: the set becomes required',
    'set_require',
    {
      req_set: 'visible required',
    },
    [
      [{ opts: ['plain'] }, ['REQUIRED req_set']],
      [{ req_set: ['x'] }, []],
    ],
  ),
];

/** A valid answer to every set of the kinds wizard; each try below breaks one set. */
const validKinds: Answers = {
  single: { options: ['other'], input: { other: 'mine' } },
  multi: ['m1', 'm2'],
  text: 'abcd',
  date: '2026-06-15',
  file: { file: { name: 'scan.pdf', mimeType: 'application/pdf', bytes: 500 } },
};

const file = (name: string, mimeType: string, bytes: number) => ({
  file: { name, mimeType, bytes },
});

const kindTries: [string, Answers, string[]][] = [
  ['SINGLE with no choice', { single: [] }, ['REQUIRED single']],
  ['SINGLE with two choices', { single: ['a', 'b'] }, ['TOO_MANY single']],
  ['SINGLE with a disabled option', { single: ['off'] }, ['NOT_SELECTABLE single.off']],
  ['SINGLE with an inactive option', { single: ['gone'] }, ['NOT_SELECTABLE single.gone']],
  ['an option needing input without it', { single: ['other'] }, ['INPUT_REQUIRED single.other']],
  ['a choice set given a value', { single: 'a' }, ['WRONG_KIND single']],
  ['MULTIPLE under min_selections', { multi: ['m1'] }, ['TOO_FEW multi']],
  ['MULTIPLE over max_selections', { multi: ['m1', 'm2', 'm3', 'm4'] }, ['TOO_MANY multi']],
  ['TEXT_INPUT missing', { text: '' }, ['REQUIRED text']],
  ['TEXT_INPUT under minLength', { text: 'ab' }, ['MIN_LENGTH text']],
  ['TEXT_INPUT over maxLength', { text: 'abcdefghi' }, ['MAX_LENGTH text']],
  ['TEXT_INPUT against the pattern', { text: 'abc1' }, ['PATTERN text']],
  ['DATE_PICKER in another format', { date: '15/06/2026' }, ['DATE_FORMAT date']],
  ['DATE_PICKER on a day that does not exist', { date: '2025-02-30' }, ['DATE_FORMAT date']],
  ['DATE_PICKER before min', { date: '2025-12-31' }, ['DATE_RANGE date']],
  ['DATE_PICKER after max', { date: '2027-01-01' }, ['DATE_RANGE date']],
  ['FILE_UPLOAD of a refused type', { file: file('a.txt', 'text/plain', 10) }, ['MIME_TYPE file']],
  ['FILE_UPLOAD too large', { file: file('a.png', 'image/png', 1001) }, ['TOO_LARGE file']],
  ['FILE_UPLOAD without a name', { file: file(' ', 'image/png', 10) }, ['FILE_INVALID file']],
  ['FILE_UPLOAD with a bad MIME type', { file: file('a.png', 'png', 10) }, ['FILE_INVALID file']],
];

const kindCases: FlowCase[] = [
  {
    name: 'every selection type refuses what breaks its rules and accepts a valid answer',
    wizard: 'kinds',
    moves: [
      start({
        view: {
          '@step': '',
          single: 'visible required',
          'single.a': 'visible',
          'single.b': 'visible',
          'single.off': 'visible disabled',
          'single.other': 'visible',
          multi: 'visible required',
          'multi.m1': 'visible',
          'multi.m2': 'visible',
          'multi.m3': 'visible',
          'multi.m4': 'visible',
          text: 'visible required',
          date: 'visible required',
          file: 'visible required',
        },
      }),
      ...kindTries.map(([label, broken, problems]) => ({
        ...submit('all', { ...validKinds, ...broken }, { error: 'BAD_USER_INPUT', problems }),
        label,
      })),
      // Checked by the input type before the engine sees it.
      submit(
        'all',
        { ...validKinds, file: file('a.png', 'image/png', -1) },
        { error: 'BAD_USER_INPUT', fields: ['answers.4.file.bytes'] },
      ),
      submit('all', validKinds, {
        next: toCompletion,
        completion: 'ok',
        selections: [
          'all.single.other +mine',
          'all.multi.m1',
          'all.multi.m2',
          'all.text=abcd',
          'all.date=2026-06-15',
          'all.file={"name":"scan.pdf","mimeType":"application/pdf","bytes":500}',
        ],
      }),
      // Boundaries are inclusive.
      submit('all', { ...validKinds, multi: ['m1', 'm2', 'm3'], text: 'abc', date: '2026-12-31' }),
      submit(
        'all',
        { ...validKinds, single: ['a'], text: 'abcdefgh', date: '2026-01-01' },
        {
          selections: [
            'all.single.a',
            'all.multi.m1',
            'all.multi.m2',
            'all.text=abcdefgh',
            'all.date=2026-01-01',
            'all.file={"name":"scan.pdf","mimeType":"application/pdf","bytes":500}',
          ],
        },
      ),
    ],
  },
];

const backCases: FlowCase[] = [
  {
    name: 'going back and changing an earlier answer prunes the steps that left the path',
    wizard: 'back',
    moves: [
      start({ progress: [0, 5, 5, 0] }),
      back({ error: 'BAD_USER_INPUT', problems: ['NO_PREVIOUS_STEP'] }),
      submit('a', { pick: ['long'] }, { current: 'b', price: '10.00' }),
      submit('b', { pick: ['bb'] }, { current: 'c', price: '30.00' }),
      submit(
        'c',
        { pick: ['cc'] },
        {
          current: 'd',
          path: ['a:ANSWERED', 'b:ANSWERED', 'c:ANSWERED', 'd:OPEN'],
          price: '60.00',
          progress: [3, 2, 5, 60],
        },
      ),
      back({
        next: null,
        current: 'c',
        path: ['a:ANSWERED', 'b:ANSWERED', 'c:ANSWERED', 'd:OPEN'],
        price: '60.00',
        view: { '@step': 'canGoBack', pick: 'visible required', 'pick.cc': 'visible selected' },
      }),
      back({ next: null, current: 'b', price: '60.00' }),
      // The same answer again keeps the steps after it.
      submit(
        'b',
        { pick: ['bb'] },
        {
          next: byDefault('c'),
          current: 'c',
          path: ['a:ANSWERED', 'b:ANSWERED', 'c:ANSWERED', 'd:OPEN'],
          price: '60.00',
        },
      ),
      submit('e', { pick: ['ee'] }, { error: 'BAD_USER_INPUT', problems: ['STEP_NOT_ON_PATH'] }),
      submit(
        'a',
        { pick: ['short'] },
        {
          next: byRule('e', 'shortcut', 'REQUIRED', 'option "short" was selected'),
          pruned: { steps: ['b', 'c'] },
          current: 'e',
          path: ['a:ANSWERED', 'e:OPEN'],
          price: '1.00',
          lines: ['a.pick.short 1.00'],
          selections: ['a.pick.short'],
          progress: [1, 1, 2, 50],
          view: { '@step': '', pick: 'visible required', 'pick.ee': 'visible' },
        },
      ),
      back({ error: 'BAD_USER_INPUT', problems: ['BACK_NOT_ALLOWED'] }),
      submit('e', { pick: ['ee'] }, { next: toCompletion, completion: 'ok' }),
      complete({ session: { totalPrice: '1.00' } }),
    ],
  },
];

const lifecycleCases: FlowCase[] = [
  {
    name: 'an expired session refuses changes and can still be read',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit('one', { pick: ['a'] }),
      sql(
        `UPDATE wizard_user_sessions SET expires_at = now() - interval '1 minute' WHERE session_id = $1`,
      ),
      submit('two', { pick: ['a'] }, { error: 'CONFLICT EXPIRED' }),
      pause({ error: 'CONFLICT EXPIRED' }),
      read({
        status: 'EXPIRED',
        current: 'two',
        path: ['one:ANSWERED', 'two:OPEN'],
        price: '10.00',
        selections: ['one.pick.a'],
      }),
    ],
  },
  {
    name: 'a paused session refuses answers until it is resumed',
    wizard: 'lifecycle',
    moves: [
      start(),
      pause({ status: 'PAUSED', current: 'one' }),
      submit('one', { pick: ['a'] }, { error: 'CONFLICT PAUSED' }),
      skip(undefined, { error: 'CONFLICT PAUSED' }),
      pause({ error: 'CONFLICT PAUSED' }),
      draft('one', { pick: ['a'] }, { error: 'CONFLICT PAUSED' }),
      resume({ status: 'IN_PROGRESS' }),
      resume({ error: 'CONFLICT NOT_PAUSED' }),
      submit('one', { pick: ['a'] }, { current: 'two' }),
      read({
        activityLog: ['SESSION_STARTED', 'SESSION_PAUSED', 'SESSION_RESUMED', 'STEP_COMPLETED'],
      }),
    ],
  },
  {
    name: 'a wizard that does not allow saving progress refuses pause and drafts',
    wizard: 'noSave',
    moves: [
      start(),
      pause({ error: 'FORBIDDEN' }),
      draft('one', { pick: ['a'] }, { error: 'FORBIDDEN' }),
      submit('one', { pick: ['a'] }, { current: 'two' }),
    ],
  },
  {
    name: 'completion is refused while a step is open, then the completed session is read-only',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit('one', { pick: ['a'] }, { completion: ['two (not answered)'] }),
      complete({ error: 'BAD_USER_INPUT', missing: ['two (not answered)'] }),
      submit('two', { pick: ['a'] }),
      submit('three', { pick: ['b'] }, { completion: 'ok' }),
      complete({ status: 'COMPLETED', session: { isCompleted: true, totalPrice: '33.00' } }),
      submit('three', { pick: ['a'] }, { error: 'CONFLICT COMPLETED' }),
      back({ error: 'CONFLICT COMPLETED' }),
      complete({ error: 'CONFLICT COMPLETED' }),
      read({ status: 'COMPLETED', price: '33.00', completion: 'ok' }),
    ],
  },
  {
    name: 'only steps on the path take answers',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit(
        'three',
        { pick: ['a'] },
        { error: 'BAD_USER_INPUT', problems: ['STEP_NOT_ON_PATH'], fields: ['stepId'] },
      ),
      preview('three', { pick: ['a'] }, { ok: false, problems: ['STEP_NOT_ON_PATH'], next: null }),
    ],
  },
  {
    name: 'a deleted session is gone from queries and its log keeps the deletion',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit('one', { pick: ['a'] }),
      remove(),
      read({ error: 'NOT_FOUND' }),
      submit('two', { pick: ['a'] }, { error: 'NOT_FOUND' }),
    ],
  },
  {
    name: 'a stale version is refused with the current one',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit('one', { pick: ['a'] }),
      // The driver sends the version it last saw; the row moves on behind its back.
      sql('UPDATE wizard_user_sessions SET row_version = row_version + 1 WHERE session_id = $1'),
      submit('two', { pick: ['a'] }, { error: 'CONFLICT STALE_VERSION' }),
    ],
  },
];

const priceCases: FlowCase[] = [
  {
    name: 'prices add up across steps and a hidden option stops counting',
    wizard: 'prices',
    moves: [
      start(),
      submit('p1', { items: ['a', 'b'] }, { price: '30.75' }),
      submit(
        'p2',
        { extras: ['dear', 'cheap'] },
        {
          next: toCompletion,
          price: '131.74',
          lines: [
            'p1.items.a 10.50',
            'p1.items.b 20.25',
            'p2.extras.dear 100.00',
            'p2.extras.cheap 0.99',
          ],
        },
      ),
      back({ current: 'p1' }),
      submit(
        'p1',
        { items: ['a', 'b', 'c'] },
        {
          next: byDefault('p2'),
          pruned: { options: ['p2.extras.cheap'] },
          current: 'p2',
          path: ['p1:ANSWERED', 'p2:ANSWERED'],
          price: '135.75',
          lines: [
            'p1.items.a 10.50',
            'p1.items.b 20.25',
            'p1.items.c 5.00',
            'p2.extras.dear 100.00',
          ],
          selections: ['p2.extras.dear', 'p1.items.a', 'p1.items.b', 'p1.items.c'],
          view: {
            '@step': 'canGoBack',
            extras: 'visible',
            'extras.dear': 'visible selected',
            'extras.cheap': 'hidden',
          },
          completion: 'ok',
        },
      ),
      complete({ session: { totalPrice: '135.75' } }),
    ],
  },
];

const draftCases: FlowCase[] = [
  {
    name: 'a draft keeps unchecked answers of the current step only',
    wizard: 'lifecycle',
    moves: [
      start(),
      draft(
        'one',
        { pick: ['a', 'b'] },
        { current: 'one', draft: ['pick.a', 'pick.b'], selections: [] },
      ),
      stored({
        isCompleted: false,
        completedAtSet: false,
        completionTimeMinutes: null,
        totalPrice: '0.00',
        currentStep: 'one',
        draftStep: 'one',
      }),
      draft('two', { pick: ['a'] }, { error: 'BAD_USER_INPUT', fields: ['stepId'] }),
      // Kept across a pause: the draft is how a session resumes where it was.
      pause(),
      resume({ draft: ['pick.a', 'pick.b'], path: ['one:OPEN'] }),
      draft('one', { pick: ['b'] }, { draft: ['pick.b'] }),
      submit('one', { pick: ['b'] }, { current: 'two', draft: null, price: '1.00' }),
      stored({
        isCompleted: false,
        completedAtSet: false,
        completionTimeMinutes: null,
        totalPrice: '1.00',
        currentStep: 'two',
        draftStep: null,
      }),
    ],
  },
  {
    name: 'on an auto-advance step a valid single choice in a draft moves on',
    wizard: 'auto',
    moves: [
      start({
        view: {
          '@step': 'autoAdvance',
          pick: 'visible required',
          'pick.a': 'visible',
          'pick.b': 'visible',
        },
      }),
      draft('first', { pick: ['a', 'b'] }, { current: 'first', draft: ['pick.a', 'pick.b'] }),
      draft(
        'first',
        { pick: ['a'] },
        {
          autoAdvanced: true,
          next: byDefault('second'),
          activity: ['STEP_COMPLETED'],
          current: 'second',
          price: '3.00',
          selections: ['first.pick.a'],
          draft: null,
        },
      ),
    ],
  },
];

const previewCases: FlowCase[] = [
  {
    name: 'previewStep tells what a submit would do and saves nothing',
    wizard: 'lifecycle',
    moves: [
      start(),
      submit('one', { pick: ['a'] }),
      preview(
        'two',
        { pick: ['b'] },
        {
          ok: true,
          next: byDefault('three'),
          price: '12.00',
          lines: ['one.pick.a 10.00', 'two.pick.b 2.00'],
          progress: [2, 1, 3, 66],
          current: 'two',
          selections: ['one.pick.a'],
        },
      ),
      preview(
        'two',
        { pick: ['a', 'b'] },
        { ok: false, problems: ['TOO_MANY pick'], next: null, price: '10.00' },
      ),
      preview('one', { pick: ['b'] }, { ok: true, next: byDefault('two'), price: '1.00' }),
      read({
        current: 'two',
        price: '10.00',
        selections: ['one.pick.a'],
        path: ['one:ANSWERED', 'two:OPEN'],
      }),
    ],
  },
];

const privacyCases: FlowCase[] = [
  {
    name: 'a private session keeps typed text sealed and shows it to its owner only',
    wizard: 'kinds',
    moves: [
      start({}, { storeUserData: false }),
      draft('all', { text: 'abcd' }, { draft: ['text=abcd'] }),
      rows(
        `SELECT draft_answers, draft_encrypted IS NOT NULL AS sealed
           FROM wizard_user_sessions WHERE session_id = $1`,
        [{ draft_answers: null, sealed: true }],
      ),
      submit('all', validKinds, {
        draft: null,
        selections: [
          'all.single.other +mine',
          'all.multi.m1',
          'all.multi.m2',
          'all.text=abcd',
          'all.date=2026-06-15',
          'all.file={"name":"scan.pdf","mimeType":"application/pdf","bytes":500}',
        ],
      }),
      rows(
        `SELECT selected_value, additional_input, additional_input_encrypted IS NOT NULL AS sealed
           FROM wizard_user_selections WHERE session_id = $1 ORDER BY selection_order`,
        [
          { selected_value: null, additional_input: null, sealed: true },
          { selected_value: null, additional_input: null, sealed: false },
          { selected_value: null, additional_input: null, sealed: false },
          { selected_value: null, additional_input: null, sealed: true },
          { selected_value: null, additional_input: null, sealed: true },
          { selected_value: null, additional_input: null, sealed: true },
        ],
      ),
      readAsAuthor({
        selections: [
          'all.single.other',
          'all.multi.m1',
          'all.multi.m2',
          'all.text=null',
          'all.date=null',
          'all.file=null',
        ],
      }),
    ],
  },
  {
    name: 'a private session does not keep a skip reason',
    wizard: 'optional',
    moves: [
      start({}, { storeUserData: false }),
      submit('intro', { pick: ['go'] }),
      skip('my secret', { skips: ['extras: null'], current: 'finish' }),
    ],
  },
];

const guestCases: FlowCase[] = [
  {
    name: 'a guest runs a wizard that needs no login with its session token',
    wizard: 'guest',
    guest: true,
    moves: [
      start({ current: 'one', path: ['one:OPEN'], progress: [0, 2, 2, 0] }),
      rows(
        `SELECT u.is_guest FROM wizard_user_sessions s JOIN users u ON u.user_id = s.user_id
          WHERE s.session_id = $1`,
        [{ is_guest: true }],
      ),
      submit('one', { pick: ['a'] }, { next: byDefault('two'), current: 'two' }),
      submit('two', { pick: ['b'] }, { next: toCompletion, price: '12.00', completion: 'ok' }),
      complete({
        status: 'COMPLETED',
        session: { totalPrice: '12.00' },
        activityLog: ['SESSION_STARTED', 'STEP_COMPLETED', 'STEP_COMPLETED', 'SESSION_COMPLETED'],
      }),
    ],
  },
];

const cases: FlowCase[] = [
  ...linearCases,
  ...branchCases,
  ...conditionCases,
  ...optionalCases,
  ...dependencyCases,
  ...kindCases,
  ...backCases,
  ...lifecycleCases,
  ...priceCases,
  ...draftCases,
  ...previewCases,
  ...privacyCases,
  ...guestCases,
];

describe('Session flows', () => {
  let db: TestDatabase;
  let server: TestServer;
  let ids: Record<SessionWizardName, WizardIds>;
  let headers: Record<string, string>;
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db.dataSource);
    const names = Object.keys(sessionWizards) as SessionWizardName[];
    const stored = await storeWizards(db.dataSource, Object.values(sessionWizards));
    ids = Object.fromEntries(names.map((name, i) => [name, stored[i]])) as typeof ids;
    headers = (await registerAccount(server, db.dataSource, 'runner@example.com')).headers;
    adminHeaders = (await registerAccount(server, db.dataSource, 'author@example.com', 'ADMIN'))
      .headers;
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  const context = (wizard: SessionWizardName, guest = false): FlowContext => ({
    server,
    dataSource: db.dataSource,
    ids: ids[wizard],
    headers,
    adminHeaders,
    guest,
  });

  it.each(cases)('$name', async ({ wizard, guest, moves }) => {
    await runFlow(context(wizard, guest), moves);
  });
});
