import type { Logger } from "pino";
import type { MirrorStore } from "../store/types";

/**
 * Which configured mailboxes this instance syncs. Instances sharing one database split the
 * mailboxes evenly through the store's mailbox leases; a lease not renewed (a dead
 * instance) expires and is taken over at the next refresh.
 */

/** Live instances announce themselves with a lease on this pseudo-mailbox, so a newcomer holding nothing is counted. */
const PRESENCE_PREFIX = "instance:";

export interface MailboxOwnershipOptions {
  store: MirrorStore;
  instanceId: string;
  mailboxes: string[];
  leaseMs: number;
  log: Logger;
  /** A mailbox this instance just took over: catch up with it. */
  onGained: (mailbox: string) => Promise<void>;
  /** Mailboxes with work in progress here, which are not given away until it ends. */
  busy: (mailbox: string) => boolean;
}

export class MailboxOwnership {
  private owned = new Set<string>();

  constructor(private readonly options: MailboxOwnershipOptions) {}

  owns(mailbox: string): boolean {
    return this.owned.has(mailbox);
  }

  ownedMailboxes(): string[] {
    return [...this.owned];
  }

  async refresh(): Promise<void> {
    const { store, instanceId, mailboxes, leaseMs, log } = this.options;
    await store.acquireMailboxLease(`${PRESENCE_PREFIX}${instanceId}`, instanceId, leaseMs);
    // Expired leases may still be listed: they belong to instances that are gone.
    const now = Date.now();
    const leases = (await store.mailboxLeases()).filter((l) => Date.parse(l.expiresAt) > now);
    const instances = new Set(
      leases.filter((l) => l.mailbox.startsWith(PRESENCE_PREFIX)).map((l) => l.instance),
    ).add(instanceId);
    const fairShare = Math.ceil(mailboxes.length / instances.size);
    const heldByOthers = new Set(
      leases.filter((l) => l.instance !== instanceId && mailboxes.includes(l.mailbox)).map((l) => l.mailbox),
    );

    for (const mailbox of [...this.owned]) {
      if (!(await store.acquireMailboxLease(mailbox, instanceId, leaseMs))) {
        this.owned.delete(mailbox);
        log.warn({ mailbox }, "mailbox lease lost to another instance");
      }
    }
    for (const mailbox of [...this.owned].reverse()) {
      if (this.owned.size <= fairShare) break;
      if (this.options.busy(mailbox)) continue;
      this.owned.delete(mailbox);
      await store.releaseMailboxLease(mailbox, instanceId);
      log.info({ mailbox }, "mailbox handed over to balance instances");
    }
    for (const mailbox of mailboxes) {
      if (this.owned.size >= fairShare) break;
      if (this.owned.has(mailbox) || heldByOthers.has(mailbox)) continue;
      if (await store.acquireMailboxLease(mailbox, instanceId, leaseMs)) {
        this.owned.add(mailbox);
        log.info({ mailbox }, "mailbox lease taken");
        await this.options.onGained(mailbox);
      }
    }
  }

  async releaseAll(): Promise<void> {
    const { store, instanceId } = this.options;
    for (const mailbox of this.owned) await store.releaseMailboxLease(mailbox, instanceId);
    this.owned.clear();
    await store.releaseMailboxLease(`${PRESENCE_PREFIX}${instanceId}`, instanceId);
  }
}
