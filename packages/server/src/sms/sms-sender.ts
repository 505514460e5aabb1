/**
 * Sending a text message. The platform talks to an SMS gateway only through this interface; a deployment plugs in
 * its provider. The console sender writes the message to the log in development (there is no gateway on a
 * developer's machine) and refuses to leak codes into production logs; tests use the in-memory sender and read the
 * code back from it.
 */
import type { FastifyBaseLogger } from 'fastify';
import { maskMobile } from '../accounts/mobile.ts';

export interface SmsMessage {
  mobile: string;
  text: string;
  /** The one-time code, kept apart from the text so test senders and templates can use it. */
  code?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export class ConsoleSmsSender implements SmsSender {
  constructor(private readonly logger: Pick<FastifyBaseLogger, 'info' | 'error'>, private readonly showCodes: boolean) {}

  async send(message: SmsMessage): Promise<void> {
    if (this.showCodes) {
      this.logger.info({ sms: { to: message.mobile, text: message.text } }, `短信 / SMS to ${message.mobile}: ${message.text}`);
      return;
    }
    this.logger.error({ sms: { to: maskMobile(message.mobile) } }, 'no SMS gateway is configured: the message was not sent');
  }
}

export class MemorySmsSender implements SmsSender {
  readonly sent: SmsMessage[] = [];

  async send(message: SmsMessage): Promise<void> {
    this.sent.push(message);
  }

  /** The code of the newest message to that number. */
  lastCodeFor(mobile: string): string | undefined {
    return [...this.sent].reverse().find((m) => m.mobile === mobile)?.code;
  }
}
