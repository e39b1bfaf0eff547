/**
 * One engine turn in progress: the state being built and what has been said and counted so far.
 * It walks nodes until the flow waits for an answer or the conversation ends. Node behaviour
 * lives in ./nodes, one file per node type.
 */
import type { FlowNode } from "../flows/definition/schema.ts";
import type { DangerMatcher } from "./danger-words.ts";
import type { NodeContext } from "./node-context.ts";
import { enterNode } from "./nodes/index.ts";
import type { Next } from "./nodes/next.ts";
import { historyLimit } from "./state.ts";
import type {
  Destination,
  EngineContext,
  EngineEvent,
  Exit,
  Flow,
  Output,
  PathSegment,
  Position,
  ReturnPoint,
  SessionState,
  Signal,
  TextRef,
  Waiting,
} from "./types.ts";

/** Return points kept at most (the stored state allows 20). */
const maxStack = 16;

/** Node entries allowed in one turn; the checker rejects loops without a question, this is the backstop. */
const maxNodesPerTurn = 100;

export class Run {
  readonly outputs: Output[] = [];
  readonly events: EngineEvent[] = [];
  readonly path: PathSegment[] = [];
  signal: Signal | undefined;
  private entered = 0;
  /** The question this turn brought the person to (not one it merely asked again). */
  private arrivedAt: Position | null = null;

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

  /** Records that the person left `node` of `flow` by `exit` for `to`. */
  passed(flow: Flow, node: string, exit: Exit, to: Destination): void {
    this.path.push({ flow: flow.id, version: flow.version, node, exit, to });
  }

  /** Where the person waits now that the turn is over. */
  waiting(): Waiting {
    if (this.state.pending === "erase") return { kind: "erase_confirmation" };
    const at = this.state.at;
    if (!at) return { kind: "nowhere" };
    const arrived =
      this.arrivedAt !== null &&
      this.arrivedAt.flow === at.flow &&
      this.arrivedAt.node === at.node &&
      this.arrivedAt.version === at.version;
    return { kind: "question", ...at, arrived };
  }

  /** The narrow view a node gets of this run (./node-context.ts). */
  private nodeContext(flow: Flow): NodeContext {
    return {
      flow,
      vars: this.state.vars,
      referrals: this.ctx.bundle.referrals,
      fallbackCountry: this.ctx.bundle.settings.fallback_country,
      say: (key) => this.say(key),
      show: (output) => void this.outputs.push(output),
      emit: (event) => this.emit(event),
    };
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
      const next = enterNode(this.nodeContext(flow), node);
      if (next.kind === "wait") {
        this.state.at = { flow: flow.id, node: node.id, version: flow.version };
        if (count) this.arrivedAt = this.state.at;
        this.state.misses = 0;
        return;
      }
      count = true;
      this.passed(flow, node.id, { kind: "continue" }, destination(next));
      switch (next.kind) {
        case "node":
          node = flow.nodesById.get(next.node);
          break;
        case "target":
          return this.go(flow, next.target);
        case "flow":
          return this.handOver(flow, next.flow);
        case "call":
          this.pushReturn({ kind: "target", flow: flow.id, version: flow.version, target: next.then });
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

  /** Topics are the flows the main menu leads to (computed with the bundle). */
  isTopic(flowId: string): boolean {
    return this.ctx.bundle.topics.has(flowId);
  }

  /** A flow finished: return to the caller of a `call`, or complete the conversation. */
  endFlow(flow: Flow): void {
    this.completed(flow);
    const back = this.state.stack.pop();
    if (!back) {
      this.state.at = null;
      return;
    }
    this.returnTo(back, (flowId) => this.restart(flowId));
  }

  /** Goes back to a return point; `gone` is called when its flow changed or was removed meanwhile. */
  private returnTo(back: ReturnPoint, gone: (flowId: string) => void): void {
    if (back.kind === "menu") return this.toMenu();
    const caller = this.flow(back.flow);
    if (!caller || caller.version !== back.version) return gone(back.flow);
    this.go(caller, back.target);
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
  pushReturn(point: ReturnPoint): void {
    this.state.stack = [...this.state.stack, point].slice(-maxStack);
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
    if (!back) return this.toMenu();
    this.returnTo(back, () => this.toMenu());
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

/** Special targets a flow may write, and where they lead. */
const specialTargets: Record<string, Destination> = {
  "@menu": { kind: "menu" },
  "@resume": { kind: "resume" },
  "@back": { kind: "back" },
  "@end": { kind: "end" },
  "@stop": { kind: "stop" },
};

/** Where a target written in a flow (`next:`, a branch case, an option's `next:`) leads. */
export function targetDestination(target: string): Destination {
  return specialTargets[target] ?? { kind: "node", node: target };
}

function destination(next: Exclude<Next, { kind: "wait" }>): Destination {
  switch (next.kind) {
    case "node":
      return { kind: "node", node: next.node };
    case "target":
      return targetDestination(next.target);
    case "flow":
    case "call":
      return { kind: "flow", flow: next.flow };
    case "end":
      return { kind: "end" };
  }
}
