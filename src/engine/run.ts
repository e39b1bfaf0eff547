/**
 * One engine turn in progress: the state being built and what has been said and counted so far.
 * It walks nodes until the flow waits for an answer or the conversation ends. Node behaviour
 * lives in ./nodes, one file per node type.
 */
import type { FlowNode } from "../flows/schema.ts";
import type { DangerMatcher } from "./danger-words.ts";
import { enterNode } from "./nodes/index.ts";
import { historyLimit } from "./state.ts";
import type {
  EngineContext,
  EngineEvent,
  Flow,
  Output,
  Position,
  SessionState,
  Signal,
  TextRef,
} from "./types.ts";

/** Return points kept at most (the stored state allows 20). */
const maxStack = 16;

/** Internal return target: the menu, without counting the flow that returns there as completed. */
export const menuAfterKeyword = "#menu";

/** Node entries allowed in one turn; the checker rejects loops without a question, this is the backstop. */
const maxNodesPerTurn = 100;

export class Run {
  readonly outputs: Output[] = [];
  readonly events: EngineEvent[] = [];
  signal: Signal | undefined;
  private entered = 0;

  constructor(
    readonly ctx: EngineContext,
    public state: SessionState,
  ) {}

  get language(): string {
    return this.state.vars.language ?? this.ctx.defaultLanguage;
  }

  /**
   * Safeguarding matchers a message is checked against: the conversation's language (with the
   * base language's), then every other language of the person's country, so a parent who chose
   * English in the Philippines and writes in Filipino is still understood.
   */
  dangerMatchers(): DangerMatcher[] {
    const country = this.state.vars.country;
    const spoken = (country && this.ctx.bundle.referrals.get(country)?.languages) || [];
    // No country yet (a first message): every language, since a false alarm costs one message.
    const languages = country ? spoken : this.ctx.languages;
    const others = languages.filter((l) => l !== this.language && this.ctx.languages.includes(l));
    return [
      this.ctx.keywords(this.language).safeguarding,
      ...others.map((l) => this.ctx.keywords(l).ownSafeguarding),
    ];
  }

  say(key: string, params?: TextRef["params"]): void {
    this.outputs.push({ type: "text", text: params ? { key, params } : { key } });
  }

  emit(event: EngineEvent): void {
    this.events.push(event);
  }

  flow(id: string): Flow | undefined {
    return this.ctx.bundle.flows.get(id);
  }

  /** The flow and node the person is waiting at, if both still exist in the same version. */
  current(): { flow: Flow; node: Extract<FlowNode, { type: "question" }> } | undefined {
    const at = this.state.at;
    const flow = at && this.flow(at.flow);
    const node = at && flow?.nodesById.get(at.node);
    if (!at || !flow || flow.version !== at.version || node?.type !== "question") return undefined;
    return { flow, node };
  }

  /** Starts a flow at its first node. */
  startFlow(id: string): void {
    const flow = this.flow(id);
    if (!flow) return this.fail(`unknown flow ${id}`);
    this.emit({ type: "flow_started", flow: flow.id, version: flow.version });
    this.enter(flow, flow.nodes[0]!.id);
  }

  /**
   * Goes to a target written in a flow: a node id in `flow` or a special target. Leaving by a
   * written `@menu`, `@resume` or `@stop` is how a flow finishes, so it counts as completed.
   */
  go(flow: Flow, target: string): void {
    if (target === "@menu" || target === "@resume" || target === "@stop") this.completed(flow);
    switch (target) {
      case "@menu":
      case menuAfterKeyword:
        return this.toMenu();
      case "@resume":
        return this.resume();
      case "@back":
        return this.back();
      case "@end":
        return this.endFlow(flow);
      case "@stop":
        return this.stop();
      default:
        return this.enter(flow, target);
    }
  }

