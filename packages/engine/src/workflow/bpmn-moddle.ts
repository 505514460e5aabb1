/**
 * The single import site of bpmn-moddle. Version 10 ships no declaration for its entry point,
 * so the handful of shapes the workflow reads are typed here.
 */
// @ts-expect-error -- bpmn-moddle 10 has no type declarations for "."
import { BpmnModdle as UntypedBpmnModdle } from 'bpmn-moddle';
import { FlowXmlRefused, prepareFlowXml } from './flow-xml.ts';
import { moddleExtensions } from './moddle-descriptors.ts';

/** A parsed BPMN element: `$type` plus whatever attributes and children it has. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ModdleParseResult {
  rootElement: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: Array<{ message: string; element?: ModdleElement }>;
}

interface ModdleInstance {
  fromXML(xml: string): Promise<ModdleParseResult>;
}

const ModdleCtor = UntypedBpmnModdle as new (extensions: unknown) => ModdleInstance;
let moddle: ModdleInstance | undefined;

/**
 * Parses flow XML with the camunda: and shenbao: descriptors registered, after the budgets and
 * the encoding declaration (flow-xml.ts): rejects with FlowXmlRefused when those refuse it.
 */
export async function parseBpmnXml(xml: string): Promise<ModdleParseResult> {
  const prepared = prepareFlowXml(xml);
  if ('refusal' in prepared) throw new FlowXmlRefused(prepared.refusal);
  // One instance: building the registry from the descriptors costs more than a small parse.
  moddle ??= new ModdleCtor(moddleExtensions);
  return moddle.fromXML(prepared.xml.trim());
}
