import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkProgramme, checkProgrammeFlow, inspectFlow, loadFlow } from '../../src/index.ts';
import { gatewayChain } from '../helpers/flows.ts';
import { miniFiling, realProgramme } from '../helpers/programme-files.ts';

const valid = miniFiling();
const withFlow = (xml: string) => ({ ...valid, 'flow.bpmn': xml });
const insert = (xml: string) => withFlow(valid['flow.bpmn']!.replace('</bpmn:process>', `${xml}\n</bpmn:process>`));

describe('unsupported constructs come first, by element', () => {
  it('a sub-process without an end event: the first problem says sub-processes are not supported', async () => {
    const problems = await checkProgramme(insert('<bpmn:subProcess id="panel"><bpmn:startEvent id="ps" /><bpmn:task id="pt" /></bpmn:subProcess>'));
    expect(problems[0]).toMatchObject({ code: 'SB_CHECK_BPMN_UNSUPPORTED', element: 'panel' });
    expect(problems[0]!.message.en).toContain('sub-processes are not supported');
    // Nothing is said about the sub-process's insides.
    expect(problems.some((p) => p.element === 'ps' || p.element === 'pt')).toBe(false);
  });

  for (const [construct, xml, element, words] of [
    ['multi-instance', '<bpmn:userTask id="countersign" camunda:candidateGroups="recommender" shenbao:organisation="=basic.recommender"><bpmn:multiInstanceLoopCharacteristics isSequential="false" /></bpmn:userTask>', 'countersign', 'multi-instance'],
    ['a standard loop', '<bpmn:userTask id="again" camunda:candidateGroups="recommender" shenbao:organisation="=basic.recommender"><bpmn:standardLoopCharacteristics /></bpmn:userTask>', 'again', 'standard loops'],
    ['a repeating timer', '<bpmn:boundaryEvent id="nag" attachedToRef="recommend" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>', 'nag', 'timer cycles'],
    ['a sub-process', '<bpmn:subProcess id="sub" />', 'sub', 'sub-processes'],
  ] as const) {
    it(`${construct} is named in the first round, before anything else`, async () => {
      const problems = await checkProgramme(insert(xml));
      expect(problems[0]).toMatchObject({ code: 'SB_CHECK_BPMN_UNSUPPORTED', element });
      expect(problems[0]!.message.en).toContain(words);
      expect(problems[0]!.message.zh.length).toBeGreaterThan(0);
    });
  }

  it('the runtime loader refuses the same constructs (nothing runs with another meaning)', async () => {
    const xml = valid['flow.bpmn']!.replace('</bpmn:process>', '<bpmn:userTask id="mi" camunda:candidateGroups="recommender"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask></bpmn:process>');
    const { problems } = await inspectFlow(xml);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'SB_ERR_FLOW_INVALID', params: expect.objectContaining({ element: 'mi' }) }));
    await expect(loadFlow(xml)).rejects.toThrow(/multi-instance/);
  });
});

