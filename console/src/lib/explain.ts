/**
 * The server's reasons (a stable code, a colon and an English explanation) and error codes,
 * told in plain Chinese.
 */
import type { GraphQLErrorShape } from './api';
import { formatDate } from './format';
import type { Lang } from './i18n';

const REASON_CODES: Record<string, readonly [string, string]> = {
  ON_SERIOUS_DISHONESTY_LIST: ['列入严重失信主体名单（有公示中的严重失信记录）', 'On the serious dishonesty list'],
  NOT_ON_SERIOUS_DISHONESTY_LIST: ['未列入严重失信主体名单', 'Not on the serious dishonesty list'],
  ON_RED_LIST: ['列入守信红名单', 'On the red list'],
  NOT_ON_RED_LIST: ['未列入守信红名单', 'Not on the red list'],
  NO_NEGATIVE_RECORD_3_YEARS: ['连续三年以上无失信记录', 'No negative record decided for 3 years'],
  NEGATIVE_RECORD_WITHIN_3_YEARS: ['近三年内有失信记录', 'A negative record decided within 3 years'],
  NO_SERIOUS_RECORD_IN_CATEGORY: ['无该类别的严重失信记录', 'No serious record in the category'],
  NO_TRIGGER: ['没有适用该措施的条件', 'No condition applies the measure'],
};

/**
 * "CODE: detail" as { code, text in the language, detail: the dates the server named, as a
 * parenthesis in Chinese (the English explanation in English) }.
 */
export function explainReason(reason: string, lang: Lang): { code: string; text: string; detail: string } {
  const [code = '', ...rest] = reason.split(':');
  const detail = rest.join(':').trim();
  const known = REASON_CODES[code.trim()];
  if (!known) return { code, text: reason, detail: '' };
  if (lang === 'en') return { code, text: `${known[1]}${detail ? ` (${detail})` : ''}`, detail: detail ? `(${detail})` : '' };
  const dates = [...detail.matchAll(/(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]!);
  let extra = '';
  if (code === 'NEGATIVE_RECORD_WITHIN_3_YEARS' && dates.length >= 2) extra = `（最近一条失信记录决定于${formatDate(dates[0], lang)}，${formatDate(dates[1], lang)}满三年）`;
  else if (dates.length) extra = `（决定日期 ${formatDate(dates[0], lang)}${dates[1] ? `，公示至 ${formatDate(dates[1], lang)}` : ''}）`;
  return { code, text: `${known[0]}${extra}`, detail: extra };
}

/** A score contribution's reason ("NEGATIVE GENERAL record, decided 2026-04-19") as its parts. */
export function parseContribution(reason: string): { kind?: 'POSITIVE' | 'NEGATIVE'; severity?: 'MINOR' | 'GENERAL' | 'SERIOUS'; decidedOn?: string } {
  const match = /^(POSITIVE|NEGATIVE)(?: (MINOR|GENERAL|SERIOUS))? record, decided (\d{4}-\d{2}-\d{2})/.exec(reason);
  if (!match) return {};
  return { kind: match[1] as 'POSITIVE' | 'NEGATIVE', severity: match[2] as 'MINOR' | 'GENERAL' | 'SERIOUS' | undefined, decidedOn: match[3] };
}

const ERROR_TEXT: Record<string, readonly [string, string]> = {
  FORBIDDEN_PURPOSE: ['当前查询用途不允许此操作', 'The purpose does not allow this'],
  FORBIDDEN_OPERATION: ['当前身份和用途无权执行此操作', 'Your role and purpose may not do this'],
  FORBIDDEN_FIELD: ['部分字段不予提供', 'Some fields were withheld'],
  FORBIDDEN_ARCHIVE: ['归档记录仅审计人员可查', 'Archived records are for auditors'],
  FORBIDDEN: ['无权访问', 'Forbidden'],
  INVALID_STATE: ['当前状态不允许此操作（可能已被处理）', 'The item’s state does not allow this (perhaps already handled)'],
  BAD_USER_INPUT: ['输入不符合要求', 'The input is not valid'],
  NOT_FOUND: ['未找到', 'Not found'],
  CONFLICT: ['与已有信息冲突', 'Conflicts with existing data'],
  UNAUTHENTICATED: ['登录已失效，请重新登录', 'Your sign-in is no longer valid'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试', 'Too many requests; try again shortly'],
  QUERY_TOO_COSTLY: ['查询过于复杂', 'The query is too costly'],
  PAGE_TOO_LARGE: ['每页条数过多', 'The page is too large'],
  INTROSPECTION_DISABLED: ['当前身份不能查看接口结构', 'Introspection is not available to you'],
  AUDIT_UNAVAILABLE: ['查询日志暂不可写，结果未予提供', 'The query log is unavailable, so nothing was released'],
};

const REASON_TEXT: Record<string, readonly [string, string]> = {
  MISSING: ['未声明查询用途', 'no purpose declared'],
  UNKNOWN: ['未知的查询用途', 'unknown purpose'],
  NOT_ALLOWED_FOR_ROLE: ['该身份不能使用此用途', 'not a purpose of this role'],
  BULK: ['此用途只能逐一查询已知对象', 'this purpose reaches one known person at a time'],
  ENTRY_POINT: ['此用途不能使用该查询入口', 'this purpose does not reach this entry point'],
  VOLUME: ['已达到每日查询人数上限', 'the daily number of persons is reached'],
  NO_PERMIT: ['无此操作许可', 'no permit for this operation'],
  NOT_SELF: ['只能处理本人的信息', 'only your own data'],
  NOT_OWN_DEPARTMENT: ['只能处理本单位认定的信息', 'only your own department’s records'],
  FILER_NOT_ALLOWED: ['不能以该身份提出异议', 'you may not file as this filer'],
  POLICY: ['隐私策略', 'privacy policy'],
  ROW: ['非本人或未获授权', 'not your own record and no grant'],
  UNMASKABLE: ['无法脱敏', 'cannot be masked'],
  EXPIRED: ['已过期', 'expired'],
  TOO_LONG: ['期限过长', 'too long'],
};

export function describeError(error: GraphQLErrorShape | undefined, lang: Lang, fallback = ''): string {
  if (!error) return fallback;
  const code = error.extensions?.code ?? '';
  const reason = error.extensions?.reason;
  const i = lang === 'zh' ? 0 : 1;
  const head = ERROR_TEXT[code]?.[i] ?? error.message;
  const why = reason ? (REASON_TEXT[reason]?.[i] ?? reason) : '';
  const detail = code === 'BAD_USER_INPUT' || code === 'INVALID_STATE' ? error.message : '';
  return [head, why && `（${why}）`, detail && ` ${detail}`, code && ` [${code}${reason ? `/${reason}` : ''}]`].join('');
}
