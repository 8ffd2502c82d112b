import { randomUUID } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet } from "jose";
import type { JWK, JWTPayload, CryptoKey } from "jose";

/**
 * The tenant's token signing key. Access and ID tokens are RS256 JWTs with a `kid`
 * published in the JWKS, as Entra ID issues them, so relying parties validate them the
 * same way they validate Entra's.
 */
export class SigningKeys {
  private constructor(
    readonly kid: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<SigningKeys> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = randomUUID().replace(/-/g, "").slice(0, 27);
    return new SigningKeys(kid, privateKey, { ...jwk, kid, use: "sig", alg: "RS256", kty: "RSA" });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async sign(claims: JWTPayload, lifetimeSeconds: number, nowSeconds: number): Promise<string> {
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.kid })
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + lifetimeSeconds)
      .sign(this.privateKey);
  }

  /** Verifies signature, issuer, audience and lifetime against the sim's clock. */
  async verify(
    token: string,
    options: { issuer: string; audience: string | string[]; now: Date },
  ): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, createLocalJWKSet(this.jwks()), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ["RS256"],
      currentDate: options.now,
      clockTolerance: 0,
    });
    return payload;
  }
}
