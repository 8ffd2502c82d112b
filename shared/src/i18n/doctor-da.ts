/** The preflight's (`npm run doctor`) texts for the municipality's IT, Danish first. */
export const doctorDa = {
  "doctor.status.pass": "OK",
  "doctor.status.warn": "ADVARSEL",
  "doctor.status.fail": "FEJL",
  "doctor.status.skip": "SPRUNGET OVER",
  "doctor.fix": "Sådan: {fix}",
  "doctor.summary": "{failed} fejl, {warned} advarsler, {passed} i orden.",
  "doctor.skipped": "{check}: sprunget over, fordi {reason} fejlede",

  "doctor.check.config": "konfigurationen",
  "doctor.check.token": "token",
  "doctor.check.database": "databasen",

  "doctor.config.ok": "Konfiguration: alle {count} variabler fra .env.example er sat og gyldige",
  "doctor.config.noExample": "Konfiguration: .env.example findes ikke ved doktoren ({path})",
  "doctor.config.noExample.fix": "læg .env.example fra udgivelsen ved siden af tjenesten",
  "doctor.config.missing": "Konfiguration: {names} er ikke sat",
  "doctor.config.missing.fix":
    "sæt dem i tjenestens miljø (EnvironmentFile i systemd-enheden); .env.example viser hver enkelt",
  "doctor.config.invalid": "Konfiguration: {problems}",
  "doctor.config.invalid.fix": "ret værdierne; .env.example viser formatet",

  "doctor.token.secret": "Token: hentet med klienthemmeligheden for app {clientId}",
  "doctor.token.certificate":
    "Token: hentet med certifikatet {thumbprint} for app {clientId} (gyldigt til {expires})",
  "doctor.token.expiring": "Token: certifikatet {thumbprint} udløber {expires}, om {days} dage",
  "doctor.token.expiring.fix":
    "lav et nyt certifikat, upload det til app-registreringen, og skift CLIENT_CERTIFICATE_PATH (docs/pilot.md: certifikater)",
  "doctor.token.failed": "Token: kunne ikke hentes: {error}",
  "doctor.token.failed.secret":
    "lav en ny klienthemmelighed under Certifikater og hemmeligheder i app-registreringen, og sæt CLIENT_SECRET",
  "doctor.token.failed.certificate":
    "upload certifikatet i CLIENT_CERTIFICATE_PATH til app-registreringen under Certifikater og hemmeligheder",
  "doctor.token.failed.app": "tjek CLIENT_ID og TENANT_ID: appen findes ikke i lejeren",
  "doctor.token.failed.tenant": "tjek TENANT_ID: lejeren findes ikke",
  "doctor.token.failed.network": "tjek at {host} kan nås herfra (DNS, proxy, firewall)",
  "doctor.token.failed.other": "tjek app-registreringen og AUTHORITY_HOST",

  "doctor.clock.ok": "Ur: {seconds} sekunder fra identitetsudbyderens ur",
  "doctor.clock.skewed": "Ur: {minutes} minutter fra identitetsudbyderens ur (højst 5 minutter)",
  "doctor.clock.skewed.fix": "synkronisér serverens ur, fx timedatectl set-ntp true",

  "doctor.permissions.ok": "Graph-tilladelser: præcis de {count}, Mødeklar bruger ({names})",
  "doctor.permissions.missing": "Graph-tilladelser: mangler {names}",
  "doctor.permissions.missing.fix":
    "tilføj dem som applikationstilladelser under API-tilladelser → Microsoft Graph, og giv administratorsamtykke",
  "doctor.permissions.extra": "Graph-tilladelser: har også {names}, som Mødeklar ikke bruger",
  "doctor.permissions.extra.fix": "fjern dem fra app-registreringen; Mødeklar bruger kun {needed}",

  "doctor.policy.ok": "Adgangspolitik: {outside} (uden for Mødeklars postkasser) blev afvist, som den skal",
  "doctor.policy.open":
    "Adgangspolitik: appen kan læse alle {count} andre postkasser, den prøvede ({outside}); uden politik kan den læse alle postkasser i lejeren",
  "doctor.policy.open.fix":
    'i Exchange Online PowerShell: New-DistributionGroup -Name "Mødeklar – postkasser" -Alias modeklar-postkasser -Type Security -Members {mailboxes}; New-ApplicationAccessPolicy -AppId {clientId} -PolicyScopeGroupId modeklar-postkasser -AccessRight RestrictAccess -Description "Mødeklar"',
  "doctor.policy.untested": "Adgangspolitik: fandt ingen postkasse uden for MAILBOXES at prøve med",
  "doctor.policy.untested.fix":
    "kør Test-ApplicationAccessPolicy -Identity <en anden postkasse> -AppId {clientId}; svaret skal være Denied",

  "doctor.mailbox.ok": "Postkasse {mailbox}: findes, har en kalender, tidszone {timeZone}",
  "doctor.mailbox.unknown": "Postkasse {mailbox}: findes ikke i lejeren",
  "doctor.mailbox.unknown.fix": "ret MAILBOXES til postkassens primære adresse",
  "doctor.mailbox.noMailbox": "Postkasse {mailbox}: brugeren har ingen Exchange Online-postkasse",
  "doctor.mailbox.noMailbox.fix": "tildel brugeren en Exchange Online-licens, eller ret MAILBOXES",
  "doctor.mailbox.outsidePolicy": "Postkasse {mailbox}: adgangspolitikken holder Mødeklar ude",
  "doctor.mailbox.outsidePolicy.fix":
    "Add-DistributionGroupMember -Identity modeklar-postkasser -Member {mailbox}",
  "doctor.mailbox.failed": "Postkasse {mailbox}: {error}",
  "doctor.mailbox.failed.fix": "tjek postkassen og appens tilladelser (se linjerne ovenfor)",

  "doctor.rooms.ok": "Lokaler: {rooms} lokaler i {lists} lokalelister",
  "doctor.rooms.noList": "Lokaler: ingen lokaleliste er synlig ({rooms} lokaler)",
  "doctor.rooms.noList.fix":
    'lav en lokaleliste: New-DistributionGroup -RoomList -Name "Rådhuset – mødelokaler" -Members <lokalerne>',
  "doctor.rooms.failed": "Lokaler: {error}",
  "doctor.rooms.failed.fix": "giv appen Place.Read.All (applikationstilladelse med administratorsamtykke)",

  "doctor.publicUrl.ok":
    "Offentlig adresse: {url} svarer over HTTPS, og Graph validerede et testabonnement (slettet igen)",
  "doctor.publicUrl.unreachable": "Offentlig adresse: {url} svarer ikke herfra: {error}",
  "doctor.publicUrl.unreachable.fix":
    "tjek DNS, reverse proxy og TLS-certifikat for {host}, og at den sender videre til PORT {port}",
  "doctor.publicUrl.refused": "Offentlig adresse: Graph kunne ikke validere {url}: {error}",
  "doctor.publicUrl.refused.fix":
    "Microsoft Graph skal kunne nå {url} fra internettet over HTTPS (port 443 åben til reverse proxyen)",

  "doctor.database.ok": "Database: PostgreSQL svarer, skemaet har alle {count} migreringer (nyeste {latest})",
  "doctor.database.embedded":
    "Database: indlejret PGlite i {dir}; fint til demoen, brug PostgreSQL til piloten",
  "doctor.database.embedded.fix": "sæt DATABASE_URL til PostgreSQL (docs/pilot.md: database)",
  "doctor.database.unreachable": "Database: PostgreSQL svarer ikke: {error}",
  "doctor.database.unreachable.fix": "tjek DATABASE_URL, at PostgreSQL kører, og pg_hba.conf",
  "doctor.database.empty": "Database: PostgreSQL svarer, men Mødeklars skema er ikke oprettet endnu",
  "doctor.database.empty.fix": "start tjenesten én gang: den opretter skemaet under en advisory lock",
  "doctor.database.behind": "Database: mangler migrering {versions}",
  "doctor.database.behind.fix":
    "start den nye version af tjenesten: den migrerer under en advisory lock, mens en anden instans bliver ved at svare",
  "doctor.database.ahead": "Database: skemaet har migrering {versions}, som denne version ikke kender",
  "doctor.database.ahead.fix":
    "kør den nyeste version, eller gendan databasen fra sikkerhedskopien fra før opgraderingen (docs/pilot.md: tilbagerulning)",

  "doctor.why.Calendars.ReadWrite": "spejle kalenderen, skrive prioritetskategorier og svare på invitationer",
  "doctor.why.Mail.ReadWrite":
    "spejle indbakke og sendt post, sætte kategorier og flag på mødeindkaldelser og henvendelser",
  "doctor.why.Mail.Send":
    "sende besked til køkken og reception, bestille mødemateriale og sende dagsoversigten",
  "doctor.why.MailboxSettings.ReadWrite":
    "læse postkassens tidszone og oprette Mødeklars kategorier i postkassens kategoriliste",
  "doctor.why.Place.Read.All": "finde rådhusets mødelokaler og lokalelister",
  "doctor.why.User.Read.All": "slå personer og postkasser op",
} as const;
