import { Inject, Injectable } from '@nestjs/common';
import { CredentialCipher } from '../../platform/crypto/credential-cipher';
import { AppError } from '../../platform/errors/app-error';
import { checkChannel, type Secrets } from '../domain/channel-validation';
import { DEFAULT_KINDS, type NotificationEvent } from '../domain/notification-event';
import { ChannelDelivery } from './channel-delivery';
import { NOTIFY_SETTINGS, type NotifySettings } from './notify-settings';
import { ChannelPage, ChannelStore, StoredChannel } from './ports/channel-store.port';
import { DeliveryRecord, Outbox } from './ports/outbox.port';
import type { SendOutcome } from './ports/channel-transport.port';

export type Draft = Record<string, unknown>;

/** Settings patch: a value replaces the field, null removes it, an absent field is kept. */
function mergeSettings(stored: Record<string, unknown>, patch: unknown): unknown {
  if (patch === undefined) return stored;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  return { ...stored, ...patch };
}

/** Channels through the API: validated (every problem at once), secrets sealed and write-only. */
@Injectable()
export class ChannelAdminService {
  constructor(
    private readonly store: ChannelStore,
    private readonly cipher: CredentialCipher,
    private readonly delivery: ChannelDelivery,
    private readonly outbox: Outbox,
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
  ) {}

  list(page: { limit: number; offset: number }): Promise<ChannelPage> {
    return this.store.list(page);
  }

  /** Pending, sent and failed deliveries per channel. */
  deliveryCounts(ids: number[]): ReturnType<Outbox['deliveryCounts']> {
    return this.outbox.deliveryCounts(ids);
  }

  /** A channel's latest deliveries, newest first (404 for an unknown channel). */
  async recentDeliveries(id: number, limit: number): Promise<DeliveryRecord[]> {
    await this.get(id);
    return this.outbox.recentDeliveries(id, limit);
  }

  /**
   * The names of the secrets a channel holds (never a value), for forms that say which are set; null when
   * they cannot be opened under the current master key (the channel cannot send either).
   */
  secretNames(channel: StoredChannel): string[] | null {
    try {
      return Object.keys(this.cipher.open(channel.sealed)).sort();
    } catch {
      return null;
    }
  }

  /** Consecutive failures from which a channel shows as failing. */
  failingAfter(): number {
    return this.settings.failingAfter;
  }

  async get(id: number): Promise<StoredChannel> {
    const channel = await this.store.get(id);
    if (!channel) throw AppError.notFound(`Notification channel ${id}`);
    return channel;
  }

  async create(draft: Draft): Promise<StoredChannel> {
    const candidate = {
      enabled: true,
      events: [...DEFAULT_KINDS],
      account_ids: null,
      ...draft,
      settings: mergeSettings({}, draft.settings ?? {}),
    };
    const { fields, secrets } = this.check(candidate, {}, draft.secrets);
    await this.assertNameFree(fields.name, null);
    return this.store.insert(fields, this.cipher.seal(secrets));
  }

  async update(id: number, draft: Draft): Promise<StoredChannel> {
    const existing = await this.get(id);
    const typeChanged = draft.type !== undefined && draft.type !== existing.type;
    // a channel of another type has other secrets (and settings): they are given anew
    const stored: Secrets = typeChanged ? {} : this.cipher.open(existing.sealed);
    const candidate = {
      name: existing.name,
      type: existing.type,
      enabled: existing.enabled,
      events: existing.events,
      account_ids: existing.accountIds,
      ...draft,
      settings: mergeSettings(typeChanged ? {} : existing.settings, draft.settings),
    };
    const { fields, secrets } = this.check(candidate, stored, draft.secrets);
    if (fields.name.toLowerCase() !== existing.name.toLowerCase()) await this.assertNameFree(fields.name, id);
    return this.store.update(id, fields, this.cipher.seal(secrets));
  }

  async delete(id: number): Promise<StoredChannel> {
    const existing = await this.get(id);
    await this.store.delete(id);
    return existing;
  }

  /** Sends a test message now (not through the outbox) and answers with how it went. */
  async test(id: number): Promise<SendOutcome & { channel: StoredChannel }> {
    const channel = await this.get(id);
    const event: NotificationEvent = {
      id: 0,
      kind: 'test',
      accountId: null,
      payload: {},
      occurredAt: new Date(),
    };
    const outcome = await this.delivery.send(channel, event, this.settings.publicUrl);
    return { ...outcome, channel: (await this.store.get(id)) ?? channel };
  }

  private check(candidate: Draft, stored: Secrets, patch: unknown) {
    const checked = checkChannel(candidate, stored, patch);
    if (!checked.ok) throw AppError.validation(checked.problems);
    return checked.value;
  }

  private async assertNameFree(name: string, exceptId: number | null): Promise<void> {
    if (await this.store.nameTaken(name, exceptId))
      throw AppError.conflict(`A notification channel named "${name}" exists`);
  }
}
