import { describe } from 'vitest';
import { addToProcess, corpus, editJson, findInForms, replaceIn, setAt, type Mistake } from './corpus.ts';
import { shareOf } from './generic-mistakes.ts';

describe('broken folders from sd-maker-home-2020', () => {
  corpus('sd-maker-home-2020', (files) => [
    ...shareOf(0).map((mistake) => mistake(files)),
    {
      name: 'requireStampedScan naming a print the applicant may not make, so every submit is refused',
      edit: (f) => editJson(f, 'programme.json', (m) => { m.prints[0].roles = m.prints[0].roles.filter((r: string) => r !== 'applicant'); }),
      expect: { file: 'programme.json', code: 'SB_CHECK_PRINT_ACCESS', pointer: '/submit/requireStampedScan' },
    },
    {
      name: 'a print template reading a section field that does not exist',
      edit: (f) => replaceIn(f, 'print/book.hbs', 'data.service.platformName', 'data.service.platformTitle'),
      expect: { file: 'print/book.hbs', code: 'SB_CHECK_TEMPLATE_UNKNOWN_FIELD' },
    },
    {
      name: 'a gateway condition reading a path into a text field',
      edit: (f) => replaceIn(f, 'flow.bpmn', '=recommend.outcome = "approve"', '=service.platformName.first = "approve"'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_UNKNOWN_NAME' },
    },
    {
      name: 'an intermediate catch event waiting for a message',
      edit: (f) => addToProcess(f, '<bpmn:intermediateCatchEvent id="waitForPaper"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'waitForPaper' },
    },
    ((): Mistake => {
      const field = findInForms(files, (n) => n.type === 'number' && typeof n.minimum === 'number');
      return {
        name: 'a number field whose minimum is above its maximum',
        edit: (f) => editJson(f, field.file, (s) => { setAt(s, field.pointer, 'maximum', field.node.minimum - 1); }),
        expect: { file: field.file, code: 'SB_CHECK_UNSATISFIABLE', pointer: `${field.pointer}/minimum` },
      };
    })(),
  ]);
});
