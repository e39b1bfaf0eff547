/**
 * A messaging channel: a thin adapter that turns platform updates into TurnRequests for the
 * conversation, and replies into platform messages. No flow decision lives in a channel.
 */
import type { InboundHandle } from "../inbound/inbound-queue.ts";

export interface ChannelStatus {
  /** Channel name, as counted in analytics: telegram, whatsapp_web, whatsapp_cloud, simulator. */
  name: string;
  state: "off" | "starting" | "running" | "stopped" | "error";
  /** Why it is off or failing, in a sentence for operators (never with identifiers). */
  detail?: string;
}

export interface Channel {
  readonly name: string;
  /** Begins taking updates (long polling, a browser client); webhook channels just get ready. */
  start(): Promise<void>;
  /**
   * Stops taking updates (webhooks answer 503, polling ends) while replies can still be sent: the
   * composition root pauses every channel, lets the inbound queue finish what it holds, then stops.
   */
  pause?(): Promise<void>;
  /** Stops taking updates and sending; turns already in flight are finished by the conversation's drain(). */
  stop(): Promise<void>;
  status(): ChannelStatus;
  /** Runs one entry of a durable inbound queue (InboundQueue.start), for channels that take one. */
  handle?(inbound: InboundHandle): Promise<void>;
}
