/**
 * A stand-in for bpmn-elements' TimerEventDefinition. The original reads the wall clock and
 * arms a real setTimeout; here a timer event only waits, and the runner — which computed its
 * due time on the injected clock and handed it to the server as a TimerRequest — signals it
 * when the server fires the timer. Nothing in the engine ever sleeps.
 */

interface BrokerLike {
  subscribeTmp(exchange: string, pattern: string, handler: (routingKey: string, message: ApiMessage) => void, options: object): void;
  cancel(consumerTag: string): void;
  publish(exchange: string, routingKey: string, content: object, options?: object): void;
}

interface ApiMessage {
  content: Record<string, unknown> & { message?: { id?: string; executionId?: string } };
  properties: { type?: string; correlationId?: string; delegate?: boolean };
}

interface ActivityLike {
  id: string;
  broker: BrokerLike;
}

interface ExecuteMessage {
  content: Record<string, unknown> & { executionId: string };
}

export function WaitingTimerEventDefinition(
  this: { type: string; activity: ActivityLike; broker: BrokerLike },
  activity: ActivityLike,
  eventDefinition: { type?: string },
): void {
  this.type = eventDefinition.type ?? 'bpmn:TimerEventDefinition';
  this.activity = activity;
  this.broker = activity.broker;
}

WaitingTimerEventDefinition.prototype.execute = function execute(
  this: { activity: ActivityLike; broker: BrokerLike },
  executeMessage: ExecuteMessage,
): void {
  const content = { ...executeMessage.content };
  const executionId = content.executionId;
  const broker = this.broker;
  const activityId = this.activity.id;
  const stop = () => {
    broker.cancel(`_api-${executionId}`);
    broker.cancel(`_api-delegated-${executionId}`);
  };
  const onApi = (_routingKey: string, message: ApiMessage) => {
    const { type, correlationId } = message.properties;
    if (type === 'signal') {
      stop();
      broker.publish('execution', 'execute.completed', { ...content, state: 'timeout' }, { correlationId });
    } else if (type === 'discard') {
      stop();
      broker.publish('execution', 'execute.discard', { ...content, state: 'discard' }, { correlationId });
    } else if (type === 'stop') {
      stop();
    }
  };
  broker.subscribeTmp('api', `activity.#.${executionId}`, onApi, { noAck: true, consumerTag: `_api-${executionId}`, priority: 400 });
  broker.subscribeTmp(
    'api',
    '#.signal.*',
    (routingKey, message) => {
      if (message.properties.delegate && message.content.message?.id === activityId) onApi(routingKey, message);
    },
    { noAck: true, consumerTag: `_api-delegated-${executionId}` },
  );
  broker.publish('event', 'activity.timer', { ...content, state: 'timer' });
};
