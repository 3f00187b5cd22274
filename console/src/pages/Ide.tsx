/**
 * Analyst IDE: GraphiQL bundled (no CDN), sending the session's token and the purpose picked here
 * (and, for an agency, the authorization grant). The docs explorer reads the gateway's standard
 * introspection, whose descriptions begin with each field's privacy level
 * (`[PRIVACY: SENSITIVE, mask CITIZEN_ID]`). Editor state lives in sessionStorage; the token is
 * never put in the headers editor, so it is never stored or shown.
 */
import type { Fetcher } from '@graphiql/toolkit';
import { Alert, Button, Input, Select, Space } from 'antd';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo, useState } from 'react';
import type { Purpose } from '../gql/graphql';
import { headersFor } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { label, PURPOSE } from '../lib/labels';
import { getSession, purposesOf, setPurpose, useSession } from '../lib/session';
import { EXAMPLES } from './ide-examples';

/** The editors' tabs and history, for this browser tab only. */
const storage = {
  getItem: (key: string) => sessionStorage.getItem(`graphiql:${key}`),
  setItem: (key: string, value: string) => sessionStorage.setItem(`graphiql:${key}`, value),
  removeItem: (key: string) => sessionStorage.removeItem(`graphiql:${key}`),
  clear: () => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('graphiql:')) sessionStorage.removeItem(key);
  },
  get length() {
    return Object.keys(sessionStorage).filter((k) => k.startsWith('graphiql:')).length;
  },
};

export default function IdePage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [grant, setGrant] = useState('');
  const [query, setQuery] = useState<string | undefined>(undefined);
  const examples = useMemo(() => EXAMPLES.filter((e) => !session || e.purposes.includes(session.purpose)), [session]);

  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const current = getSession();
      const extra: Record<string, string> = {};
      for (const [k, v] of Object.entries(options?.headers ?? {})) if (typeof v === 'string' && k.toLowerCase() !== 'authorization') extra[k] = v;
      if (grant.trim()) extra['x-authorization-grant'] = grant.trim();
      const response = await fetch('/graphql', { method: 'POST', headers: headersFor(current, extra), body: JSON.stringify(params) });
      return response.json();
    },
    [grant],
  );

  if (!session) return null;
  return (
    <section aria-labelledby="ide-title">
      <h1 id="ide-title" className="page-title">
        {t('GraphQL 查询工具', 'GraphQL IDE')}
      </h1>
      <p className="page-lead">
        {t(
          '以当前身份的令牌查询网关。右侧文档中每个字段说明开头的 [PRIVACY: …] 即其隐私级别；按所选用途可能被脱敏或不予提供（响应中的 FORBIDDEN_FIELD）。每次查询都记入查询日志。',
          'Queries go to the gateway with your token. In the docs, each field’s description starts with its privacy level [PRIVACY: …]; depending on the purpose it may come back masked or withheld (FORBIDDEN_FIELD). Every query is logged.',
        )}
      </p>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="ide-purpose">{t('查询用途', 'Purpose')}</label>
        <Select<Purpose>
          id="ide-purpose"
          style={{ minWidth: 160 }}
          value={session.purpose}
          onChange={(p) => setPurpose(p)}
          options={purposesOf(session.role).map((p) => ({ value: p, label: label(PURPOSE, p, lang) }))}
          data-testid="ide-purpose"
        />
        <label htmlFor="ide-example">{t('示例查询', 'Examples')}</label>
        <Select
          id="ide-example"
          style={{ minWidth: 260 }}
          placeholder={t('选择一个示例', 'Pick an example')}
          onChange={(name: string) => setQuery(EXAMPLES.find((e) => e.name === name)?.query)}
          options={examples.map((e) => ({ value: e.name, label: lang === 'zh' ? e.zh : e.en }))}
          data-testid="ide-examples"
        />
        {session.role === 'AGENCY' && (
          <>
            <label htmlFor="ide-grant">{t('授权编号', 'Grant id')}</label>
            <Input id="ide-grant" style={{ width: 300 }} value={grant} onChange={(e) => setGrant(e.target.value)} />
          </>
        )}
        <Button onClick={() => setQuery(examples[0]?.query)}>{t('载入第一个示例', 'Load the first example')}</Button>
      </Space>
      {session.role === 'CITIZEN' && <Alert type="info" message={t('公民身份不能使用查询工具。', 'Not available to citizens.')} />}
      <div className="ide-wrap" data-testid="graphiql">
        <GraphiQL
          fetcher={fetcher}
          storage={storage}
          query={query}
          defaultQuery={examples[0]?.query ?? '{ measures { code name kind } }'}
          shouldPersistHeaders={false}
          isHeadersEditorEnabled
          defaultEditorToolsVisibility="variables"
          forcedTheme="light"
        />
      </div>
    </section>
  );
}
