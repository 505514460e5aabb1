import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFlow } from '../../src/workflow/index.ts';

/** Reads a test flow from test/fixtures/flows. */
export function flowXml(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/flows/${name}.bpmn`, import.meta.url)), 'utf8');
}

export const loadTestFlow = (name: string) => loadFlow(flowXml(name));

/** Application data as the review-with-return flow's expressions read it. */
export const reviewVariables = {
  basic: { recommender: 'jinan-kx', platformName: '测试创客之家' },
  windows: { recommend: { closes: '2020-10-25T23:59:59' }, report: { closes: '2020-10-30' } },
};

/** What the server does between two commands: store the state as JSON text and read it back. */
export const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
