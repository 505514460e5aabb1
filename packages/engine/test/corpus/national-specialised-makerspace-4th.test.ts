import { describe } from 'vitest';
import { addToProcess, corpus, editJson, findInForms, type Mistake } from './corpus.ts';
import { shareOf } from './generic-mistakes.ts';

describe('broken folders from national-specialised-makerspace-4th', () => {
  corpus('national-specialised-makerspace-4th', (files) => [
    ...shareOf(2).map((mistake) => mistake(files)),
    ((): Mistake => {
      const field = findInForms(files, (n) => Array.isArray(n.enum) && n.enum.every((v: unknown) => typeof v === 'string'));
      const name = field.pointer.split('/').pop()!;
      const section = (JSON.parse(files['programme.json']!) as { sections: Array<{ id: string; schema: string }> }).sections.find((s) => s.schema === field.file)!;
      return {
        name: `a rule comparing ${section.id}.${name} with a value outside its enum`,
        edit: (f) => editJson(f, 'programme.json', (m) => { m.rules[0].expr = `=${section.id}.${name} = "其他"`; }),
        expect: { file: 'programme.json', code: 'SB_CHECK_EXPRESSION_MEANING', pointer: '/rules/0/expr' },
      };
    })(),
    ((): Mistake => {
      const field = findInForms(files, (n) => Array.isArray(n.enum) && n.enum.every((v: unknown) => typeof v === 'string'));
      return {
        name: 'an enum value of the wrong type (a number in a text enum)',
        edit: (f) => editJson(f, field.file, (s) => {
          let node = s;
          for (const seg of field.pointer.split('/').slice(1)) node = node[seg];
          node.enum = [...node.enum, 3];
        }),
        expect: { file: field.file, code: 'SB_CHECK_UNSATISFIABLE' },
      };
    })(),
    {
      name: 'a message start event instead of a plain one',
      edit: (f) => addToProcess(f, '<bpmn:startEvent id="byMail"><bpmn:messageEventDefinition /></bpmn:startEvent>'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'byMail' },
    },
    {
      name: 'a call activity to another process',
      edit: (f) => addToProcess(f, '<bpmn:callActivity id="provincialFlow" calledElement="province" />'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'provincialFlow' },
    },
  ]);
});
