/**
 * Sign-in. With the gateway's dev key (GET /auth/config says devSignIn) a demo role, department,
 * person and purpose are picked and POST /auth/dev-token signs a token; with an organisation's
 * issuer configured the page takes that issuer's token, pasted. Either way the token goes to
 * sessionStorage only.
 */
import { Alert, Button, Card, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Purpose, Role } from '../gql/graphql';
import { useI18n } from '../lib/i18n';
import { label, PURPOSE, ROLE } from '../lib/labels';
import { navigate, type RouteName } from '../lib/router';
import { purposesOf, readClaims, setSession, type Session } from '../lib/session';

type SignInRole = Exclude<Role, 'PUBLIC'>;

interface AuthConfig {
  devSignIn: boolean;
  persons?: { id: string; name: string }[];
  departments?: string[];
}

const ROLES: SignInRole[] = ['CITIZEN', 'OFFICER', 'CREDIT_OFFICE', 'ANALYST', 'AUDITOR', 'AGENCY'];
const CREDIT_OFFICE_DEPARTMENT = '市信用办';

function landingOf(role: SignInRole): RouteName {
  if (role === 'CITIZEN') return 'me';
  if (role === 'ANALYST') return 'trends';
  if (role === 'AGENCY') return 'ide';
  return 'staff';
}

interface DevForm {
  role: SignInRole;
  department?: string;
  personId?: string;
  purpose: Purpose;
}

