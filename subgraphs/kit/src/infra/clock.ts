/** Business dates are Asia/Shanghai calendar dates (DESIGN §4, Time). */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export interface Clock {
  now(): Date;
  /** Today's business date, YYYY-MM-DD. */
  today(): string;
}

export function businessDate(instant: Date): string {
  return shanghaiDate.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => businessDate(new Date()),
};

/** A clock that can be set and moved, for tests and demos. */
export class ManualClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  today(): string {
    return businessDate(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = typeof instant === 'string' ? new Date(instant) : instant;
  }
}

/** `CREDIT_CLOCK=2026-06-01T09:00:00+08:00` pins the clock for a demo; unset means real time. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  return env.CREDIT_CLOCK ? new ManualClock(new Date(env.CREDIT_CLOCK)) : systemClock;
}
