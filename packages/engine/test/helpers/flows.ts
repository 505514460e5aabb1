/** A flow of `n` exclusive gateways in a row, each with a default flow: compact, no diagram. */
export function gatewayChain(n: number): string {
  const parts = ['<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g0"/>'];
  for (let i = 0; i < n; i++) parts.push(`<bpmn:exclusiveGateway id="g${i}" default="d${i}"/><bpmn:sequenceFlow id="d${i}" sourceRef="g${i}" targetRef="${i + 1 < n ? `g${i + 1}` : 'e'}"/>`);
  parts.push('<bpmn:endEvent id="e" shenbao:outcome="recognised"/>');
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:shenbao="https://shenbao.dev/schema/bpmn" id="d"><bpmn:process id="p" isExecutable="true">${parts.join('')}</bpmn:process></bpmn:definitions>`;
}