export default function SignInPage({ notice }: { notice?: string }) {
  const { t, lang } = useI18n();
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DevForm>();
  const role = Form.useWatch('role', form) ?? 'CITIZEN';

  useEffect(() => {
    fetch('/auth/config', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<AuthConfig>) : { devSignIn: false }))
      .then(setConfig)
      .catch(() => setConfig({ devSignIn: false }));
  }, []);

  useEffect(() => {
    const purposes = purposesOf(role);
    form.setFieldValue('purpose', purposes[0]);
    if (role === 'CREDIT_OFFICE') form.setFieldValue('department', CREDIT_OFFICE_DEPARTMENT);
    else if (role === 'OFFICER') form.setFieldValue('department', config?.departments?.[0]);
    else form.setFieldValue('department', undefined);
  }, [role, form, config]);

  const begin = (session: Session) => {
    setSession(session);
    navigate(landingOf(session.role));
  };

  const devSignIn = async (values: DevForm) => {
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch('/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: values.role, department: values.department, personId: values.role === 'CITIZEN' ? values.personId : undefined }),
      });
      const body = (await response.json()) as { token?: string; message?: string };
      if (!response.ok || !body.token) throw new Error(body.message ?? `HTTP ${response.status}`);
      const claims = readClaims(body.token);
      const person = config?.persons?.find((p) => p.id === values.personId);
      begin({
        token: body.token,
        role: values.role,
        purpose: values.purpose ?? purposesOf(values.role)[0]!,
        department: values.department,
        personId: values.role === 'CITIZEN' ? values.personId : undefined,
        display: values.role === 'CITIZEN' ? person?.name : values.department,
        exp: claims?.exp,
      });
    } catch (error) {
      setFailure(String((error as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const tokenSignIn = (values: { token: string; purpose?: Purpose }) => {
    const token = values.token.trim().replace(/^Bearer\s+/i, '');
    const claims = readClaims(token);
    const role = claims?.role as SignInRole | undefined;
    if (!claims || !role || !(role in ROLE) || role === ('PUBLIC' as SignInRole)) {
      setFailure(t('无法识别该令牌（应为 JWT，含 role 声明）。', 'Not a token this console understands (a JWT with a role claim).'));
      return;
    }
    begin({
      token,
      role,
      purpose: values.purpose ?? purposesOf(role)[0]!,
      department: claims.department,
      personId: claims.personId,
      display: claims.department ?? claims.sub,
      exp: claims.exp,
    });
  };

  if (!config) return <Spin aria-label={t('加载中', 'Loading')} />;

  return (
    <section aria-labelledby="signin-title" style={{ maxWidth: 640, margin: '0 auto' }}>
      <h1 id="signin-title" className="page-title">
        {t('登录', 'Sign in')}
      </h1>
      {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon message={t('登录失败', 'Sign-in failed')} description={failure} style={{ marginBottom: 16 }} />}
      {config.devSignIn ? (
        <Card title={t('演示登录（开发密钥）', 'Demo sign-in (dev key)')}>
          <Typography.Paragraph>
            {t(
              '网关使用自动生成的开发密钥验证令牌，可选择演示身份登录。配置了机构的令牌签发方后，此处改为粘贴机构签发的令牌。',
              'The gateway verifies tokens with its generated dev key, so a demo identity can be picked. With an organisation issuer configured, this page takes that issuer’s token instead.',
            )}
          </Typography.Paragraph>
          <Form<DevForm> form={form} layout="vertical" initialValues={{ role: 'CITIZEN' }} onFinish={devSignIn}>
            <Form.Item name="role" label={t('身份', 'Role')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={ROLES.map((r) => ({ value: r, label: label(ROLE, r, lang) }))} />
            </Form.Item>
            {role === 'CITIZEN' && (
              <Form.Item name="personId" label={t('公民（演示数据）', 'Citizen (demo data)')} rules={[{ required: true, message: t('请选择公民', 'Pick a citizen') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('选择一位公民', 'Pick a citizen')}
                  options={(config.persons ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  data-testid="persona"
                />
              </Form.Item>
            )}
            {(role === 'OFFICER' || role === 'CREDIT_OFFICE' || role === 'AUDITOR' || role === 'ANALYST') && (
              <Form.Item name="department" label={t('所在单位', 'Department')} rules={[{ required: role === 'OFFICER' }]}>
                {role === 'OFFICER' ? (
                  <Select showSearch options={(config.departments ?? []).map((d) => ({ value: d, label: d }))} />
                ) : (
                  <Input />
                )}
              </Form.Item>
            )}
            {role === 'AGENCY' && (
              <Typography.Paragraph>
                {t(
                  '演示信用服务机构的标识为 console-agency：公民在「我的信用 › 授权查询」中授权给它后，在查询工具中填入授权编号即可按授权查询。',
                  'The demo agency’s identifier is console-agency: once a citizen grants it access (My credit › Authorizations), enter the grant id in the IDE.',
                )}
              </Typography.Paragraph>
            )}
            {role !== 'CITIZEN' && (
              <Form.Item name="purpose" label={t('查询用途', 'Purpose')} rules={[{ required: true }]} extra={t('每次查询都按所选用途审查并记入查询日志；登录后可在页首切换。', 'Every request is checked against this purpose and logged; switch it in the header.')}>
                <Select options={purposesOf(role).map((p) => ({ value: p, label: label(PURPOSE, p, lang) }))} data-testid="purpose" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('登录', 'Sign in')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Card title={t('使用机构令牌登录', 'Sign in with your organisation’s token')}>
          <Typography.Paragraph>
            {t(
              '本系统由机构的身份认证系统签发令牌。请从机构门户获取访问令牌后粘贴于此；令牌仅保存在本标签页的会话存储中，关闭标签页即失效。',
              'Tokens come from your organisation’s identity provider. Paste the access token here; it is kept in this tab’s session storage only.',
            )}
          </Typography.Paragraph>
          <Form layout="vertical" onFinish={tokenSignIn}>
            <Form.Item name="token" label={t('访问令牌', 'Access token')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item name="purpose" label={t('查询用途（公民可不选）', 'Purpose (citizens may leave it)')}>
              <Select allowClear options={Object.keys(PURPOSE).map((p) => ({ value: p, label: label(PURPOSE, p as Purpose, lang) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('登录', 'Sign in')}
            </Button>
          </Form>
        </Card>
      )}
    </section>
  );
}
