/**
 * A stand-in for whatsapp-web.js's `Client`: the subset Guardline uses (WebClient), checked
 * against the library's own declarations, emitting `message` events shaped like the library's
 * documented Message example. It records what the bot sent and how each message was deleted.
 *
 * Behaviour copied from the library (src/Client.js, src/structures/Message.js, 1.34):
 * - messages live on the paired phone (FakePhone), so a new client after a reconnect finds them
 *   with getMessageById; a Message object acts through the client that made it and fails once
 *   that client is destroyed;
 * - `delete(true)` revokes only while WhatsApp allows it, else it quietly deletes for the bot's
 *   phone and still resolves (it never reports the refusal);
 * - initialize() can hang (page load without timeout) until the browser is closed.
 */
import { EventEmitter } from "node:events";
import type { Location, Message, MessageContent, MessageId, MessageTypes, WAState } from "whatsapp-web.js";
import type { WebClient } from "../../src/channels/whatsapp-web/web-client.ts";

export const botId = "31600000001@c.us";
/** WhatsApp's own limit for "delete for everyone": 2 days and 12 hours. */
export const whatsappRevokeWindowMs = 60 * 3600_000;

export interface SentRecord {
  chatId: string;
  body: string;
  deleted: "no" | "everyone" | "me";
}

interface Stored {
  record: SentRecord;
  fromMe: boolean;
  /** Epoch ms, by the phone's clock. */
  at: number;
  message: Message;
}

/** The paired phone: its message history outlives any one browser client. */
export class FakePhone {
  readonly messages = new Map<string, Stored>();
  constructor(public now: () => number = () => Date.now()) {}
}

export class FakeWebClient extends EventEmitter implements WebClient {
  readonly sent: SentRecord[] = [];
  /** Messages the person sent, with how the bot deleted them. */
  readonly received: SentRecord[] = [];
  initializeCalls = 0;
  destroyed = false;
  /** Makes initialize() fail, as a missing Chromium would. */
  failInitialize: Error | null = null;
  /** Makes initialize() hang until destroy(), as a page load without timeout does. */
  hangInitialize = false;
  /** What getState() answers; "hang" never settles (a frozen browser); an Error rejects. */
  state: WAState | "hang" | Error | null = "CONNECTED" as WAState;
  getStateCalls = 0;
  /** The paired phone, as the library describes it once ready. */
  info = { wid: { user: botId.split("@")[0]!, server: "c.us", _serialized: botId } } as WebClient["info"];
  private release: (() => void) | undefined;

  constructor(readonly phone = new FakePhone()) {
    super();
  }

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.failInitialize) throw this.failInitialize;
    if (this.hangInitialize) {
      await new Promise<void>((resolve) => (this.release = resolve));
      throw new Error("Protocol error: Target closed");
    }
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.release?.();
  }

  async getState(): Promise<WAState> {
    this.getStateCalls += 1;
    if (this.state === "hang") return new Promise<WAState>(() => {});
    if (this.state instanceof Error) throw this.state;
    return this.state as WAState;
  }

  /** Makes the next sendMessage fail with this error, as a refused or undeliverable message does. */
  failNextSend(error: Error): void {
    this.sendFailure = error;
  }

  private sendFailure: Error | null = null;

  async sendMessage(chatId: string, content: MessageContent): Promise<Message> {
    this.alive();
    const failure = this.sendFailure;
    this.sendFailure = null;
    if (failure) throw failure;
    if (typeof content !== "string") throw new Error("Guardline only sends text");
    const record: SentRecord = { chatId, body: content, deleted: "no" };
    this.sent.push(record);
    return this.store(webMessage({ from: botId, to: chatId, body: content, fromMe: true }), record);
  }

  /** Like the library: null when the phone does not have the message (the types say Message). */
  async getMessageById(messageId: string): Promise<Message> {
    this.alive();
    const stored = this.phone.messages.get(messageId);
    return (stored ? this.bound(stored) : null) as Message;
  }

  /** What a freshly installed server sees: a QR code, then the scan, then ready. */
  pair(qr = "2@fakeQrPayloadForTests,abc=,def=,ghi="): void {
    this.emit("qr", qr);
    this.emit("authenticated");
    this.emit("ready");
  }

  receive(message: Message): void {
    const record: SentRecord = { chatId: message.from, body: message.body, deleted: "no" };
    this.received.push(record);
    this.emit("message", this.store(message, record));
  }

  private store(message: Message, record: SentRecord): Message {
    const stored: Stored = { record, fromMe: message.fromMe, at: this.phone.now(), message };
    this.phone.messages.set(message.id._serialized, stored);
    return this.bound(stored);
  }

  /** The message as this client hands it out: its delete() runs in this client's browser page. */
  private bound(stored: Stored): Message {
    const remove = async (everyone?: boolean) => {
      this.alive();
      const canRevoke = stored.fromMe && this.phone.now() - stored.at < whatsappRevokeWindowMs;
      stored.record.deleted = everyone && canRevoke ? "everyone" : "me";
    };
    return { ...stored.message, delete: remove } as Message;
  }

  private alive(): void {
    if (this.destroyed)
      throw new Error(
        "Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.",
      );
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
    delete: notUsed,
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
