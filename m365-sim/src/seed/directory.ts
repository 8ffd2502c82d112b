import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DOMAIN,
  OUTLOOK_HOST_CLIENT_ID,
  OUTLOOK_HOST_SCOPES,
  SIGN_IN_SCOPES,
  type AppRegistration,
  type ApplicationAccessPolicy,
  type DirectoryUser,
  type MailGroup,
  type Room,
  type RoomList,
} from "../directory";

/**
 * Fjordby Kommune, the demo tenant: the mayor, her secretary (a delegate of her calendar
 * and mailbox), the chief of staff, the shared reception and catering mailboxes, the
 * departments, and the town hall's rooms. Ids are fixed so tests and demos can name them.
 */

const TZ = "Romance Standard Time";
const d = (local: string) => `${local}@${DEMO_DOMAIN}`;

function person(
  id: string,
  local: string,
  displayName: string,
  extra: Partial<DirectoryUser> = {},
): DirectoryUser {
  const [givenName, ...rest] = displayName.split(" ");
  return {
    id,
    userPrincipalName: d(local),
    mail: d(local),
    displayName,
    givenName,
    surname: rest.join(" "),
    preferredLanguage: "da-DK",
    kind: "person",
    appRoles: [],
    delegateOf: [],
    timeZone: TZ,
    ...extra,
  };
}

function shared(id: string, local: string, displayName: string, department: string): DirectoryUser {
  return {
    id,
    userPrincipalName: d(local),
    mail: d(local),
    displayName,
    department,
    preferredLanguage: "da-DK",
    kind: "shared",
    appRoles: [],
    delegateOf: [],
    timeZone: TZ,
  };
}

export const IDS = {
  mayor: "11111111-1111-4111-8111-000000000001",
  secretary: "11111111-1111-4111-8111-000000000002",
  chiefOfStaff: "11111111-1111-4111-8111-000000000003",
  reception: "11111111-1111-4111-8111-000000000004",
  catering: "11111111-1111-4111-8111-000000000005",
  director: "11111111-1111-4111-8111-000000000006",
  deputyMayor: "11111111-1111-4111-8111-000000000007",
  techEnvironment: "11111111-1111-4111-8111-000000000011",
  socialHealth: "11111111-1111-4111-8111-000000000012",
  childrenYouth: "11111111-1111-4111-8111-000000000013",
  cultureLeisure: "11111111-1111-4111-8111-000000000014",
  finance: "11111111-1111-4111-8111-000000000015",
  council: "11111111-1111-4111-8111-000000000016",
  journal: "11111111-1111-4111-8111-000000000017",
} as const;

export const ADDRESSES = {
  mayor: d("borgmester"),
  secretary: d("sekretaer"),
  chiefOfStaff: d("stabschef"),
  reception: d("reception"),
  catering: d("kantine"),
  director: d("kommunaldirektoer"),
  deputyMayor: d("viceborgmester"),
  techEnvironment: d("teknik-miljoe"),
  socialHealth: d("social-sundhed"),
  childrenYouth: d("boern-unge"),
  cultureLeisure: d("kultur-fritid"),
  finance: d("oekonomi"),
  council: d("byraadssekretariatet"),
  journal: d("journal"),
} as const;

