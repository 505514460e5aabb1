/**
 * The password rule as hints while typing. The server (packages/server/src/auth/password-policy.ts) is the
 * authority and answers with its own bilingual message; these numbers mirror it so the hints agree.
 */
export const passwordMinLength = 8;
export const passwordMinClasses = 3;

const classTests = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^\p{L}\p{N}\s]/u];

export interface PasswordCheck {
  length: boolean;
  classes: boolean;
  noSpaces: boolean;
}

export function checkPassword(password: string): PasswordCheck {
  return {
    length: [...password].length >= passwordMinLength,
    classes: classTests.filter((test) => test.test(password)).length >= passwordMinClasses,
    noSpaces: password.length > 0 && !/\s/.test(password),
  };
}

export function passwordAcceptable(password: string): boolean {
  const check = checkPassword(password);
  return check.length && check.classes && check.noSpaces;
}
