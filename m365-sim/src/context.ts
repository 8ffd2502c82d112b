import type { SigningKeys } from "./identity/keys";
import type { SeedOptions } from "./seed";
import type { SimState } from "./state";

/** What every part of the simulator gets: the world, the signing keys and where it is served. */
export interface SimContext {
  state: SimState;
  keys: SigningKeys;
  tenantId: string;
  /** `https://localhost:<port>`: the authority host and the Graph host at once. */
  baseUrl: () => string;
  /** The token issuer, as Entra's v2 endpoint names it: `${baseUrl}/${tenantId}/v2.0`. */
  issuer: () => string;
  /** The CA (PEM) that signed the simulator's certificate: what its requests to itself trust. */
  ca?: string;
  /** The seed the simulator started from; the control API's reset seeds it again. */
  seedOptions?: SeedOptions;
}