export function seedUsers(): DirectoryUser[] {
  return [
    person(IDS.mayor, "borgmester", "Birgitte Holm Sørensen", {
      jobTitle: "Borgmester",
      department: "Borgmesterkontoret",
      officeLocation: "Rådhuset, 1. sal",
      appRoles: ["mayor"],
    }),
    person(IDS.secretary, "sekretaer", "Camilla Nørgaard", {
      jobTitle: "Borgmestersekretær",
      department: "Byrådssekretariatet",
      officeLocation: "Rådhuset, 1. sal",
      appRoles: ["secretary"],
      delegateOf: [IDS.mayor],
    }),
    person(IDS.chiefOfStaff, "stabschef", "Jonas Vestergaard", {
      jobTitle: "Stabschef",
      department: "Byrådssekretariatet",
      appRoles: ["chief-of-staff"],
    }),
    person(IDS.director, "kommunaldirektoer", "Henrik Møller Dahl", {
      jobTitle: "Kommunaldirektør",
      department: "Direktionen",
    }),
    person(IDS.deputyMayor, "viceborgmester", "Søren Ærø Jakobsen", {
      jobTitle: "Viceborgmester",
      department: "Byrådet",
    }),
    {
      ...shared(IDS.reception, "reception", "Rådhusets reception", "Service og Reception"),
      appRoles: ["reception"],
    },
    { ...shared(IDS.catering, "kantine", "Kantinen – forplejning", "Kantinen"), appRoles: ["catering"] },
    shared(IDS.techEnvironment, "teknik-miljoe", "Teknik og Miljø", "Center for Teknik og Miljø"),
    shared(IDS.socialHealth, "social-sundhed", "Social og Sundhed", "Center for Social og Sundhed"),
    shared(IDS.childrenYouth, "boern-unge", "Børn og Unge", "Center for Børn og Unge"),
    shared(IDS.cultureLeisure, "kultur-fritid", "Kultur og Fritid", "Center for Kultur og Fritid"),
    shared(IDS.finance, "oekonomi", "Økonomi og Analyse", "Center for Økonomi og Analyse"),
    shared(IDS.council, "byraadssekretariatet", "Byrådssekretariatet", "Byrådssekretariatet"),
    // The case system imports this mailbox's mail and files it by the case number in the subject.
    shared(IDS.journal, "journal", "Journal – Fjordby Kommune", "Dokumentstyring"),
  ];
}

const TOWN_HALL = {
  street: "Rådhuspladsen 1",
  city: "Fjordby",
  postalCode: "4700",
  countryOrRegion: "Danmark",
};
export const ROOM_LIST: RoomList = {
  id: "22222222-2222-4222-8222-000000000100",
  emailAddress: d("raadhuset-lokaler"),
  displayName: "Rådhuset – mødelokaler",
};

export function seedRooms(): Room[] {
  const room = (n: number, local: string, displayName: string, r: Partial<Room>): Room => ({
    id: `22222222-2222-4222-8222-00000000010${n}`,
    emailAddress: d(local),
    displayName,
    capacity: 8,
    building: "Rådhuset",
    floorNumber: 1,
    audioDeviceName: null,
    videoDeviceName: null,
    displayDeviceName: null,
    isWheelChairAccessible: true,
    bookingType: "standard",
    roomListEmail: ROOM_LIST.emailAddress,
    address: TOWN_HALL,
    tags: [],
    ...r,
  });
  return [
    room(1, "byraadssalen", "Byrådssalen", {
      capacity: 60,
      floorNumber: 2,
      audioDeviceName: "Mikrofonanlæg",
      videoDeviceName: "Streaming-kamera",
      displayDeviceName: "Storskærm",
      tags: ["Byråd", "Tolkning"],
    }),
    room(2, "borgmesterens-moedelokale", "Borgmesterens mødelokale", {
      capacity: 12,
      displayDeviceName: 'Skærm 65"',
      videoDeviceName: "Teams Room",
      audioDeviceName: "Teams Room",
      bookingType: "reserved",
    }),
    room(3, "moedelokale-1", "Mødelokale 1 (Fjorden)", { capacity: 6, floorNumber: 0 }),
    room(4, "moedelokale-2", "Mødelokale 2 (Skoven)", {
      capacity: 10,
      floorNumber: 0,
      displayDeviceName: "Skærm",
    }),
    room(5, "moedelokale-3", "Mødelokale 3 (Kvisten)", {
      capacity: 4,
      floorNumber: 3,
      isWheelChairAccessible: false,
    }),
    room(6, "udvalgsvaerelset", "Udvalgsværelset", {
      capacity: 16,
      displayDeviceName: "Projektor",
      audioDeviceName: "Konferencetelefon",
    }),
  ];
}

/**
 * The Mødeklar app registration: a confidential client (secret) with the Graph
 * application permissions the sync service needs, an exposed API with app roles assigned
 * to the people above, and redirect URIs for the pages. A second, under-privileged app
 * exists so tests can show that a missing permission is refused.
 */
