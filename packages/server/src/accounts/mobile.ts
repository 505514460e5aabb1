/**
 * Mainland China mobile numbers: 11 digits starting 13–19. Input is normalised first (spaces, hyphens and a +86/0086
 * prefix are dropped) because people paste numbers from spreadsheets and business cards in every shape.
 */
export function normaliseMobile(raw: string): string {
  const compact = raw.replace(/[\s\-()]/g, '');
  return compact.replace(/^(\+86|0086)/, '');
}

export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** Shown in logs and audit details instead of the full number. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}