  /**
   * Walks from a node until something waits for the person. A re-asked question is not counted
   * as a new visit, so analytics see each question once per arrival.
   */
  enter(flow: Flow, nodeId: string, options: { reask?: boolean } = {}): void {
    let node = flow.nodesById.get(nodeId);
    let count = !options.reask;
    while (node) {
      if (++this.entered > maxNodesPerTurn)
        return this.fail(`more than ${maxNodesPerTurn} nodes in one turn`);
      if (count) this.emit({ type: "node_entered", flow: flow.id, version: flow.version, node: node.id });
      count = true;
      const next = enterNode(this, flow, node);
      switch (next.kind) {
        case "wait":
          this.state.at = { flow: flow.id, node: node.id, version: flow.version };
          this.state.misses = 0;
          return;
        case "node":
          node = flow.nodesById.get(next.node);
          break;
        case "target":
          return this.go(flow, next.target);
        case "flow":
          return this.handOver(flow, next.flow);
        case "call":
          return this.startFlow(next.flow);
        case "end":
          return this.endFlow(flow);
      }
    }
    this.fail(`unknown node ${nodeId} in flow ${flow.id}`);
  }

  /** Counts a flow as completed; the first topic completed completes the conversation. */
  completed(flow: Flow): void {
    this.emit({ type: "flow_completed", flow: flow.id, version: flow.version });
    if (this.state.resume && this.state.resume.at.flow === flow.id) this.state.resume.finished = true;
    if (!this.state.done && this.isTopic(flow.id)) {
      this.state.done = true;
      this.emit({ type: "conversation_completed", flow: flow.id });
    }
  }

  /** Topics are the flows the main menu leads to. */
  isTopic(flowId: string): boolean {
    const menu = this.flow(this.ctx.bundle.settings.menu);
    return Boolean(
      menu?.nodes.some((n) => n.type === "question" && n.options.some((o) => o.flow === flowId)),
    );
  }

  /** A flow finished: return to the caller of a `call`, or complete the conversation. */
  endFlow(flow: Flow): void {
    this.completed(flow);
    const back = this.state.stack.pop();
    if (!back) {
      this.state.at = null;
      return;
    }
    const caller = this.flow(back.flow);
    if (!caller || caller.version !== back.version) return this.restart(back.flow);
    this.go(caller, back.node);
  }

  /** Remembers the current question before leaving it, for "back". */
  rememberCurrent(): void {
    if (!this.state.at) return;
    this.state.history = [...this.state.history, this.state.at].slice(-historyLimit);
  }

  /**
   * Remembers where to come back to after a called flow. Bounded: the oldest return point goes
   * first, so a person who keeps calling flows never outgrows the stored state.
   */
  pushReturn(position: Position): void {
    this.state.stack = [...this.state.stack, position].slice(-maxStack);
  }

  /** A flow that sends the person on to another flow (`flow:`) has done its part: completed. */
  handOver(from: Flow, to: string): void {
    this.completed(from);
    this.startFlow(to);
  }

  /** The main menu, leaving every flow (keyword "menu", and wherever nothing else fits). */
  toMenu(): void {
    this.state.stack = [];
    this.state.resume = null;
    this.startFlow(this.ctx.bundle.settings.menu);
  }

  back(): void {
    const previous = this.state.history.pop();
    const flow = previous && this.flow(previous.flow);
    if (!previous || !flow || flow.version !== previous.version) {
      this.say("common:no_back");
      return this.reask();
    }
    this.enter(flow, previous.node);
  }

  /**
   * Back to where help interrupted the person. If help itself ran that flow to its end (asked the
   * country the person was being asked), asking again would be absurd: continue after it instead.
   */
  resume(): void {
    const saved = this.state.resume;
    this.state.resume = null;
    const flow = saved && this.flow(saved.at.flow);
    if (!saved || !flow || flow.version !== saved.at.version) return this.toMenu();
    this.state.stack = saved.stack;
    if (!saved.finished) return this.enter(flow, saved.at.node);
    const back = this.state.stack.pop();
    const caller = back && this.flow(back.flow);
    if (!back || !caller || caller.version !== back.version) return this.toMenu();
    this.go(caller, back.node);
  }

  /** Shows the current question again, or the menu when there is none. */
  reask(): void {
    const current = this.current();
    if (current) return this.enter(current.flow, current.node.id, { reask: true });
    this.toMenu();
  }

  stop(): void {
    this.say("common:stopped");
    this.state = { ...this.state, at: null, stack: [], resume: null, history: [], misses: 0 };
    this.signal = "stop";
  }

  /** The flow under the person changed: say so kindly and start again from the menu. */
  restart(flowId: string): void {
    this.emit({ type: "flow_restarted", flow: flowId });
    this.say("common:flow_changed");
    this.toMenu();
  }

  private fail(reason: string): void {
    this.emit({ type: "engine_error", reason });
    this.state.at = null;
    this.state.stack = [];
  }
}