export function seedApps(redirectBase: string[] = []): AppRegistration[] {
  return [
    {
      clientId: DEMO_CLIENT_ID,
      displayName: "Mødeklar",
      secrets: [DEMO_CLIENT_SECRET],
      certificates: [],
      redirectUris: redirectBase,
      graphAppPermissions: [
        "Calendars.ReadWrite",
        "Mail.ReadWrite",
        "Mail.Send",
        "Place.Read.All",
        "User.Read.All",
        "MailboxSettings.ReadWrite",
      ],
      graphDelegatedScopes: [
        ...SIGN_IN_SCOPES,
        "User.Read",
        "Calendars.ReadWrite",
        "Calendars.ReadWrite.Shared",
        "Mail.ReadWrite",
        "Mail.ReadWrite.Shared",
        "Mail.Send",
        "Mail.Send.Shared",
        "Place.Read.All",
        "MailboxSettings.Read",
        "MailboxSettings.ReadWrite",
      ],
      exposedAppRoles: ["secretary", "mayor", "chief-of-staff", "reception", "catering"],
      exposedScopes: ["access_as_user"],
    },
    {
      clientId: "9b5e7d2f-3c4a-4b6d-8f80-2c3d4e5f6071",
      displayName: "Kalender-læser (kun læseadgang)",
      secrets: ["reader-secret-local-only"],
      certificates: [],
      redirectUris: [],
      graphAppPermissions: ["Calendars.Read"],
      graphDelegatedScopes: ["openid", "profile", "User.Read", "Calendars.Read"],
      exposedAppRoles: [],
      exposedScopes: [],
    },
    {
      clientId: CASE_SYSTEM_CLIENT.clientId,
      displayName: "Sagssystemets postimport",
      secrets: [CASE_SYSTEM_CLIENT.secret],
      certificates: [],
      redirectUris: [],
      graphAppPermissions: ["Mail.Read"],
      graphDelegatedScopes: [],
      exposedAppRoles: [],
      exposedScopes: [],
    },
    {
      clientId: OUTLOOK_HOST_CLIENT_ID,
      displayName: "Outlook",
      secrets: [],
      certificates: [],
      // The host page's address is registered when it is first served (its port is chosen at start).
      redirectUris: [],
      graphAppPermissions: [],
      graphDelegatedScopes: [...OUTLOOK_HOST_SCOPES],
      exposedAppRoles: [],
      exposedScopes: [],
      trustedBroker: true,
    },
  ];
}

/**
 * The case system's mail import (as F2 or another ESDH system reads a journal mailbox): an app
 * that may read mail, restricted to the journal mailbox. Tests read the journal through it.
 */
export const CASE_SYSTEM_CLIENT = {
  clientId: "4d7e9a1b-6c2f-4e8d-a3b5-7f9e0c1d2e34",
  secret: "case-system-secret-local-only",
};

export const READER_CLIENT = {
  clientId: "9b5e7d2f-3c4a-4b6d-8f80-2c3d4e5f6071",
  secret: "reader-secret-local-only",
};

/**
 * The group the Mødeklar app is restricted to: the mayor's mailbox, her secretary's (mirrored
 * when she is configured too) and the secretariat's shared reception and catering mailboxes
 * (the reception's "guest arrived" notice is sent from its own mailbox).
 */
export const MODEKLAR_GROUP: MailGroup = {
  id: "33333333-3333-4333-8333-000000000001",
  emailAddress: d("modeklar-postkasser"),
  displayName: "Mødeklar – postkasser",
  members: [IDS.mayor, IDS.secretary, IDS.reception, IDS.catering],
};

/** The case system's import reaches the journal mailbox only. */
export const JOURNAL_GROUP: MailGroup = {
  id: "33333333-3333-4333-8333-000000000002",
  emailAddress: d("journal-postkasser"),
  displayName: "Sagssystemet – journalpostkasse",
  members: [IDS.journal],
};

export function seedGroups(): MailGroup[] {
  return [MODEKLAR_GROUP, JOURNAL_GROUP].map((group) => ({ ...group, members: [...group.members] }));
}

/** The healthy demo tenant: Mødeklar reaches only its group's mailboxes, as the pilot guide sets it up. */
export function seedAccessPolicies(): ApplicationAccessPolicy[] {
  return [
    {
      appId: DEMO_CLIENT_ID,
      scopeGroup: MODEKLAR_GROUP.emailAddress,
      accessRight: "RestrictAccess",
      description: "Mødeklar: kun borgmesterkontorets postkasser",
    },
    {
      appId: CASE_SYSTEM_CLIENT.clientId,
      scopeGroup: JOURNAL_GROUP.emailAddress,
      accessRight: "RestrictAccess",
      description: "Sagssystemet: kun journalpostkassen",
    },
  ];
}
