import { describe } from 'vitest';
import { addToProcess, corpus, editJson, findInForms, type Mistake } from './corpus.ts';
import { shareOf } from './generic-mistakes.ts';

describe('broken folders from sx-makerspace-2022', () => {
  corpus('sx-makerspace-2022', (files) => [
    ...shareOf(3).map((mistake) => mistake(files)),
    {
      name: 'a parallel split whose branches are joined by an exclusive gateway',
      edit: (f) => addToProcess(f, [
        '<bpmn:parallelGateway id="split" />',
        '<bpmn:task id="left" /><bpmn:task id="right" />',
        '<bpmn:exclusiveGateway id="wrongJoin" />',
        '<bpmn:endEvent id="joinedEnd" shenbao:outcome="certified" />',
        '<bpmn:sequenceFlow id="s1" sourceRef="split" targetRef="left" /><bpmn:sequenceFlow id="s2" sourceRef="split" targetRef="right" />',
        '<bpmn:sequenceFlow id="s3" sourceRef="left" targetRef="wrongJoin" /><bpmn:sequenceFlow id="s4" sourceRef="right" targetRef="wrongJoin" />',
        '<bpmn:sequenceFlow id="s5" sourceRef="wrongJoin" targetRef="joinedEnd" />',
      ].join('\n')),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_PARALLEL_JOIN', element: 'wrongJoin' },
    },
    ((): Mistake => {
      const field = findInForms(files, (n) => n['x-attachment'] !== undefined);
      return {
        name: 'an attachment accepting executables (exe)',
        edit: (f) => editJson(f, field.file, (s) => {
          let node = s;
          for (const seg of field.pointer.split('/').slice(1)) node = node[seg];
          node['x-attachment'] = { ...node['x-attachment'], accept: ['pdf', 'exe'] };
        }),
        expect: { file: field.file, code: 'SB_CHECK_ACCEPT_TYPE', pointer: `${field.pointer}/x-attachment/accept/1` },
      };
    })(),
    ((): Mistake => {
      const field = findInForms(files, (n) => n.type === 'string' && n.enum === undefined && n.format === undefined && n['x-attachment'] === undefined && n['x-organisation'] === undefined);
      return {
        name: 'a pattern with a backreference, which RE2 cannot run',
        edit: (f) => editJson(f, field.file, (s) => {
          let node = s;
          for (const seg of field.pointer.split('/').slice(1)) node = node[seg];
          node.pattern = '^(\\d)\\1$';
        }),
        expect: { file: field.file, code: 'SB_CHECK_PATTERN', pointer: `${field.pointer}/pattern` },
      };
    })(),
    {
      name: 'a terminate end event',
      edit: (f) => addToProcess(f, '<bpmn:endEvent id="stopAll" shenbao:outcome="certified"><bpmn:terminateEventDefinition /></bpmn:endEvent>'),
      expect: { file: 'flow.bpmn', code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'stopAll' },
    },
  ]);
});
