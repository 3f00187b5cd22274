/**
 * The staff unified view: one person across the four departments, found by citizen ID number or
 * opened from a review queue, as the gateway answers it for the signed-in role and the purpose
 * chosen. Masked values are marked 已脱敏, withheld ones 不予提供 with the reason. Reviewers act
 * from here: decide or forward an objection (OBJECTION_REVIEW), decide a repair
 * (CREDIT_REPAIR_REVIEW), with the deadline and overdue state in view.
 */
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { IdentitySection, ListsSection, MeasuresSection, RecordsTimeline, ScoreSection, type UnifiedPerson } from '../components/PersonSections';
import { Protected } from '../components/Protected';
import { Tone } from '../components/Tone';
import { graphql } from '../gql';
import type { ObjectionOutcome, OpenObjectionsQuery, RepairOutcome, Severity, SubmittedRepairsQuery } from '../gql/graphql';
import { execute, RequestFailed, type GraphQLErrorShape } from '../lib/api';
import { describeError } from '../lib/explain';
import { formatDate, normaliseCitizenId } from '../lib/format';
import { useI18n } from '../lib/i18n';
import {
  DOMAIN,
  FIELD,
  label,
  OBJECTION_FILER,
  OBJECTION_OUTCOME,
  OBJECTION_STATUS,
  options,
  PRIVACY_LEVEL,
  PURPOSE,
  REPAIR_BASIS,
  REPAIR_OUTCOME,
  REPAIR_STATUS,
  ROLE,
  SEVERITY,
  WITHHELD_REASON,
} from '../lib/labels';
import { classification, decisionFor, mayPerform } from '../lib/privacy';
import { useSession } from '../lib/session';

const ByCitizenIdDocument = graphql(`
  query UnifiedViewByCitizenId($citizenIdNumber: String!) {
    person: personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) { ...UnifiedPerson }
  }
`);

const ByIdDocument = graphql(`
  query UnifiedViewById($id: ID!) {
    person(id: $id) { ...UnifiedPerson }
  }
`);

