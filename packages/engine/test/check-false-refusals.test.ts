import { describe, expect, it } from 'vitest';
import { checkProgramme, checkProgrammeFlow } from '../src/index.ts';
import { editJson, miniFiling, realProgramme } from './helpers/programme-files.ts';

// Folders that are right and were once refused: each must pass check, the flow walk included.

describe('check does not refuse what works', () => {
  it('a window opening at 08:00 and closing on the bare date of the same day (the end of that day)', async () => {
    const files = editJson(miniFiling(), 'programme.json', (m) => { m.windows.apply.opens = '2020-07-31T08:00'; m.windows.apply.closes = '2020-07-31'; });
    expect(await checkProgramme(files, { extraChecks: [checkProgrammeFlow] })).toEqual([]);
  });

  it('a flow reading windows.<id>.closes of a window the notice gives no closing date (the server runs it until 9999)', async () => {
    const sd = realProgramme('sd-maker-home-2020');
    if (!sd) return;
    const manifest = JSON.parse(sd['programme.json']!) as { windows: Record<string, { opens?: string; closes?: string }> };
    expect(manifest.windows.province?.closes).toBeUndefined();
    const flow = sd['flow.bpmn']!.replace(
      'camunda:formKey="province-review" shenbao:organisation="=&quot;sd-kx&quot;"',
      'camunda:formKey="province-review" shenbao:organisation="=&quot;sd-kx&quot;" shenbao:dueDate="=windows.province.closes"',
    );
    expect(flow).not.toBe(sd['flow.bpmn']);
    expect(await checkProgramme({ ...sd, 'flow.bpmn': flow }, { extraChecks: [checkProgrammeFlow] })).toEqual([]);
  }, 30_000);

  it('a folder without fixtures is walked with data made up from its schemas, and passes', async () => {
    const files = editJson(miniFiling(), 'programme.json', (m) => { delete m.fixtures; });
    expect(await checkProgramme(files, { extraChecks: [checkProgrammeFlow] })).toEqual([]);
  });

  it('a folder without fixtures whose gateway tests a word the task never produces is still refused', async () => {
    const files = editJson(miniFiling(), 'programme.json', (m) => { delete m.fixtures; });
    const broken = { ...files, 'flow.bpmn': files['flow.bpmn']!.replace('=recommend.outcome = "approve"', '=recommend.outcome = "approved"') };
    const problems = await checkProgramme(broken, { extraChecks: [checkProgrammeFlow] });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'SB_CHECK_EXPRESSION_MEANING', element: 'f4' }));
  });
});
