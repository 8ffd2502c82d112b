/**
 * The simulated tenant's directory: who exists, which app registrations exist and what
 * each may do. Values here are the demo tenant's settings (see .env.example).
 */

export const DEMO_TENANT_ID = "5c1e2f4a-7b3d-4e8f-9a01-d3e5f7a9b2c4";
export const DEMO_DOMAIN = "fjordby.dk";

/** The Mødeklar app registration in the demo tenant (client credentials + exposed API). */
export const DEMO_CLIENT_ID = "8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60";
/** Demo-only secret: it protects nothing but the local simulator. */
export const DEMO_CLIENT_SECRET = "demo-secret-fjordby-local-only";

/** The simulated Outlook's own app registration: its host page signs in with it and brokers add-ins' tokens. */
export const OUTLOOK_HOST_CLIENT_ID = "0f0e1d2c-3b4a-4596-8788-99aabbccdd01";

/** The OpenID Connect scopes a client asks for to sign a person in and keep them signed in (a refresh token). */
export const SIGN_IN_SCOPES = ["openid", "profile", "offline_access"] as const;

/** The delegated Graph scopes the Outlook registration is consented for and its host page asks for. */
export const OUTLOOK_HOST_SCOPES = [
  ...SIGN_IN_SCOPES,
  "User.Read",
  "Calendars.ReadWrite",
  "Calendars.ReadWrite.Shared",
  "Mail.ReadWrite.Shared",
] as const;

/** Microsoft Graph's resource app id (the `aud` of Graph tokens issued by Entra). */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

/** Application permissions on Microsoft Graph an admin can grant an app in the simulated tenant. */
export const GRAPH_APP_PERMISSIONS = [
  "Calendars.Read",
  "Calendars.ReadWrite",
  "Mail.Read",
  "Mail.ReadWrite",
  "Mail.Send",
  "Place.Read.All",
  "User.Read.All",
  "MailboxSettings.Read",
  "MailboxSettings.ReadWrite",
  "User.ReadWrite.All",
  "Directory.Read.All",
] as const;
export type GraphAppPermission = (typeof GRAPH_APP_PERMISSIONS)[number];

/** Roles a person can hold in the Mødeklar API (app roles of the Mødeklar app registration). */
export type AppRole = "secretary" | "mayor" | "chief-of-staff" | "reception" | "catering";

export interface AppRegistration {
  clientId: string;
  displayName: string;
  /** Client secrets accepted at the token endpoint; empty for public clients. */
  secrets: string[];
  /** PEM public keys or certificates (SPKI) accepted for `private_key_jwt` client assertions. */
  certificates: string[];
  redirectUris: string[];
  /** Application permissions on Microsoft Graph granted (admin consented) to this app. */
  graphAppPermissions: GraphAppPermission[];
  /** Delegated Graph scopes this app may request on behalf of a signed-in person. */
  graphDelegatedScopes: string[];
  /** App roles this app exposes for its own API (`api://<clientId>`), assigned to people. */
  exposedAppRoles: AppRole[];
  /** The delegated scope this app exposes (`api://<clientId>/<scope>`). */
  exposedScopes: string[];
  /**
   * A first-party host in Entra's `brk-multihub` group (Outlook, Teams): it may redeem its own
   * refresh token for an add-in that registered `brk-multihub://<its origin>` (nested app authentication).
   */
  trustedBroker?: boolean;
}

export type PersonKind = "person" | "shared" | "room";

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  preferredLanguage?: string;
  kind: PersonKind;
  /** App roles in the Mødeklar API assigned to this person. */
  appRoles: AppRole[];
  /** Mailboxes (by user id) this person is a delegate of (calendar and mail, Editor). */
  delegateOf: string[];
  timeZone: string;
}

export interface Room {
  id: string;
  emailAddress: string;
  displayName: string;
  capacity: number;
  building: string;
  floorNumber: number;
  audioDeviceName: string | null;
  videoDeviceName: string | null;
  displayDeviceName: string | null;
  isWheelChairAccessible: boolean;
  /** `standard` rooms accept automatically when free; `reserved` need a delegate; the sim auto-declines conflicts. */
  bookingType: "standard" | "reserved";
  roomListEmail: string;
  address: { street: string; city: string; postalCode: string; countryOrRegion: string };
  tags: string[];
}

export interface RoomList {
  id: string;
  emailAddress: string;
  displayName: string;
}

/** A mail-enabled security group, as an application access policy scopes to one. */
export interface MailGroup {
  id: string;
  emailAddress: string;
  displayName: string;
  /** Member user ids. */
  members: string[];
}

/**
 * Exchange Online's application access policy (`New-ApplicationAccessPolicy`): limits which
 * mailboxes an app's application permissions reach. RestrictAccess lets the app reach only the
 * group's members; DenyAccess every mailbox but theirs. Without a policy, an app with
 * `Mail.ReadWrite` reaches every mailbox in the tenant.
 */
export interface ApplicationAccessPolicy {
  appId: string;
  /** The group's mail address (PolicyScopeGroupId). */
  scopeGroup: string;
  accessRight: "RestrictAccess" | "DenyAccess";
  description: string;
}
