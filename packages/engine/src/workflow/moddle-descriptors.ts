/**
 * bpmn-moddle extension descriptors for the two attribute namespaces a programme's flow.bpmn
 * uses: Camunda's — the whole Camunda 7 descriptor (camunda-bpmn-moddle), so that everything
 * Camunda Modeler writes parses and `check` can judge each attribute by name — and our own small
 * `shenbao:` namespace for what BPMN and Camunda have no word for.
 */
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

export const SHENBAO_NAMESPACE = 'https://shenbao.dev/schema/bpmn';
export const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

const attr = (name: string) => ({ name, isAttr: true, type: 'String' });

interface DescriptorType {
  name: string;
  properties?: Array<{ name: string }>;
  [key: string]: unknown;
}

/**
 * Camunda's descriptor less `camunda:dueDate` on user tasks: moddle maps extension attributes by
 * local name, and ours is `shenbao:dueDate`. `camunda:dueDate` is then left as an unknown
 * attribute, which `check` refuses by name (see supported-elements.ts).
 */
export const camundaDescriptor = {
  ...camundaModdle,
  types: (camundaModdle.types as DescriptorType[]).map((type) =>
    type.name === 'Assignable' && type.properties ? { ...type, properties: type.properties.filter((p) => p.name !== 'dueDate') } : type),
};

export const shenbaoDescriptor = {
  name: 'Shenbao',
  uri: SHENBAO_NAMESPACE,
  prefix: 'shenbao',
  xml: { tagAlias: 'lowerCase' },
  types: [
    {
      name: 'ReviewTask',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [attr('organisation'), attr('outcomes'), attr('withdrawable'), attr('kind'), attr('dueDate')],
    },
    {
      name: 'ActionTask',
      isAbstract: true,
      extends: ['bpmn:ServiceTask'],
      properties: [attr('action'), attr('print'), attr('message')],
    },
    {
      name: 'OutcomeEvent',
      isAbstract: true,
      extends: ['bpmn:EndEvent'],
      properties: [attr('outcome'), attr('validFor')],
    },
  ],
};

export const moddleExtensions = { camunda: camundaDescriptor, shenbao: shenbaoDescriptor };
