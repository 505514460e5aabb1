import { describe } from 'vitest';
import { addToProcess, corpus, editJson, replaceIn } from './corpus.ts';
import { shareOf } from './generic-mistakes.ts';

describe('broken folders from jn-sme-platform-2020', () => {
  corpus('jn-sme-platform-2020', (files) => [
    ...shareOf(4).map((mistake) => mistake(files)),
    {
      name: 'an event-based gateway',
      edit: (f) => addToProcess(f, '<bpmn:eventBasedGateway id="firstToAnswer" />'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'firstToAnswer' },
    },
    {
      name: 'an error boundary event on a review task',
      edit: (f) => addToProcess(f, '<bpmn:boundaryEvent id="onError" attachedToRef="countySurvey"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'onError' },
    },
    {
      name: 'a rule whose expression is 3,000 characters long',
      edit: (f) => editJson(f, 'programme.json', (m) => { m.rules[0].expr = `=${Array.from({ length: 600 }, () => '1 + ').join('')}1 > 0`; }),
      expect: { file: 'programme.json', code: 'SB_CHECK_EXPRESSION_BUDGET', pointer: '/rules/0/expr' },
    },
    {
      name: 'a survey template comparing the evaluation with a word outside its enum',
      edit: (f) => replaceIn(f, 'print/survey.hbs', '(eq evaluation "很满意")', '(eq evaluation "非常满意")'),
      expect: { file: 'print/survey.hbs', code: 'SB_CHECK_TEMPLATE_ENUM' },
    },
    {
      name: 'a too-deeply nested print template (20 blocks)',
      edit: (f) => ({ ...f, 'print/declaration.hbs': `${'{{#if true}}'.repeat(20)}x${'{{/if}}'.repeat(20)}` }),
      expect: { file: 'print/declaration.hbs', code: 'SB_CHECK_LIMIT_NESTING' },
    },
  ]);
});
