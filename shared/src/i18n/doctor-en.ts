import type { doctorDa } from "./doctor-da";

/** The preflight's (`npm run doctor`) texts in English. */
export const doctorEn: Record<keyof typeof doctorDa, string> = {
  "doctor.status.pass": "OK",
  "doctor.status.warn": "WARNING",
  "doctor.status.fail": "FAILED",
  "doctor.status.skip": "SKIPPED",
  "doctor.fix": "Fix: {fix}",
  "doctor.summary": "{failed} failed, {warned} warnings, {passed} passed.",
  "doctor.skipped": "{check}: skipped because {reason} failed",

  "doctor.check.config": "the configuration",
  "doctor.check.token": "the token",
  "doctor.check.database": "the database",

  "doctor.config.ok": "Configuration: all {count} variables from .env.example are set and well-formed",
  "doctor.config.noExample": "Configuration: no .env.example beside the doctor ({path})",
  "doctor.config.noExample.fix": "put the release's .env.example beside the service",
  "doctor.config.missing": "Configuration: {names} not set",
  "doctor.config.missing.fix":
    "set them in the service's environment (EnvironmentFile in the systemd unit); .env.example shows each one",
  "doctor.config.invalid": "Configuration: {problems}",
  "doctor.config.invalid.fix": "correct the values; .env.example shows their format",

  "doctor.token.secret": "Token: obtained with the client secret for app {clientId}",
  "doctor.token.certificate":
    "Token: obtained with certificate {thumbprint} for app {clientId} (valid until {expires})",
  "doctor.token.expiring": "Token: certificate {thumbprint} expires {expires}, in {days} days",
  "doctor.token.expiring.fix":
    "make a new certificate, upload it to the app registration and point CLIENT_CERTIFICATE_PATH at it (docs/pilot.md: certificates)",
  "doctor.token.failed": "Token: could not be obtained: {error}",
  "doctor.token.failed.secret":
    "create a new client secret under Certificates & secrets in the app registration and set CLIENT_SECRET",
  "doctor.token.failed.certificate":
    "upload the certificate in CLIENT_CERTIFICATE_PATH to the app registration under Certificates & secrets",
  "doctor.token.failed.app": "check CLIENT_ID and TENANT_ID: the app does not exist in the tenant",
  "doctor.token.failed.tenant": "check TENANT_ID: the tenant does not exist",
  "doctor.token.failed.network": "check that {host} can be reached from here (DNS, proxy, firewall)",
  "doctor.token.failed.other": "check the app registration and AUTHORITY_HOST",

  "doctor.clock.ok": "Clock: {seconds} s from the identity provider's clock",
  "doctor.clock.skewed": "Clock: {minutes} min from the identity provider's clock (5 min at most)",
  "doctor.clock.skewed.fix": "synchronise the server's clock, e.g. timedatectl set-ntp true",

  "doctor.permissions.ok": "Graph permissions: exactly the {count} Mødeklar uses ({names})",
  "doctor.permissions.missing": "Graph permissions: {names} missing",
  "doctor.permissions.missing.fix":
    "add them as application permissions under API permissions → Microsoft Graph and grant admin consent",
  "doctor.permissions.extra": "Graph permissions: also {names}, which Mødeklar does not use",
  "doctor.permissions.extra.fix": "remove them from the app registration; Mødeklar uses only {needed}",

  "doctor.policy.ok": "Access policy: {outside} (not one of Mødeklar's mailboxes) was refused, as it must be",
  "doctor.policy.open":
    "Access policy: the app can read all {count} other mailboxes it tried ({outside}); without a policy it can read every mailbox in the tenant",
  "doctor.policy.open.fix":
    'in Exchange Online PowerShell: New-DistributionGroup -Name "Mødeklar – postkasser" -Alias modeklar-postkasser -Type Security -Members {mailboxes}; New-ApplicationAccessPolicy -AppId {clientId} -PolicyScopeGroupId modeklar-postkasser -AccessRight RestrictAccess -Description "Mødeklar"',
  "doctor.policy.untested": "Access policy: found no mailbox outside MAILBOXES to try",
  "doctor.policy.untested.fix":
    "run Test-ApplicationAccessPolicy -Identity <another mailbox> -AppId {clientId}; it must answer Denied",

  "doctor.mailbox.ok": "Mailbox {mailbox}: exists, has a calendar, time zone {timeZone}",
  "doctor.mailbox.unknown": "Mailbox {mailbox}: does not exist in the tenant",
  "doctor.mailbox.unknown.fix": "correct MAILBOXES to the mailbox's primary address",
  "doctor.mailbox.noMailbox": "Mailbox {mailbox}: the user has no Exchange Online mailbox",
  "doctor.mailbox.noMailbox.fix": "give the user an Exchange Online licence, or correct MAILBOXES",
  "doctor.mailbox.outsidePolicy": "Mailbox {mailbox}: the access policy keeps Mødeklar out",
  "doctor.mailbox.outsidePolicy.fix":
    "Add-DistributionGroupMember -Identity modeklar-postkasser -Member {mailbox}",
  "doctor.mailbox.failed": "Mailbox {mailbox}: {error}",
  "doctor.mailbox.failed.fix": "check the mailbox and the app's permissions (see the lines above)",

  "doctor.rooms.ok": "Rooms: {rooms} rooms in {lists} room lists",
  "doctor.rooms.noList": "Rooms: no room list is visible ({rooms} rooms)",
  "doctor.rooms.noList.fix":
    'make a room list: New-DistributionGroup -RoomList -Name "Rådhuset – mødelokaler" -Members <the rooms>',
  "doctor.rooms.failed": "Rooms: {error}",
  "doctor.rooms.failed.fix": "give the app Place.Read.All (application permission with admin consent)",

  "doctor.publicUrl.ok":
    "Public address: {url} answers over HTTPS and Graph validated a test subscription (deleted again)",
  "doctor.publicUrl.unreachable": "Public address: {url} does not answer from here: {error}",
  "doctor.publicUrl.unreachable.fix":
    "check DNS, the reverse proxy and the TLS certificate for {host}, and that it forwards to PORT {port}",
  "doctor.publicUrl.refused": "Public address: Graph could not validate {url}: {error}",
  "doctor.publicUrl.refused.fix":
    "Microsoft Graph must reach {url} from the internet over HTTPS (port 443 open to the reverse proxy)",

  "doctor.database.ok":
    "Database: PostgreSQL answers, the schema has all {count} migrations (latest {latest})",
  "doctor.database.embedded":
    "Database: embedded PGlite in {dir}; fine for the demo, use PostgreSQL for the pilot",
  "doctor.database.embedded.fix": "set DATABASE_URL to PostgreSQL (docs/pilot.md: database)",
  "doctor.database.unreachable": "Database: PostgreSQL does not answer: {error}",
  "doctor.database.unreachable.fix": "check DATABASE_URL, that PostgreSQL runs, and pg_hba.conf",
  "doctor.database.empty": "Database: PostgreSQL answers, but Mødeklar's schema is not created yet",
  "doctor.database.empty.fix": "start the service once: it creates the schema under an advisory lock",
  "doctor.database.behind": "Database: migration {versions} missing",
  "doctor.database.behind.fix":
    "start the new version of the service: it migrates under an advisory lock while another instance keeps serving",
  "doctor.database.ahead": "Database: the schema has migration {versions}, which this version does not know",
  "doctor.database.ahead.fix":
    "run the newest version, or restore the database from the backup taken before the upgrade (docs/pilot.md: rollback)",

  "doctor.why.Calendars.ReadWrite": "mirror the calendar, write priority categories and answer invitations",
  "doctor.why.Mail.ReadWrite":
    "mirror the inbox and sent mail, set categories and flags on meeting requests and inquiries",
  "doctor.why.Mail.Send":
    "send the kitchen's and reception's notices, order meeting material and send the daily digest",
  "doctor.why.MailboxSettings.ReadWrite":
    "read the mailbox's time zone and add Mødeklar's categories to the mailbox's category list",
  "doctor.why.Place.Read.All": "find the town hall's meeting rooms and room lists",
  "doctor.why.User.Read.All": "look up people and mailboxes",
};