describe('vendor attributes', () => {
  it('a Camunda Modeler export of the Shandong flow (historyTimeToLive, versionTag, asyncBefore, priority, extension properties, modeler metadata) checks clean', async () => {
    const files = realProgramme('sd-maker-home-2020');
    const exported = readFileSync(fileURLToPath(new URL('../fixtures/flows/sd-maker-home-2020.camunda-modeler.bpmn', import.meta.url)), 'utf8');
    expect(exported).toContain('exporter="Camunda Modeler"');
    expect(await checkProgramme({ ...files!, 'flow.bpmn': exported }, { extraChecks: [checkProgrammeFlow] })).toEqual([]);
    await expect(loadFlow(exported)).resolves.toBeDefined();
  }, 30_000);

  it('Modeler defaults on the mini flow are accepted too', async () => {
    const xml = valid['flow.bpmn']!.replace('<bpmn:process ', '<bpmn:process camunda:historyTimeToLive="P180D" camunda:isStartableInTasklist="false" ');
    expect(await checkProgramme(withFlow(xml))).toEqual([]);
  });

  it('attributes that change meaning are refused by name with the element', async () => {
    const xml = valid['flow.bpmn']!.replace('camunda:candidateGroups="recommender"', 'camunda:candidateGroups="recommender" camunda:candidateUsers="lisi" camunda:followUpDate="2020-01-01"');
    const problems = await checkProgramme(withFlow(xml));
    expect(problems.map((p) => [p.code, p.element])).toEqual([['SB_CHECK_BPMN_VENDOR', 'recommend'], ['SB_CHECK_BPMN_VENDOR', 'recommend']]);
    expect(problems.map((p) => p.message.en).join(' ')).toMatch(/camunda:candidateUsers.*camunda:followUpDate|camunda:followUpDate.*camunda:candidateUsers/);
  });

  it('another vendor\'s form key is refused by name, not dropped', async () => {
    const xml = valid['flow.bpmn']!
      .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:flowable="http://flowable.org/bpmn" ')
      .replace('camunda:candidateGroups="recommender"', 'camunda:candidateGroups="recommender" flowable:formKey="review"');
    const problems = await checkProgramme(withFlow(xml));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_BPMN_VENDOR', element: 'recommend' })]);
    expect(problems[0]!.message.en).toContain('flowable:formKey');
  });

  it('metadata of namespaces that execute nothing (Signavio\'s, Trisotech\'s) is ignored', async () => {
    const xml = valid['flow.bpmn']!
      .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:signavio="http://www.signavio.com" xmlns:triso="http://www.trisotech.com/2015/triso/modeling" ')
      .replace(/(<bpmn:userTask id="recommend"[^>]*?)(\/?)>/, '$1 triso:userConstraints="true"$2><bpmn:extensionElements><signavio:signavioMetaData metaKey="bgcolor" metaValue="#ffffcc" /></bpmn:extensionElements>');
    expect(await checkProgramme(withFlow(xml))).toEqual([]);
  });
});

describe('encodings', () => {
  it('a declared ISO-8859-1 or windows-1252 flow of plain ASCII loads', async () => {
    const ascii = gatewayChain(3);
    for (const encoding of ['ISO-8859-1', 'windows-1252', 'US-ASCII']) {
      await expect(loadFlow(ascii.replace('encoding="UTF-8"', `encoding="${encoding}"`))).resolves.toBeDefined();
    }
  });

  it('a declared single-byte encoding with Chinese text is refused with what to do', async () => {
    const chinese = valid['flow.bpmn']!.replace('<bpmn:userTask id="recommend"', '<bpmn:userTask id="recommend" name="推荐单位审核"');
    const problems = await checkProgramme(withFlow(chinese.replace('encoding="UTF-8"', 'encoding="windows-1252"')));
    expect(problems).toEqual([expect.objectContaining({ code: 'SB_CHECK_BPMN_ENCODING', file: 'flow.bpmn' })]);
    expect(problems[0]!.message.en).toContain('UTF-8');
  });
});

describe('budgets', () => {
  it('a 32,000-gateway flow is refused before it is parsed', async () => {
    const problems = await checkProgramme(withFlow(gatewayChain(32_000)));
    expect(problems).toEqual([expect.objectContaining({ file: 'flow.bpmn', code: 'SB_CHECK_LIMIT_FILE_SIZE' })]);
  });

  it('a compact flow over the element budget is refused by its element count', async () => {
    const problems = await checkProgramme(withFlow(gatewayChain(1_500)));
    expect(problems).toEqual([expect.objectContaining({ file: 'flow.bpmn', code: 'SB_CHECK_LIMIT_FLOW_ELEMENTS' })]);
  });

  it('a flow nested deeper than the budget is refused', async () => {
    const deep = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">${'<bpmn:documentation>'.repeat(60)}${'</bpmn:documentation>'.repeat(60)}</bpmn:definitions>`;
    expect(await checkProgramme(withFlow(deep))).toEqual([expect.objectContaining({ code: 'SB_CHECK_LIMIT_NESTING' })]);
  });
});
