/**
 * The fault run's client: unified views at a fixed rate whatever the answers (open loop, so an
 * outage does not slow the sending), every answer kept with its time, status and which departments
 * its errors name. The soak uses the benchmark's autocannon client instead; this one exists because
 * a fault run judges each answer on its own (partial or full, which service failed, which principal).
 */
export interface Answer {
  sent: number;
  done: number;
  /** HTTP status; 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  /** `data` present and not null. */
  data: boolean;
  /** 200 with data and no errors. */
  full: boolean;
  /** Error messages and codes, lower-cased, for naming the department that failed. */
  errorText: string;
  /** The errors' extensions.code, or the transport's failure when no answer came. */
  codes: string[];
  /** Some person on the page has incentives' fields null (the others' may have come from the gateway's entity cache). */
  incentivesNull: boolean;
  principal: string;
}

interface Page {
  persons?: { edges: { node: { integrityScore: unknown; eligibility: unknown; onSeriousDishonestyList: unknown } }[] } | null;
}

export class SteadyLoad {
  readonly answers: Answer[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Requests on their way, by the time each was sent. */
  private inFlight = new Map<Promise<void>, number>();
  private next = 0;
  /** Requests not sent because too many were still waiting (the client's own limit). */
  skipped = 0;

  constructor(
    private readonly url: string,
    private bodies: readonly string[],
    private caller: { principal: string; headers: Record<string, string> },
    private readonly rate: number,
    private readonly maxInFlight = 64,
  ) {}

  /** The request bodies sent from now on (pages nobody asked for yet: nothing of them is cached). */
  switchBodies(bodies: readonly string[]): void {
    this.bodies = bodies;
    this.next = 0;
  }

  /** The principal and headers of the requests sent from now on. */
  switchCaller(caller: { principal: string; headers: Record<string, string> }): void {
    this.caller = caller;
  }

  start(): void {
    this.timer = setInterval(() => this.send(), 1000 / this.rate);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight.keys());
  }

  /** Resolves when every request sent before `time` has its answer (or its failure). */
  async settled(time: number): Promise<void> {
    await Promise.all([...this.inFlight].filter(([, sent]) => sent < time).map(([request]) => request));
  }

  since(time: number, until = Infinity): Answer[] {
    return this.answers.filter((a) => a.sent >= time && a.sent < until);
  }

  private send(): void {
    if (this.inFlight.size >= this.maxInFlight) {
      this.skipped++;
      return;
    }
    const { principal, headers } = this.caller;
    const body = this.bodies[this.next++ % this.bodies.length]!;
    const sent = performance.now();
    const request = (async () => {
      const answer: Answer = { sent, done: 0, status: 0, data: false, full: false, errorText: '', codes: [], incentivesNull: false, principal };
      try {
        const response = await fetch(new URL('/graphql', this.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        answer.status = response.status;
        const json = (await response.json().catch(() => ({}))) as { data?: Page | null; errors?: { message?: string; extensions?: Record<string, unknown> }[] };
        answer.data = json.data != null;
        answer.errorText = (json.errors ?? []).map((e) => `${e.message ?? ''} ${JSON.stringify(e.extensions ?? {})}`).join(' | ').toLowerCase();
        answer.codes = [...new Set((json.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE')))];
        answer.full = response.status === 200 && answer.data && !json.errors?.length;
        const nodes = json.data?.persons?.edges.map((e) => e.node) ?? [];
        answer.incentivesNull = nodes.some((n) => n.integrityScore === null && n.eligibility === null && n.onSeriousDishonestyList === null);
      } catch (error) {
        const cause = (error as Error).cause as { code?: string } | undefined;
        answer.codes = [cause?.code ?? (error as Error).name];
        answer.errorText = String(cause ?? error).toLowerCase();
      }
      answer.done = performance.now();
      this.answers.push(answer);
    })();
    this.inFlight.set(request, sent);
    void request.finally(() => this.inFlight.delete(request));
  }
}
