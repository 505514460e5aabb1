/**
 * bpmn-moddle extension descriptors for the two attribute namespaces a programme's flow.bpmn
 * uses: Camunda's (candidateGroups, formKey — so Camunda Modeler keeps them) and our own small
 * `shenbao:` namespace for what BPMN and Camunda have no word for.
 */

export const SHENBAO_NAMESPACE = 'https://shenbao.dev/schema/bpmn';
export const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

const attr = (name: string) => ({ name, isAttr: true, type: 'String' });

export const camundaDescriptor = {
  name: 'Camunda',
  uri: CAMUNDA_NAMESPACE,
  prefix: 'camunda',
  xml: { tagAlias: 'lowerCase' },
  types: [
    {
      name: 'AssignableTask',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [attr('candidateGroups'), attr('formKey')],
    },
  ],
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
