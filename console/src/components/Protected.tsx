/**
 * One classified value as the gateway answered it, never a blank: the value; the value with a
 * 已脱敏 mark when the policy masks it for this (role, purpose); or 不予提供 with the level and the
 * reason from the FORBIDDEN_FIELD error at its path.
 */
import type { ReactNode } from 'react';
import { withheldAt, type GraphQLErrorShape } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { label, PRIVACY_LEVEL, WITHHELD_REASON } from '../lib/labels';
import { classification, decisionFor } from '../lib/privacy';
import { useSession } from '../lib/session';
import { Tone } from './Tone';

export interface ProtectedProps<T> {
  /** Type.field, for its classification. */
  coordinate: string;
  value: T | null | undefined;
  /** The response path of this value, to find its error. */
  path: readonly (string | number)[];
  errors: readonly GraphQLErrorShape[];
  render?: (value: T) => ReactNode;
  /** What to say when the value is legitimately empty. */
  empty?: ReactNode;
}

export function Protected<T>({ coordinate, value, path, errors, render, empty }: ProtectedProps<T>) {
  const { t, lang } = useI18n();
  const session = useSession();
  const error = withheldAt(errors, path);
  if (error) {
    const level = (error.extensions?.level as keyof typeof PRIVACY_LEVEL | undefined) ?? classification(coordinate)?.level ?? 'PERSONAL';
    const reason = (error.extensions?.reason as keyof typeof WITHHELD_REASON | undefined) ?? 'POLICY';
    const explanation = `${label(PRIVACY_LEVEL, level, lang)} · ${label(WITHHELD_REASON, reason, lang)}`;
    return (
      <span className="protected withheld" data-privacy="withheld" data-reason={reason}>
        <Tone tone="danger" title={explanation}>
          {t('不予提供', 'Withheld')}
        </Tone>{' '}
        <span className="privacy-note">{explanation}</span>
      </span>
    );
  }
  if (value == null || (Array.isArray(value) && value.length === 0)) {
    return <span className="empty-value">{empty ?? t('无', 'None')}</span>;
  }
  const shown = render ? render(value) : String(value);
  const info = classification(coordinate);
  if (info && info.mask !== 'NONE' && decisionFor(coordinate, session) === 'MASK') {
    const explanation = t(`${label(PRIVACY_LEVEL, info.level, lang)}，按当前查询用途脱敏显示`, `${label(PRIVACY_LEVEL, info.level, lang)}, masked for this purpose`);
    return (
      <span className="protected masked" data-privacy="masked">
        {shown}{' '}
        <Tone tone="masked" title={explanation}>
          {t('已脱敏', 'Masked')}
        </Tone>
        <span className="visually-hidden">{explanation}</span>
      </span>
    );
  }
  return <>{shown}</>;
}
