// Fault switches: make the sandbox's APIs slow, fail, hang or answer badly, for all requests
// or only the next N, so tests and the demo can show how the extension copes.
import type { WidgetTypeName } from './store';

/** Which API a fault applies to. `all` = GraphQL and REST; HTML pages are never faulted. */
export type FaultScope = 'graphql' | 'rest' | 'all';

export type FaultEffect =
  /** Wait this long before answering. */
  | { kind: 'latency'; ms: number }
  /** Answer with an HTTP error; 429 carries `Retry-After` (seconds, default 60). */
  | { kind: 'status'; status: 401 | 403 | 404 | 429 | 500; retryAfter?: number }
  /** Hold the request open and never answer. */
  | { kind: 'timeout' }
  /** Answer 200 with a body that is not valid JSON. */
  | { kind: 'malformedJson' }
  /** Answer 200 with GraphQL `errors` (GitLab's timeout message unless given). */
  | { kind: 'graphqlErrors'; message?: string }
  /** Leave a widget out of every work item (default PROGRESS). */
  | { kind: 'missingWidget'; widget?: WidgetTypeName }
  /**
   * Run GitLab's pre-execution checks (./gitlab-checks/) with lower limits, so a query the
   * extension sends is refused with GitLab's own words for it (e.g. `{ maxComplexity: 10 }`).
   */
  | { kind: 'queryLimits'; limits: QueryLimitOverrides };

/** Lower limits for GitLab's checks of recursion, depth, complexity and size. */
export interface QueryLimitOverrides {
  recursionThreshold?: number;
  maxDepth?: number;
  maxComplexity?: number;
  maxQuerySize?: number;
}

export type FaultRule = FaultEffect & {
  scope?: FaultScope;
  /** Only the next N matching requests; absent = until cleared. */
  times?: number;
};

export interface ActiveFault {
  id: number;
  rule: FaultRule;
  /** Requests it will still affect (null = no limit). */
  remaining: number | null;
}

/** The body of `POST /__sandbox/control` (every key optional). */
export interface ControlRequest {
  /** Base latency in ms for every API request. */
  latencyMs?: number;
  /** Remove all faults first. */
  clear?: boolean;
  /** Add one or more faults. */
  add?: FaultRule | FaultRule[];
  /** Remove faults by id. */
  remove?: number[];
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;
  latencyMs = 0;

  constructor(latencyMs = 0) {
    this.latencyMs = latencyMs;
  }

  /** Adds a fault; returns its id. */
  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.active.push({ id, rule, remaining: rule.times ?? null });
    return id;
  }

  remove(id: number): void {
    this.active = this.active.filter((fault) => fault.id !== id);
  }

  clear(): void {
    this.active = [];
  }

  list(): ActiveFault[] {
    return this.active.map((fault) => ({ ...fault }));
  }

  /** Applies a control request (in-process or from `POST /__sandbox/control`). */
  control(request: ControlRequest): { latencyMs: number; faults: ActiveFault[] } {
    if (request.clear) this.clear();
    for (const id of request.remove ?? []) this.remove(id);
    if (request.latencyMs !== undefined) this.latencyMs = Math.max(0, request.latencyMs);
    for (const rule of [request.add ?? []].flat()) this.add(validRule(rule));
    return { latencyMs: this.latencyMs, faults: this.list() };
  }

  /** The faults that hit this request, counting it against their `times`. */
  take(api: 'graphql' | 'rest'): FaultEffect[] {
    const hits = this.active.filter((fault) => {
      const scope = fault.rule.scope ?? 'all';
      if (scope !== 'all' && scope !== api) return false;
      return (
        !['graphqlErrors', 'missingWidget', 'queryLimits'].includes(fault.rule.kind) ||
        api === 'graphql'
      );
    });
    for (const fault of hits) if (fault.remaining !== null) fault.remaining -= 1;
    this.active = this.active.filter((fault) => fault.remaining === null || fault.remaining > 0);
    return hits.map((fault) => fault.rule);
  }
}

const STATUSES = new Set([401, 403, 404, 429, 500]);

function validRule(rule: FaultRule): FaultRule {
  const ok =
    (rule.kind === 'latency' && Number.isFinite(rule.ms)) ||
    (rule.kind === 'status' && STATUSES.has(rule.status)) ||
    (rule.kind === 'queryLimits' && validLimits(rule.limits)) ||
    ['timeout', 'malformedJson', 'graphqlErrors', 'missingWidget'].includes(rule.kind);
  if (!ok) throw new Error(`Not a fault: ${JSON.stringify(rule)}`);
  if (rule.scope && !['graphql', 'rest', 'all'].includes(rule.scope))
    throw new Error(`Unknown fault scope ${rule.scope}`);
  return rule;
}

function validLimits(limits: unknown): boolean {
  if (typeof limits !== 'object' || limits === null) return false;
  const known = ['recursionThreshold', 'maxDepth', 'maxComplexity', 'maxQuerySize'];
  return Object.entries(limits).every(
    ([key, value]) => known.includes(key) && Number.isInteger(value) && (value as number) >= 0,
  );
}
