/**
 * A stand-in for whatsapp-web.js's `Client`: the subset Guardline uses (WebClient), checked
 * against the library's own declarations, emitting `message` events shaped like the library's
 * documented Message example. It records what the bot sent and what it deleted.
 */
import { EventEmitter } from "node:events";
import type { Location, Message, MessageContent, MessageId, MessageTypes } from "whatsapp-web.js";
import type { WebClient } from "../../src/channels/whatsapp-web/web-client.ts";

export const botId = "31600000001@c.us";

export interface SentRecord {
  chatId: string;
  body: string;
  deleted: "no" | "everyone" | "me";
}

export class FakeWebClient extends EventEmitter implements WebClient {
  readonly sent: SentRecord[] = [];
  /** Messages the person sent that the bot removed from its own phone. */
  readonly deletedIncoming: Message[] = [];
  initializeCalls = 0;
  destroyed = false;
  /** Makes initialize() fail, as a missing Chromium would. */
  failInitialize: Error | null = null;
  /** Makes message.delete(true) fail, as WhatsApp does for messages older than about two days. */
  refuseRevoke = false;

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.failInitialize) throw this.failInitialize;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: MessageContent): Promise<Message> {
    if (typeof content !== "string") throw new Error("Guardline only sends text");
    const record: SentRecord = { chatId, body: content, deleted: "no" };
    this.sent.push(record);
    return webMessage({
      from: botId,
      to: chatId,
      body: content,
      fromMe: true,
      onDelete: async (everyone) => {
        if (everyone && this.refuseRevoke) throw new Error(`cannot revoke message in ${chatId}`);
        record.deleted = everyone ? "everyone" : "me";
      },
    });
  }

  /** What a freshly installed server sees: a QR code, then the scan, then ready. */
  pair(qr = "2@fakeQrPayloadForTests,abc=,def=,ghi="): void {
    this.emit("qr", qr);
    this.emit("authenticated");
    this.emit("ready");
  }

  receive(message: Message): void {
    this.emit("message", message);
  }
}

export interface WebMessageFields {
  from: string;
  to?: string;
  body?: string;
  type?: `${MessageTypes}`;
  fromMe?: boolean;
  author?: string;
  hasMedia?: boolean;
  isStatus?: boolean;
  broadcast?: boolean;
  location?: Location;
  selectedButtonId?: string;
  selectedRowId?: string;
  onDelete?: (everyone: boolean) => Promise<void>;
}

let counter = 0;

/** A Message as whatsapp-web.js hands it over (see the example in the library's index.d.ts). */
export function webMessage(fields: WebMessageFields): Message {
  counter += 1;
  const fromMe = fields.fromMe ?? false;
  const remote = fromMe ? (fields.to ?? "") : fields.from;
  const serial = `3EB0${counter.toString(16).padStart(16, "0").toUpperCase()}`;
  const id: MessageId = { fromMe, remote, id: serial, _serialized: `${fromMe}_${remote}_${serial}` };
  const notUsed = () => Promise.reject(new Error("not used by Guardline"));
  return {
    id,
    ack: 1,
    author: fields.author,
    deviceType: "android",
    body: fields.body ?? "",
    broadcast: fields.broadcast ?? false,
    isStatus: fields.isStatus ?? false,
    isGif: false,
    isEphemeral: false,
    from: fields.from,
    to: fields.to ?? botId,
    fromMe,
    hasMedia: fields.hasMedia ?? false,
    hasQuotedMsg: false,
    hasReaction: false,
    duration: "",
    isForwarded: false,
    forwardingScore: 0,
    isStarred: false,
    // The library leaves location undefined on anything but a location message.
    location: fields.location as Location,
    vCards: [],
    mentionedIds: [],
    groupMentions: [],
    timestamp: 1_764_000_000 + counter,
    type: (fields.type ?? "chat") as MessageTypes,
    links: [],
    orderId: "",
    selectedButtonId: fields.selectedButtonId,
    selectedRowId: fields.selectedRowId,
    rawData: {},
    pollName: "",
    pollOptions: [],
    allowMultipleAnswers: false,
    eventStartTime: 0,
    isEventCaneled: false,
    delete: async (everyone?: boolean) => {
      await fields.onDelete?.(everyone ?? false);
    },
    reload: notUsed,
    acceptGroupV4Invite: notUsed,
    downloadMedia: notUsed,
    getChat: notUsed,
    getContact: notUsed,
    getMentions: notUsed,
    getGroupMentions: notUsed,
    getQuotedMessage: notUsed,
    reply: notUsed,
    react: notUsed,
    forward: notUsed,
    star: notUsed,
    unstar: notUsed,
    pin: notUsed,
    unpin: notUsed,
    getInfo: notUsed,
    getOrder: notUsed,
    getPayment: notUsed,
    getPollVotes: notUsed,
    getReactions: notUsed,
    edit: notUsed,
    editScheduledEvent: notUsed,
    vote: notUsed,
  };
}
