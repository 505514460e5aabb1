import { describe } from 'vitest';
import { addToProcess, corpus, editJson, editTag, replaceIn, userTask } from './corpus.ts';
import { shareOf } from './generic-mistakes.ts';

describe('broken folders from national-makerspace-filing-2021', () => {
  corpus('national-makerspace-filing-2021', (files) => [
    ...shareOf(1).map((mistake) => mistake(files)),
    {
      name: 'a commitment (承诺书) the applicant may not print',
      edit: (f) => editJson(f, 'programme.json', (m) => {
        const print = m.prints.find((p: { id: string }) => p.id === m.submit.commitment);
        print.roles = print.roles.filter((r: string) => r !== 'applicant');
      }),
      expect: { file: 'programme.json', code: 'SB_CHECK_PRINT_ACCESS', pointer: '/submit/commitment' },
    },
    {
      name: 'flowable:formKey on a task (another vendor\'s way to name a form)',
      edit: (f) => editTag(replaceIn(f, 'flow.bpmn', '<bpmn:definitions ', '<bpmn:definitions xmlns:flowable="http://flowable.org/bpmn" '), userTask(f), (tag) => tag.replace('<bpmn:userTask ', '<bpmn:userTask flowable:formKey="review" ')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_VENDOR', element: userTask(files) },
    },
    {
      name: 'a script task computing a score',
      edit: (f) => addToProcess(f, '<bpmn:scriptTask id="score" scriptFormat="javascript"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'score' },
    },
    {
      name: 'a notice date that does not exist (February 30th)',
      edit: (f) => editJson(f, 'programme.json', (m) => { m.notice.date = '2021-02-30'; }),
      expect: { file: 'programme.json', code: 'SB_CHECK_DATE', pointer: '/notice/date' },
    },
  ]);
});
