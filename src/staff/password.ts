/**
 * Staff passwords, hashed with node's scrypt (memory-hard). Stored as
 * `scrypt$<N>$<r>$<p>$<salt>$<key>` (base64url), so the cost can be raised later and older
 * hashes still verify. Verification compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt minimum is N=2^17 with r=8; 2^15 keeps a cheap laptop's sign-in under ~100 ms. */
export const defaultCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

/** Passwords staff may choose: long enough to resist guessing, short enough to type. */
export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const dummies = new Map<string, Promise<string>>();
/** A hash of the given cost to verify against when there is no account, so timing does not tell whether a name exists. */
export function dummyHash(cost: ScryptCost = defaultCost): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let hash = dummies.get(key);
  if (!hash) dummies.set(key, (hash = hashPassword("no account has this password", cost)));
  return hash;
}

/** A random password for `staff add`/`reset` when none is given. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
