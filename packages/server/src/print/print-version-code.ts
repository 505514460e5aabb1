/** Version codes drawn from the operating system's cryptographic random source. */
import { randomInt } from 'node:crypto';
import { newVersionCode } from '@shenbao/engine';

const RANGE = 2 ** 48 - 1; // randomInt's largest allowed span

/** A uniform number in [0, 1) from crypto-strong bytes. */
export function cryptoRandom(): number {
  return randomInt(0, RANGE) / RANGE;
}

/** A fresh, unpredictable version code such as `K7M4-XQ2P`. */
export function newPrintVersionCode(): string {
  return newVersionCode(cryptoRandom);
}
