/**
 * GS1 check digit of a 13-digit EAN (GLN), as used for Danish public-sector invoicing
 * (EAN-lokationsnummer, e.g. 5798…): weights 1 and 3 alternate from the left over the
 * first twelve digits.
 */
export function gs1CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** True for 13 digits whose last digit is the GS1 check digit of the others. */
export function isValidEan(ean: string): boolean {
  return /^\d{13}$/.test(ean) && gs1CheckDigit(ean.slice(0, 12)) === Number(ean[12]);
}
