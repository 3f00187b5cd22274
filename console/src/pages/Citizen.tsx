/**
 * Citizen self-service (CITIZEN × SELF_ACCESS): my record and score in plain Chinese, objections
 * (异议) and credit repair (信用修复) with the credit pledge, authorizations for credit agencies
 * (授权查询), and 查询记录: who read or changed my data, when and for what purpose.
 */
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Spin, Table, Tabs, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { IdentitySection, ListsSection, MeasuresSection, RecordsTimeline, recordsOf, ScoreSection, type CreditRecordNode, type UnifiedPerson } from '../components/PersonSections';
import { Tone } from '../components/Tone';
import { graphql } from '../gql';
import type { GrantScope, MyAccessLogQuery, MyCreditQuery, RepairBasis } from '../gql/graphql';
import { execute, RequestFailed, type GraphQLErrorShape } from '../lib/api';
import { describeError } from '../lib/explain';
import { formatDate, formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import {
  AUDIT_OUTCOME,
  DOMAIN,
  GRADE,
  GRANT_SCOPE,
  GRANT_STATUS,
  label,
  MUTATION,
  OBJECTION_STATUS,
  options,
  PURPOSE,
  REPAIR_BASIS,
  REPAIR_STATUS,
  ROLE,
} from '../lib/labels';
import { useSession } from '../lib/session';

const MyCreditDocument = graphql(`
  query MyCredit($id: ID!) {
    person(id: $id) {
      ...UnifiedPerson
      authorizationGrants { id grantee purpose scope expiresAt createdAt revokedAt status }
    }
  }
`);

const MyAccessLogDocument = graphql(`
  query MyAccessLog($first: Int, $after: String) {
    myAccessLog(first: $first, after: $after) {
      edges { node { at role department purpose operationName mutation outcome } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const FileObjectionDocument = graphql(`
  mutation FileObjection($input: FileObjectionInput!) {
    fileObjection(input: $input) { id status filedOn dueOn }
  }
`);

const WithdrawObjectionDocument = graphql(`
  mutation WithdrawObjection($id: ID!) {
    withdrawObjection(id: $id) { id status }
  }
`);

const FileRepairDocument = graphql(`
  mutation FileRepairApplication($input: FileRepairApplicationInput!) {
    fileRepairApplication(input: $input) { id status filedOn }
  }
`);

const GrantDocument = graphql(`
  mutation GrantAuthorization($input: GrantAuthorizationInput!) {
    grantAuthorization(input: $input) { id status expiresAt }
  }
`);

const RevokeDocument = graphql(`
  mutation RevokeAuthorization($id: ID!) {
    revokeAuthorization(id: $id) { id status revokedAt }
  }
`);

type Me = NonNullable<MyCreditQuery['person']>;
type Grant = NonNullable<Me['authorizationGrants']>[number];
type LogEntry = NonNullable<NonNullable<MyAccessLogQuery['myAccessLog']>['edges'][number]['node']>;
type Objection = NonNullable<UnifiedPerson['objections']>[number];
type Repair = NonNullable<UnifiedPerson['repairs']>[number];

const PLEDGE_TEXT =
  '本人郑重承诺：所提交的信用修复申请材料真实、准确、完整；已纠正失信行为、履行相关义务；自觉接受监督，今后守法诚信。如违背承诺，愿意承担相应法律责任，并接受将违背承诺的行为记入信用记录。';

function Plain({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const records = recordsOf(me);
  const negative = records.filter((r) => r.kind === 'NEGATIVE');
  const serious = negative.filter((r) => r.severity === 'SERIOUS');
  const score = me.integrityScore;
  return (
    <Alert
      type={me.onSeriousDishonestyList ? 'warning' : 'info'}
      showIcon
      data-testid="plain-summary"
      message={t(`您好，${me.name ?? ''}`, `Hello, ${me.name ?? ''}`)}
      description={
        <>
          <p style={{ margin: 0 }}>
            {t(
              `您目前有 ${records.length} 条公示中的信用记录：失信 ${negative.length} 条（其中严重 ${serious.length} 条），守信 ${records.length - negative.length} 条。`,
              `You have ${records.length} records in publicity: ${negative.length} negative (${serious.length} serious), ${records.length - negative.length} positive.`,
            )}
            {score?.value != null &&
              t(`您的诚信分为 ${score.value} 分，等级 ${label(GRADE, score.grade, lang)}。`, ` Your integrity score is ${score.value}, grade ${label(GRADE, score.grade, lang)}.`)}
          </p>
          <p style={{ margin: '4px 0 0' }}>
            {me.onSeriousDishonestyList
              ? t(
                  '因有公示中的严重失信记录，您被列入严重失信主体名单，期间会受到下列惩戒措施的限制。记录公示期满、信用修复或撤销后会自动移出名单。如认为记录有误，可以提出异议；最短公示期满后，可以申请信用修复。',
                  'A serious record in publicity puts you on the serious dishonesty list, and the punishments below apply. You leave it when the record expires, is repaired or revoked. Object if a record is wrong; apply for repair after the minimum period.',
                )
              : t(
                  '如认为某条记录有误，可以提出异议；失信记录最短公示期满后，可以申请信用修复。',
                  'Object if a record is wrong; apply for repair of a negative record after its minimum period.',
                )}
          </p>
        </>
      }
    />
  );
}

export default function CitizenPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const [me, setMe] = useState<Me | null>(null);
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [tab, setTab] = useState('record');
  const [objecting, setObjecting] = useState<CreditRecordNode | null>(null);
  const [repairing, setRepairing] = useState<CreditRecordNode | null>(null);
  const [log, setLog] = useState<{ entries: LogEntry[]; next: string | null } | null>(null);
  const [logLoading, setLogLoading] = useState(false);
  const personId = session?.personId;

  const load = useCallback(async () => {
    if (!personId) return;
    setFailure(null);
    try {
      const answer = await execute(MyCreditDocument, { id: personId });
      setMe(answer.data?.person ?? null);
      setErrors(answer.errors);
    } catch (error) {
      setFailure(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
    }
  }, [personId, lang]);

  const loadLog = useCallback(
    async (after: string | null) => {
      setLogLoading(true);
      try {
        const { data } = await execute(MyAccessLogDocument, { first: 20, after });
        const entries = (data?.myAccessLog?.edges ?? []).flatMap((e) => (e.node ? [e.node] : []));
        const next = data?.myAccessLog?.pageInfo.hasNextPage ? (data.myAccessLog.pageInfo.endCursor ?? null) : null;
        setLog((previous) => ({ entries: after && previous ? [...previous.entries, ...entries] : entries, next }));
      } catch (error) {
        message.error(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
      } finally {
        setLogLoading(false);
      }
    },
    [lang, message],
  );

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (tab === 'log') void loadLog(null);
  }, [tab, loadLog]);

  const write = async (run: () => Promise<{ errors: GraphQLErrorShape[] }>, done: string) => {
    try {
      const answer = await run();
      const refused = answer.errors.find((e) => e.extensions?.code !== 'FORBIDDEN_FIELD');
      if (refused) throw new RequestFailed(refused.message, 200, [refused]);
      message.success(done);
      await load();
      return true;
    } catch (error) {
      message.error(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
      return false;
    }
  };

  if (failure) return <Alert type="error" showIcon message={t('无法读取您的信用信息', 'Your record could not be read')} description={failure} />;
  if (!me) return <Spin aria-label={t('加载中', 'Loading')} />;

  const base = ['person'];
  const openObjectionFor = new Set((me.objections ?? []).filter((o) => o.status === 'SUBMITTED' || o.status === 'FORWARDED').map((o) => o.record?.id));
  const openRepairFor = new Set((me.repairs ?? []).filter((r) => r.status === 'SUBMITTED').map((r) => r.record?.id));

  const recordActions = (r: CreditRecordNode) => (
    <Space wrap>
      {openObjectionFor.has(r.id) ? (
        <Tone tone="warning">{t('异议处理中', 'Objection open')}</Tone>
      ) : (
        <Button size="small" onClick={() => setObjecting(r)} aria-label={t(`对 ${r.documentNumber ?? ''} 提出异议`, `Object to ${r.documentNumber ?? ''}`)}>
          {t('提出异议', 'Object')}
        </Button>
      )}
      {r.kind === 'NEGATIVE' &&
        (openRepairFor.has(r.id) ? (
          <Tone tone="warning">{t('修复申请审核中', 'Repair under review')}</Tone>
        ) : (
          <Button size="small" onClick={() => setRepairing(r)} aria-label={t(`对 ${r.documentNumber ?? ''} 申请信用修复`, `Apply to repair ${r.documentNumber ?? ''}`)}>
            {t('申请信用修复', 'Apply for repair')}
          </Button>
        ))}
    </Space>
  );

  const objectionColumns: TableColumnsType<Objection> = [
    { title: t('针对记录', 'Record'), key: 'record', render: (_, o) => `${o.record?.documentNumber ?? ''}${o.record?.domain ? ` · ${label(DOMAIN, o.record.domain, lang)}` : ''}` },
    { title: t('提出日期', 'Filed'), key: 'filed', render: (_, o) => formatDate(o.filedOn, lang) },
    { title: t('状态', 'Status'), key: 'status', render: (_, o) => <Tone tone={o.status === 'SUBMITTED' || o.status === 'FORWARDED' ? 'warning' : 'neutral'}>{label(OBJECTION_STATUS, o.status, lang)}</Tone> },
    { title: t('答复期限', 'Answer due'), key: 'due', render: (_, o) => (o.dueOn ? <>{formatDate(o.dueOn, lang)} {o.overdue && <Tone tone="danger">{t('已逾期', 'Overdue')}</Tone>}</> : t('已办结', 'Closed')) },
    { title: t('异议理由', 'Reasons'), dataIndex: 'reasons' },
    { title: t('处理结果', 'Outcome'), key: 'outcome', render: (_, o) => (o.decidedOn ? `${formatDate(o.decidedOn, lang)} ${o.outcomeReasons ?? ''}` : '') },
    {
      title: t('操作', 'Action'),
      key: 'action',
      render: (_, o) =>
        o.status === 'SUBMITTED' || o.status === 'FORWARDED' ? (
          <Button
            size="small"
            onClick={() =>
              modal.confirm({
                title: t('撤回异议', 'Withdraw the objection'),
                okText: t('撤回', 'Withdraw'),
                cancelText: t('取消', 'Cancel'),
                onOk: () => write(() => execute(WithdrawObjectionDocument, { id: o.id }), t('异议已撤回', 'Withdrawn')),
              })
            }
          >
            {t('撤回', 'Withdraw')}
          </Button>
        ) : null,
    },
  ];

  const repairColumns: TableColumnsType<Repair> = [
    { title: t('针对记录', 'Record'), key: 'record', render: (_, r) => r.record?.documentNumber ?? r.record?.id },
    { title: t('申请日期', 'Filed'), key: 'filed', render: (_, r) => formatDate(r.filedOn, lang) },
    { title: t('修复依据', 'Basis'), key: 'basis', render: (_, r) => label(REPAIR_BASIS, r.basis, lang) },
    { title: t('状态', 'Status'), key: 'status', render: (_, r) => <Tone tone={r.status === 'SUBMITTED' ? 'warning' : r.status === 'APPROVED' ? 'success' : 'neutral'}>{label(REPAIR_STATUS, r.status, lang)}</Tone> },
    { title: t('处理结果', 'Outcome'), key: 'outcome', render: (_, r) => (r.decidedOn ? `${formatDate(r.decidedOn, lang)} ${r.decisionReasons ?? ''}` : '') },
  ];

  const grantColumns: TableColumnsType<Grant> = [
    { title: t('被授权机构', 'Agency'), dataIndex: 'grantee' },
    { title: t('用途', 'Purpose'), key: 'purpose', render: (_, g) => label(PURPOSE, g.purpose, lang) },
    { title: t('授权范围', 'Scope'), key: 'scope', render: (_, g) => (g.scope ?? []).map((s) => label(GRANT_SCOPE, s, lang)).join('、') },
    { title: t('有效期至', 'Expires'), key: 'exp', render: (_, g) => formatDateTime(g.expiresAt, lang) },
    { title: t('状态', 'Status'), key: 'status', render: (_, g) => <Tone tone={g.status === 'ACTIVE' ? 'success' : 'neutral'}>{label(GRANT_STATUS, g.status, lang)}</Tone> },
    {
      title: t('操作', 'Action'),
      key: 'action',
      render: (_, g) =>
        g.status === 'ACTIVE' ? (
          <Button
            size="small"
            danger
            onClick={() =>
              modal.confirm({
                title: t(`撤销对 ${g.grantee ?? ''} 的授权`, `Revoke the grant to ${g.grantee ?? ''}`),
                content: t('撤销后该机构的下一次查询即被拒绝。', 'The agency’s next request is refused.'),
                okText: t('撤销授权', 'Revoke'),
                cancelText: t('取消', 'Cancel'),
                onOk: () => write(() => execute(RevokeDocument, { id: g.id }), t('授权已撤销', 'Revoked')),
              })
            }
          >
            {t('撤销', 'Revoke')}
          </Button>
        ) : null,
    },
  ];

  const logColumns: TableColumnsType<LogEntry> = [
    { title: t('时间（北京时间）', 'Time (Beijing)'), key: 'at', render: (_, e) => formatDateTime(e.at, lang) },
    { title: t('查询方', 'Who'), key: 'who', render: (_, e) => `${label(ROLE, e.role, lang)}${e.department ? ` · ${e.department}` : ''}` },
    { title: t('用途', 'Purpose'), key: 'purpose', render: (_, e) => label(PURPOSE, e.purpose, lang) },
    {
      title: t('操作', 'What'),
      key: 'what',
      render: (_, e) => (e.mutation ? <Tone tone="info">{MUTATION[e.mutation]?.[lang === 'zh' ? 0 : 1] ?? e.mutation}</Tone> : <span>{t('查询', 'Read')}{e.operationName ? `（${e.operationName}）` : ''}</span>),
    },
    { title: t('结果', 'Outcome'), key: 'outcome', render: (_, e) => <Tone tone={e.outcome === 'REFUSED' ? 'danger' : e.outcome === 'APPLIED' ? 'info' : 'neutral'}>{label(AUDIT_OUTCOME, e.outcome, lang)}</Tone> },
  ];

  return (
    <section aria-labelledby="me-title">
      <h1 id="me-title" className="page-title">
        {t('我的信用', 'My credit')}
      </h1>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'record',
            label: t('我的信用记录', 'My record'),
            children: (
              <>
                <Plain me={me} />
                <div className="section-grid">
                  <IdentitySection person={me} errors={errors} base={base} />
                  <ScoreSection person={me} errors={errors} base={base} plain />
                </div>
                <div className="section-grid">
                  <RecordsTimeline person={me} errors={errors} base={base} action={recordActions} />
                  <div style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
                    <ListsSection person={me} errors={errors} base={base} />
                    <MeasuresSection person={me} errors={errors} base={base} />
                  </div>
                </div>
              </>
            ),
          },
          {
            key: 'disputes',
            label: t('异议与信用修复', 'Objections and repair'),
            children: (
              <>
                <Card title={<h2 className="card-title">{t('我的异议', 'My objections')}</h2>}>
                  <p className="timeline-meta">
                    {t('信用主管部门在 5 个工作日内作出决定，或在 2 个工作日内转认定单位，认定单位再于 5 个工作日内决定。', 'The credit office decides within 5 working days, or forwards within 2 and the authority decides within 5 more.')}
                  </p>
                  <Table<Objection> rowKey="id" size="small" columns={objectionColumns} dataSource={me.objections ?? []} pagination={false} scroll={{ x: 800 }} data-testid="my-objections" />
                </Card>
                <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('我的信用修复申请', 'My repair applications')}</h2>}>
                  <Table<Repair> rowKey="id" size="small" columns={repairColumns} dataSource={me.repairs ?? []} pagination={false} />
                </Card>
              </>
            ),
          },
          {
            key: 'grants',
            label: t('授权查询', 'Authorizations'),
            children: <Grants grants={me.authorizationGrants ?? []} columns={grantColumns} onGrant={(input) => write(() => execute(GrantDocument, { input }), t('已授权', 'Granted'))} />,
          },
          {
            key: 'log',
            label: t('查询记录', 'Access log'),
            children: (
              <Card title={<h2 className="card-title">{t('谁查询或变更了我的信息', 'Who read or changed my data')}</h2>}>
                <p className="timeline-meta">
                  {t('每次查询或变更您的个人信息都会留下记录：时间、查询方身份与单位、用途和结果（不显示查询人个人身份）。', 'Every read or change of your personal data is logged: when, by which role and department, for what purpose, and the outcome (never the reader’s identity).')}
                </p>
                <Table<LogEntry>
                  rowKey={(e, i) => `${e.at}-${i}`}
                  size="small"
                  columns={logColumns}
                  dataSource={log?.entries ?? []}
                  loading={logLoading}
                  pagination={false}
                  data-testid="access-log"
                />
                <div className="pager">
                  <Button onClick={() => loadLog(null)}>{t('刷新', 'Refresh')}</Button>
                  <Button disabled={!log?.next} onClick={() => loadLog(log?.next ?? null)}>
                    {t('加载更多', 'Load more')}
                  </Button>
                </div>
              </Card>
            ),
          },
        ]}
      />
      <ObjectionModal
        record={objecting}
        onClose={() => setObjecting(null)}
        onSubmit={async (v) => {
          if (!objecting) return;
          const ok = await write(
            () => execute(FileObjectionDocument, { input: { recordId: objecting.id, reasons: v.reasons, evidence: v.evidence ?? [] } }),
            t('异议已提交，记录已标注为“异议处理中”', 'Objection filed; the record is flagged'),
          );
          if (ok) setObjecting(null);
        }}
      />
      <RepairModal
        record={repairing}
        onClose={() => setRepairing(null)}
        onSubmit={async (v) => {
          if (!repairing) return;
          const ok = await write(
            () =>
              execute(FileRepairDocument, {
                input: { recordId: repairing.id, basis: v.basis, evidence: v.evidence, creditPledge: PLEDGE_TEXT, pledgeAccepted: v.pledgeAccepted },
              }),
            t('信用修复申请已提交', 'Repair application filed'),
          );
          if (ok) setRepairing(null);
        }}
      />
    </section>
  );
}

function Grants({ grants, columns, onGrant }: { grants: Grant[]; columns: TableColumnsType<Grant>; onGrant: (input: { grantee: string; purpose: 'AUTHORIZED_QUERY'; scope: GrantScope[]; expiresAt: string }) => Promise<boolean> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ grantee: string; scope: GrantScope[]; expiresAt: dayjs.Dayjs }>();
  return (
    <>
      <Card title={<h2 className="card-title">{t('我授予的查询授权', 'My grants')}</h2>}>
        <Table<Grant> rowKey="id" size="small" columns={columns} dataSource={grants} pagination={false} />
      </Card>
      <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('授权信用服务机构查询我的信息', 'Let a credit agency read my data')}</h2>}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ scope: ['IDENTITY', 'CREDIT_RECORDS'], expiresAt: dayjs().add(6, 'month') }}
          onFinish={async (v) => {
            const ok = await onGrant({
              grantee: v.grantee.trim(),
              purpose: 'AUTHORIZED_QUERY',
              scope: v.scope,
              expiresAt: `${v.expiresAt.format('YYYY-MM-DD')}T23:59:59+08:00`,
            });
            if (ok) form.resetFields(['grantee']);
          }}
        >
          <Form.Item name="grantee" label={t('信用服务机构标识', 'Agency identifier')} rules={[{ required: true, message: t('请输入机构标识', 'Enter the agency’s identifier') }]} extra={t('由机构提供，如 agency-42。', 'Given by the agency, e.g. agency-42.')}>
            <Input style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item name="scope" label={t('授权范围', 'Scope')} rules={[{ required: true, message: t('至少选择一项', 'Pick at least one') }]}>
            <Checkbox.Group options={options(GRANT_SCOPE, lang)} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('有效期至（最长一年）', 'Valid until (at most a year)')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year').subtract(1, 'day'), 'day')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('授权', 'Grant')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

function ObjectionModal({ record, onClose, onSubmit }: { record: CreditRecordNode | null; onClose: () => void; onSubmit: (v: { reasons: string; evidence?: string[] }) => Promise<void> }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reasons: string; evidence?: string[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!record}
      title={t('提出异议', 'Object to a record')}
      okText={t('提交异议', 'File the objection')}
      cancelText={t('取消', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {record && (
        <p>
          {formatDate(record.decidedOn, lang)} · {record.determiningAuthority} · {record.documentNumber}
          <br />
          {record.summary}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reasons" label={t('异议理由', 'Reasons')} rules={[{ required: true, whitespace: true, message: t('请说明异议理由', 'Give your reasons') }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="evidence" label={t('证明材料（可选，输入编号或名称后回车）', 'Evidence (optional: type a reference, press Enter)')}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RepairModal({
  record,
  onClose,
  onSubmit,
}: {
  record: CreditRecordNode | null;
  onClose: () => void;
  onSubmit: (v: { basis: RepairBasis; evidence: string[]; pledgeAccepted: boolean }) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ basis: RepairBasis; evidence: string[]; pledgeAccepted: boolean }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!record}
      title={t('申请信用修复', 'Apply for credit repair')}
      okText={t('提交申请', 'Apply')}
      cancelText={t('取消', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      width={620}
    >
      {record && (
        <p>
          {record.documentNumber} · {record.summary}
          <br />
          {t('最短公示期满日', 'Minimum period ends')}：{formatDate(record.minimumPublicityEndsOn, lang)}
          {t('（期满后方可申请；轻微失信记录履行义务后即可申请）', ' (apply after it; a minor record once the obligation is fulfilled)')}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="basis" label={t('修复依据', 'Basis')} rules={[{ required: true, message: t('请选择修复依据', 'Pick a basis') }]}>
          <Select options={options(REPAIR_BASIS, lang)} />
        </Form.Item>
        <Form.Item name="evidence" label={t('纠正失信行为的证明材料（输入编号或名称后回车，至少一项）', 'Evidence of correction (type a reference, press Enter; at least one)')} rules={[{ required: true, type: 'array', min: 1, message: t('至少提供一项证明材料', 'At least one piece of evidence') }]}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item label={t('信用承诺书', 'Credit pledge')}>
          <div style={{ background: '#fafafa', border: '1px solid #d9d9d9', padding: 12 }}>{PLEDGE_TEXT}</div>
        </Form.Item>
        <Form.Item
          name="pledgeAccepted"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('须同意信用承诺', 'The pledge must be accepted')))) }]}
        >
          <Checkbox>{t('本人已阅读并签署上述信用承诺', 'I have read and sign the credit pledge')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
