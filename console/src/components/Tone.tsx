/**
 * Status tags in colours that keep a 4.5:1 contrast (GB/T 37668 / WCAG AA): Ant Design's preset
 * tag colours do not all reach it.
 */
import type { ReactNode } from 'react';

export type ToneName = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'masked';

const TONES: Record<ToneName, { color: string; background: string; border: string }> = {
  neutral: { color: '#262626', background: '#f5f5f5', border: '#d9d9d9' },
  info: { color: '#003eb3', background: '#e6f4ff', border: '#91caff' },
  success: { color: '#135200', background: '#f6ffed', border: '#b7eb8f' },
  warning: { color: '#873800', background: '#fff7e6', border: '#ffd591' },
  danger: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e' },
  masked: { color: '#614700', background: '#fffbe6', border: '#ffe58f' },
};

export function Tone({ tone = 'neutral', children, title, testId }: { tone?: ToneName; children: ReactNode; title?: string; testId?: string }) {
  const t = TONES[tone];
  return (
    <span
      className="tone"
      title={title}
      data-testid={testId}
      style={{ color: t.color, background: t.background, border: `1px solid ${t.border}` }}
    >
      {children}
    </span>
  );
}