const OpenObjectionsDocument = graphql(`
  query OpenObjections($first: Int, $after: String) {
    openObjections(first: $first, after: $after) {
      edges {
        node {
          id status filedOn dueOn overdue forwardedOn
          subject { id name citizenIdNumber }
          record { id domain documentNumber }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SubmittedRepairsDocument = graphql(`
  query SubmittedRepairs($first: Int, $after: String) {
    submittedRepairs(first: $first, after: $after) {
      edges {
        node {
          id status basis filedOn
          subject { id name citizenIdNumber }
          record { id domain documentNumber }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const DecideObjectionDocument = graphql(`
  mutation DecideObjection($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {
    decideObjection(id: $id, outcome: $outcome, reasons: $reasons, correction: $correction) { id status decidedOn outcomeReasons }
  }
`);

const ForwardObjectionDocument = graphql(`
  mutation ForwardObjection($id: ID!) {
    forwardObjection(id: $id) { id status forwardedOn dueOn }
  }
`);

const DecideRepairDocument = graphql(`
  mutation DecideRepair($id: ID!, $outcome: RepairOutcome!, $reasons: String) {
    decideRepair(id: $id, outcome: $outcome, reasons: $reasons) { id status decidedOn decisionReasons }
  }
`);

type QueueObjection = NonNullable<NonNullable<OpenObjectionsQuery['openObjections']>['edges'][number]['node']>;
type QueueRepair = NonNullable<NonNullable<SubmittedRepairsQuery['submittedRepairs']>['edges'][number]['node']>;
type Objection = NonNullable<UnifiedPerson['objections']>[number];
type Repair = NonNullable<UnifiedPerson['repairs']>[number];

interface Loaded {
  person: UnifiedPerson | null;
  errors: GraphQLErrorShape[];
}

/** What this answer masked and withheld, to say so at the top of the view. */
function PrivacySummary({ loaded }: { loaded: Loaded }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const withheld = loaded.errors.filter((e) => e.extensions?.code === 'FORBIDDEN_FIELD');
  const masked = ['Person.name', 'Person.citizenIdNumber', 'Person.regionCode'].filter(
    (c) => classification(c)?.mask !== 'NONE' && decisionFor(c, session) === 'MASK' && loaded.person?.[c.split('.')[1] as 'name'] != null,
  );
  if (!session) return null;
  const purpose = label(PURPOSE, session.purpose, lang);
  if (!withheld.length && !masked.length)
    return <Alert type="success" showIcon message={t(`按「${purpose}」用途，本视图的全部字段均可完整显示。`, `Under “${purpose}”, every field of this view is shown in full.`)} />;
  const fieldName = (field: string) => FIELD[field]?.[lang === 'zh' ? 0 : 1] ?? field;
  const fieldNames = (paths: GraphQLErrorShape[]) =>
    [...new Set(paths.map((e) => [...(e.path ?? [])].reverse().find((segment): segment is string => typeof segment === 'string' && segment !== 'node' && segment !== 'edges') ?? ''))]
      .map(fieldName)
      .join(lang === 'zh' ? '、' : ', ');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="privacy-summary"
      message={t(`按「${label(ROLE, session.role, lang)} × ${purpose}」的隐私策略：`, `Under the privacy policy for ${label(ROLE, session.role, lang)} × ${purpose}:`)}
      description={
        <ul className="plain-list">
          {masked.length > 0 && (
            <li>
              {t('已脱敏', 'Masked')}：{masked.map((c) => fieldName(c.split('.')[1]!)).join(lang === 'zh' ? '、' : ', ')}（{label(PRIVACY_LEVEL, 'SENSITIVE', lang)}）
            </li>
          )}
          {withheld.length > 0 && (
            <li>
              {t('不予提供', 'Withheld')}：{fieldNames(withheld)}（{label(WITHHELD_REASON, (withheld[0]?.extensions?.reason as 'POLICY') ?? 'POLICY', lang)}）
            </li>
          )}
        </ul>
      }
    />
  );
}

export default function StaffPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<{ citizenIdNumber: string }>();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [lookup, setLookup] = useState<{ by: 'citizenId'; value: string } | { by: 'id'; value: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [objectionQueue, setObjectionQueue] = useState<QueueObjection[] | null>(null);
  const [repairQueue, setRepairQueue] = useState<QueueRepair[] | null>(null);
  const [deciding, setDeciding] = useState<Objection | null>(null);
  const [decidingRepair, setDecidingRepair] = useState<Repair | null>(null);
  const purpose = session?.purpose;

  const load = useCallback(
    async (target: NonNullable<typeof lookup>) => {
      setLoading(true);
      setFailure(null);
      try {
        const answer =
          target.by === 'citizenId'
            ? await execute(ByCitizenIdDocument, { citizenIdNumber: target.value })
            : await execute(ByIdDocument, { id: target.value });
        setLoaded({ person: answer.data?.person ?? null, errors: answer.errors });
      } catch (error) {
        setLoaded(null);
        setFailure(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
      } finally {
        setLoading(false);
      }
    },
    [lang],
  );

  const loadQueues = useCallback(async () => {
    setObjectionQueue(null);
    setRepairQueue(null);
    try {
      // Each review purpose reaches its own queue only (schema/src/entry-points.ts).
      if (purpose === 'OBJECTION_REVIEW') {
        const { data } = await execute(OpenObjectionsDocument, { first: 50 });
        setObjectionQueue((data?.openObjections?.edges ?? []).flatMap((e) => (e.node ? [e.node] : [])));
      }
      if (purpose === 'CREDIT_REPAIR_REVIEW') {
        const { data } = await execute(SubmittedRepairsDocument, { first: 50 });
        setRepairQueue((data?.submittedRepairs?.edges ?? []).flatMap((e) => (e.node ? [e.node] : [])));
      }
    } catch (error) {
      message.error(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
    }
  }, [purpose, lang, message]);

  // The purpose decides what may be read: reload the view and the queues when it changes.
  useEffect(() => {
    void loadQueues();
    if (lookup) void load(lookup);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [purpose]);

  const open = (target: NonNullable<typeof lookup>) => {
    setLookup(target);
    void load(target);
  };

  const afterWrite = async (text: string) => {
    message.success(text);
    if (lookup) await load(lookup);
    await loadQueues();
  };

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      const answer = (await run()) as { errors: GraphQLErrorShape[] };
      const refused = answer.errors.find((e) => e.extensions?.code && e.extensions.code !== 'FORBIDDEN_FIELD');
      if (refused) throw new RequestFailed(refused.message, 200, [refused]);
      await afterWrite(done);
      return true;
    } catch (error) {
      message.error(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
      return false;
    }
  };

  const person = loaded?.person ?? null;
  const errors = loaded?.errors ?? [];
  const base = ['person'];

  const canDecideObjection = mayPerform('decideObjection', session);
  const canForward = mayPerform('forwardObjection', session);
  const canDecideRepair = mayPerform('decideRepair', session);

  const deadline = (o: { dueOn?: string | null; overdue?: boolean | null; status?: string | null }) =>
    o.dueOn ? (
      <span data-testid="deadline">
        {formatDate(o.dueOn, lang)} {o.overdue ? <Tone tone="danger">{t('已逾期', 'Overdue')}</Tone> : <Tone tone="info">{t('办理中', 'Within time')}</Tone>}
      </span>
    ) : (
      <span className="empty-value">{t('已办结', 'Closed')}</span>
    );

  const objectionColumns: TableColumnsType<Objection> = [
    { title: t('状态', 'Status'), key: 'status', render: (_, o, i) => <Protected coordinate="Objection.status" value={o.status} path={[...base, 'objections', i, 'status']} errors={errors} render={(s) => <Tone tone={s === 'SUBMITTED' || s === 'FORWARDED' ? 'warning' : 'neutral'}>{label(OBJECTION_STATUS, s, lang)}</Tone>} /> },
    { title: t('提出日期', 'Filed'), key: 'filedOn', render: (_, o) => formatDate(o.filedOn, lang) },
    { title: t('提出人', 'Filed by'), key: 'filedBy', render: (_, o) => label(OBJECTION_FILER, o.filedBy, lang) },
    { title: t('针对记录', 'Record'), key: 'record', render: (_, o) => `${o.record?.documentNumber ?? t('（已不在公示期）', '(no longer in publicity)')}${o.record?.domain ? ` · ${label(DOMAIN, o.record.domain, lang)}` : ''}` },
    { title: t('异议理由', 'Reasons'), key: 'reasons', render: (_, o, i) => <Protected coordinate="Objection.reasons" value={o.reasons} path={[...base, 'objections', i, 'reasons']} errors={errors} /> },
    { title: t('办理期限', 'Due'), key: 'due', render: (_, o) => deadline(o) },
    {
      title: t('决定', 'Decision'),
      key: 'decision',
      render: (_, o) =>
        o.decidedOn ? (
          <span>
            {formatDate(o.decidedOn, lang)} {o.outcomeReasons}
          </span>
        ) : (
          <span className="empty-value">{t('未决定', 'Not decided')}</span>
        ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, o) =>
        o.status === 'SUBMITTED' || o.status === 'FORWARDED' ? (
          <Space wrap>
            {canDecideObjection && (
              <Button size="small" type="primary" onClick={() => setDeciding(o)}>
                {t('作出决定', 'Decide')}
              </Button>
            )}
            {canForward && o.status === 'SUBMITTED' && (
              <Button
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: t('转认定单位处理', 'Forward to the determining authority'),
                    content: t('转办后由认定单位在 5 个工作日内作出决定。', 'The determining authority then decides within 5 working days.'),
                    okText: t('转办', 'Forward'),
                    cancelText: t('取消', 'Cancel'),
                    onOk: () => act(() => execute(ForwardObjectionDocument, { id: o.id }), t('已转认定单位处理', 'Forwarded')),
                  })
                }
              >
                {t('转认定单位', 'Forward')}
              </Button>
            )}
            {!canDecideObjection && <span className="empty-value">{t('切换到「异议审核」用途后可处理', 'Switch to “Objection review” to act')}</span>}
          </Space>
        ) : null,
    },
  ];

  const repairColumns: TableColumnsType<Repair> = [
    { title: t('状态', 'Status'), key: 'status', render: (_, r) => <Tone tone={r.status === 'SUBMITTED' ? 'warning' : 'neutral'}>{label(REPAIR_STATUS, r.status, lang)}</Tone> },
    { title: t('申请日期', 'Filed'), key: 'filedOn', render: (_, r) => formatDate(r.filedOn, lang) },
    { title: t('修复依据', 'Basis'), key: 'basis', render: (_, r) => label(REPAIR_BASIS, r.basis, lang) },
    { title: t('针对记录', 'Record'), key: 'record', render: (_, r) => r.record?.documentNumber ?? r.record?.id },
    { title: t('证明材料', 'Evidence'), key: 'evidence', render: (_, r) => (r.evidence ?? []).join('；') },
    { title: t('信用承诺', 'Credit pledge'), key: 'pledge', render: (_, r) => r.creditPledge },
    { title: t('决定', 'Decision'), key: 'decision', render: (_, r) => (r.decidedOn ? `${formatDate(r.decidedOn, lang)} ${r.decisionReasons ?? ''}` : t('未决定', 'Not decided')) },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'SUBMITTED' ? (
          canDecideRepair ? (
            <Button size="small" type="primary" onClick={() => setDecidingRepair(r)}>
              {t('审核', 'Decide')}
            </Button>
          ) : (
            <span className="empty-value">{t('切换到「信用修复审核」用途后可处理', 'Switch to “Credit repair review” to act')}</span>
          )
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title" className="page-title">
        {t('统一信用视图', 'Unified credit view')}
      </h1>
      <p className="page-lead">
        {t(
          `当前用途：${purpose ? label(PURPOSE, purpose, lang) : ''}。每次查询均记入查询日志，当事人可查看。`,
          `Purpose: ${purpose ? label(PURPOSE, purpose, lang) : ''}. Every lookup is logged, and the person can see it.`,
        )}
      </p>
      <Card>
        <Form
          form={form}
          layout="inline"
          role="search"
          aria-label={t('按公民身份号码查找', 'Find by citizen ID number')}
          onFinish={({ citizenIdNumber }) => open({ by: 'citizenId', value: normaliseCitizenId(citizenIdNumber) ?? citizenIdNumber.trim() })}
        >
          <Form.Item
            name="citizenIdNumber"
            label={t('公民身份号码', 'Citizen ID number')}
            rules={[
              { required: true, message: t('请输入 18 位公民身份号码', 'Enter an 18-character citizen ID number') },
              {
                validator: (_, value: string) =>
                  !value || normaliseCitizenId(value) ? Promise.resolve() : Promise.reject(new Error(t('号码格式或校验码不正确（GB 11643-1999）', 'Wrong format or check character (GB 11643-1999)'))),
              },
            ]}
          >
            <Input className="mono" style={{ width: 240 }} maxLength={18} autoComplete="off" placeholder="51010419930513001X" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t('查询', 'Look up')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {objectionQueue && (
        <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('异议审核队列（待处理，按期限排序）', 'Objection queue (open, by due date)')}</h2>}>
          <Table<QueueObjection>
            rowKey="id"
            size="small"
            dataSource={objectionQueue}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            data-testid="objection-queue"
            columns={[
              { title: t('当事人', 'Subject'), key: 'name', render: (_, o) => o.subject?.name },
              { title: t('公民身份号码', 'Citizen ID'), key: 'cid', render: (_, o) => <span className="mono">{o.subject?.citizenIdNumber}</span> },
              { title: t('针对记录', 'Record'), key: 'rec', render: (_, o) => o.record?.documentNumber ?? t('（已不在公示期）', '(no longer in publicity)') },
              { title: t('状态', 'Status'), key: 'st', render: (_, o) => label(OBJECTION_STATUS, o.status, lang) },
              { title: t('提出日期', 'Filed'), key: 'filed', render: (_, o) => formatDate(o.filedOn, lang) },
              { title: t('办理期限', 'Due'), key: 'due', render: (_, o) => deadline(o) },
              {
                title: t('操作', 'Action'),
                key: 'open',
                render: (_, o) =>
                  o.subject?.id ? (
                    <Button size="small" onClick={() => open({ by: 'id', value: o.subject!.id })}>
                      {t('打开统一视图', 'Open the view')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
      {repairQueue && (
        <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('信用修复审核队列', 'Credit repair queue')}</h2>}>
          <Table<QueueRepair>
            rowKey="id"
            size="small"
            dataSource={repairQueue}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { title: t('申请人', 'Applicant'), key: 'name', render: (_, r) => r.subject?.name },
              { title: t('公民身份号码', 'Citizen ID'), key: 'cid', render: (_, r) => <span className="mono">{r.subject?.citizenIdNumber}</span> },
              { title: t('针对记录', 'Record'), key: 'rec', render: (_, r) => r.record?.documentNumber },
              { title: t('修复依据', 'Basis'), key: 'basis', render: (_, r) => label(REPAIR_BASIS, r.basis, lang) },
              { title: t('申请日期', 'Filed'), key: 'filed', render: (_, r) => formatDate(r.filedOn, lang) },
              {
                title: t('操作', 'Action'),
                key: 'open',
                render: (_, r) =>
                  r.subject?.id ? (
                    <Button size="small" onClick={() => open({ by: 'id', value: r.subject!.id })}>
                      {t('打开统一视图', 'Open the view')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}

      {failure && <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('查询未成功', 'The lookup failed')} description={failure} />}
      {loaded && !person && !failure && (
        <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('未找到该人员，或当前用途无权查看。', 'No such person, or this purpose may not read them.')} />
      )}
      {person && (
        <div data-testid="unified-view" style={{ marginTop: 16 }}>
          <PrivacySummary loaded={loaded!} />
          <div className="section-grid">
            <IdentitySection person={person} errors={errors} base={base} />
            <ScoreSection person={person} errors={errors} base={base} />
          </div>
          <div className="section-grid">
            <RecordsTimeline person={person} errors={errors} base={base} />
            <div style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
              <ListsSection person={person} errors={errors} base={base} />
              <MeasuresSection person={person} errors={errors} base={base} />
            </div>
          </div>
          <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('异议', 'Objections')}</h2>} data-testid="objections">
            <Protected
              coordinate="Person.objections"
              value={person.objections}
              path={[...base, 'objections']}
              errors={errors}
              empty={t('没有异议', 'No objection')}
              render={(list) => <Table<Objection> rowKey="id" size="small" columns={objectionColumns} dataSource={list} pagination={false} scroll={{ x: 900 }} />}
            />
          </Card>
          <Card style={{ marginTop: 16 }} title={<h2 className="card-title">{t('信用修复', 'Credit repair')}</h2>} data-testid="repairs">
            <Protected
              coordinate="Person.repairs"
              value={person.repairs}
              path={[...base, 'repairs']}
              errors={errors}
              empty={t('没有信用修复申请', 'No repair application')}
              render={(list) => <Table<Repair> rowKey="id" size="small" columns={repairColumns} dataSource={list} pagination={false} scroll={{ x: 900 }} />}
            />
          </Card>
        </div>
      )}

      <DecideObjectionModal
        objection={deciding}
        onClose={() => setDeciding(null)}
        onDecide={async (values) => {
          if (!deciding) return;
          const correction = values.outcome === 'UPHELD' && values.severity ? { severity: values.severity } : undefined;
          const ok = await act(
            () => execute(DecideObjectionDocument, { id: deciding.id, outcome: values.outcome, reasons: values.reasons || undefined, correction }),
            t('异议决定已作出', 'The objection is decided'),
          );
          if (ok) setDeciding(null);
        }}
      />
      <DecideRepairModal
        repair={decidingRepair}
        onClose={() => setDecidingRepair(null)}
        onDecide={async (values) => {
          if (!decidingRepair) return;
          const ok = await act(
            () => execute(DecideRepairDocument, { id: decidingRepair.id, outcome: values.outcome, reasons: values.reasons || undefined }),
            t('信用修复决定已作出', 'The repair is decided'),
          );
          if (ok) setDecidingRepair(null);
        }}
      />
    </section>
  );
}

function DecideObjectionModal({
  objection,
  onClose,
  onDecide,
}: {
  objection: Objection | null;
  onClose: () => void;
  onDecide: (values: { outcome: ObjectionOutcome; reasons?: string; severity?: Severity }) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ outcome: ObjectionOutcome; reasons?: string; severity?: Severity }>();
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!objection}
      title={t('作出异议决定', 'Decide the objection')}
      onCancel={onClose}
      okText={t('提交决定', 'Submit')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {objection && (
        <p>
          {t('异议理由', 'Reasons')}：{objection.reasons}
          <br />
          {t('办理期限', 'Due')}：{formatDate(objection.dueOn, lang)} {objection.overdue && <Tone tone="danger">{t('已逾期', 'Overdue')}</Tone>}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'REJECTED' }}
        onFinish={async (values) => {
          setBusy(true);
          try {
            await onDecide(values);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="outcome" label={t('决定', 'Outcome')} rules={[{ required: true }]}>
          <Radio.Group options={options(OBJECTION_OUTCOME, lang)} />
        </Form.Item>
        {outcome === 'UPHELD' && (
          <Form.Item name="severity" label={t('更正严重程度（不选则撤销该记录）', 'Correct the severity (leave empty to revoke the record)')}>
            <Select allowClear options={options(SEVERITY, lang)} />
          </Form.Item>
        )}
        <Form.Item
          name="reasons"
          label={t('决定理由', 'Reasons')}
          rules={[{ required: outcome === 'REJECTED', message: t('异议不成立须说明理由', 'A rejection needs reasons') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideRepairModal({
  repair,
  onClose,
  onDecide,
}: {
  repair: Repair | null;
  onClose: () => void;
  onDecide: (values: { outcome: RepairOutcome; reasons?: string }) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ outcome: RepairOutcome; reasons?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!repair}
      title={t('信用修复审核', 'Decide the credit repair')}
      onCancel={onClose}
      okText={t('提交决定', 'Submit')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {repair && (
        <p>
          {t('修复依据', 'Basis')}：{label(REPAIR_BASIS, repair.basis, lang)}
          <br />
          {t('证明材料', 'Evidence')}：{(repair.evidence ?? []).join('；')}
          <br />
          {t('信用承诺', 'Credit pledge')}：{repair.creditPledge}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'APPROVED' }}
        onFinish={async (values) => {
          setBusy(true);
          try {
            await onDecide(values);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="outcome" label={t('决定', 'Outcome')} rules={[{ required: true }]}>
          <Radio.Group options={options(REPAIR_OUTCOME, lang)} />
        </Form.Item>
        <Form.Item name="reasons" label={t('决定理由', 'Reasons')} rules={[{ required: outcome === 'REJECTED', message: t('不予修复须说明理由', 'A rejection needs reasons') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
