/**
 * The single import site of bpmn-moddle. Version 10 ships no declaration for its entry point,
 * so the handful of shapes the workflow reads are typed here.
 */
// @ts-expect-error -- bpmn-moddle 10 has no type declarations for "."
import { BpmnModdle as UntypedBpmnModdle } from 'bpmn-moddle';
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

/** Parses flow XML with the camunda: and shenbao: descriptors registered. */
export function parseBpmnXml(xml: string): Promise<ModdleParseResult> {
  return new ModdleCtor(moddleExtensions).fromXML(xml.trim());
}
