/**
 * The parts of a unified credit view, shared by the staff view and the citizen's own page. Every
 * classified value goes through <Protected>, so what the gateway masked or withheld says so.
 */
import { Card, Descriptions, Empty, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { graphql } from '../gql';
import type { UnifiedPersonFragment } from '../gql/graphql';
import type { GraphQLErrorShape } from '../lib/api';
import { explainReason, parseContribution } from '../lib/explain';
import { formatDate, formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import {
  CATEGORY,
  DOMAIN,
  GENDER,
  GRADE,
  label,
  MEASURE_KIND,
  MEASURE_TRIGGER,
  OCCUPATION,
  PUBLICITY_REGIME,
  REAL_NAME_SECTOR,
  RECORD_KIND,
  RECORD_STATUS,
  SEVERITY,
} from '../lib/labels';
import { regionName } from '../lib/regions';
import { Protected } from './Protected';
import { Tone } from './Tone';

export const UnifiedPersonFragmentDoc = graphql(`
  fragment UnifiedPerson on Person {
    id
    name
    citizenIdNumber
    gender
    birthDate
    ageBand
    regionCode
    occupations
    realNameRegistrations { sector registeredAt }
    creditRecords(first: 50) {
      edges {
        node {
          id kind severity domain category regionCode determiningAuthority documentNumber legalBasis
          decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime status underObjection
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    objections {
      id status filedBy filedOn reasons evidence dueOn overdue forwardedOn decidedOn outcomeReasons
      record { id domain documentNumber }
    }
    repairs {
      id status basis evidence creditPledge filedOn decidedOn decisionReasons
      record { id domain documentNumber }
    }
    integrityScore { value grade contributions { recordId points reason } }
    eligibility { fastTrack acceptWithMissingDocs reasons }
    onSeriousDishonestyList
    onRedList
    redListEntries { id nominatingDepartment reason nominatedOn endsOn live }
    applicableMeasures {
      measure { code name kind description implementingDepartment }
      trigger
      reason
      record { id }
    }
  }
`);

export type UnifiedPerson = UnifiedPersonFragment;
export type CreditRecordNode = NonNullable<NonNullable<UnifiedPerson['creditRecords']>['edges'][number]['node']>;

export interface SectionProps {
  person: UnifiedPerson;
  errors: readonly GraphQLErrorShape[];
  /** Response path of the person object, e.g. ['person']. */
  base: readonly (string | number)[];
}

export function recordsOf(person: UnifiedPerson): CreditRecordNode[] {
  return (person.creditRecords?.edges ?? []).flatMap((e) => (e.node ? [e.node] : []));
}

export function IdentitySection({ person, errors, base }: SectionProps) {
  const { t, lang } = useI18n();
  const p = (field: string) => [...base, field];
  return (
    <Card title={<h2 className="card-title">{t('身份信息', 'Identity')}</h2>} data-testid="identity">
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 140 }}>
        <Descriptions.Item label={t('姓名', 'Name')}>
          <Protected coordinate="Person.name" value={person.name} path={p('name')} errors={errors} />
        </Descriptions.Item>
        <Descriptions.Item label={t('公民身份号码', 'Citizen ID number')}>
          <span data-testid="citizen-id">
            <Protected coordinate="Person.citizenIdNumber" value={person.citizenIdNumber} path={p('citizenIdNumber')} errors={errors} render={(v) => <span className="mono">{v}</span>} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('性别', 'Gender')}>
          <Protected coordinate="Person.gender" value={person.gender} path={p('gender')} errors={errors} render={(v) => label(GENDER, v, lang)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('出生日期', 'Birth date')}>
          <span data-testid="birth-date">
            <Protected coordinate="Person.birthDate" value={person.birthDate} path={p('birthDate')} errors={errors} render={(v) => formatDate(v, lang)} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('年龄段', 'Age band')}>
          <Protected coordinate="Person.ageBand" value={person.ageBand} path={p('ageBand')} errors={errors} render={(v) => t(`${v} 岁`, v)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('户籍地区', 'Region')}>
          <Protected coordinate="Person.regionCode" value={person.regionCode} path={p('regionCode')} errors={errors} render={(v) => `${regionName(v)}（${v}）`} />
        </Descriptions.Item>
        <Descriptions.Item label={t('重点人群职业', 'Key-population occupations')}>
          <Protected
            coordinate="Person.occupations"
            value={person.occupations}
            path={p('occupations')}
            errors={errors}
            empty={t('不属于重点人群', 'None')}
            render={(list) => list.map((o) => label(OCCUPATION, o, lang)).join('、')}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('实名登记', 'Real-name registrations')}>
          <Protected
            coordinate="Person.realNameRegistrations"
            value={person.realNameRegistrations}
            path={p('realNameRegistrations')}
            errors={errors}
            render={(list) => (
              <ul className="plain-list">
                {list.map((r, i) => (
                  <li key={i}>
                    {label(REAL_NAME_SECTOR, r.sector, lang)} · {formatDateTime(r.registeredAt, lang)}
                  </li>
                ))}
              </ul>
            )}
          />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function kindTone(record: CreditRecordNode, lang: 'zh' | 'en'): ReactNode {
  if (record.kind === 'POSITIVE') return <Tone tone="success">{label(RECORD_KIND, 'POSITIVE', lang)}</Tone>;
  const tone = record.severity === 'SERIOUS' ? 'danger' : record.severity === 'GENERAL' ? 'warning' : 'neutral';
  return (
    <Tone tone={tone}>
      {label(RECORD_KIND, 'NEGATIVE', lang)}
      {record.severity ? ` · ${label(SEVERITY, record.severity, lang)}` : ''}
    </Tone>
  );
}

/** Active records as a timeline, newest decision first, with an optional action per record. */
export function RecordsTimeline({ person, errors, base, action }: SectionProps & { action?: (record: CreditRecordNode) => ReactNode }) {
  const { t, lang } = useI18n();
  const path = [...base, 'creditRecords'];
  const records = recordsOf(person);
  return (
    <Card title={<h2 className="card-title">{t('信用记录（公示中）', 'Credit records (in publicity)')}</h2>} data-testid="records">
      <Protected
        coordinate="Person.creditRecords"
        value={person.creditRecords ? records : null}
        path={path}
        errors={errors}
        empty={<Empty description={t('没有公示中的信用记录', 'No record in publicity')} />}
        render={(list) => (
          <Timeline
            items={list.map((r, i) => {
              const at = (field: string) => [...path, 'edges', i, 'node', field];
              return {
                color: r.kind === 'POSITIVE' ? 'green' : r.severity === 'SERIOUS' ? 'red' : 'gray',
                children: (
                  <div data-testid="record" data-record-id={r.id}>
                    <div>
                      <strong>
                        <Protected coordinate="CreditRecord.decidedOn" value={r.decidedOn} path={at('decidedOn')} errors={errors} render={(v) => formatDate(v, lang)} />
                      </strong>{' '}
                      {kindTone(r, lang)}{' '}
                      <Protected coordinate="CreditRecord.domain" value={r.domain} path={at('domain')} errors={errors} render={(v) => label(DOMAIN, v, lang)} />
                      {' · '}
                      <Protected coordinate="CreditRecord.category" value={r.category} path={at('category')} errors={errors} render={(v) => label(CATEGORY, v, lang)} />{' '}
                      {r.underObjection && <Tone tone="warning">{t('异议处理中', 'Under objection')}</Tone>}{' '}
                      {r.status && r.status !== 'ACTIVE' && <Tone>{label(RECORD_STATUS, r.status, lang)}</Tone>}
                    </div>
                    <div>
                      <Protected coordinate="CreditRecord.summary" value={r.summary} path={at('summary')} errors={errors} />
                    </div>
                    <div className="timeline-meta">
                      {t('认定单位', 'Authority')}：
                      <Protected coordinate="CreditRecord.determiningAuthority" value={r.determiningAuthority} path={at('determiningAuthority')} errors={errors} />
                      {' · '}
                      {t('文书号', 'Document')}：
                      <Protected coordinate="CreditRecord.documentNumber" value={r.documentNumber} path={at('documentNumber')} errors={errors} />
                    </div>
                    <div className="timeline-meta">
                      {t('依据', 'Legal basis')}：
                      <Protected coordinate="CreditRecord.legalBasis" value={r.legalBasis} path={at('legalBasis')} errors={errors} />
                    </div>
                    <div className="timeline-meta">
                      {t('公示至', 'In publicity until')}{' '}
                      <Protected coordinate="CreditRecord.publicityEndsOn" value={r.publicityEndsOn} path={at('publicityEndsOn')} errors={errors} render={(v) => formatDate(v, lang)} />
                      {r.kind === 'NEGATIVE' && r.minimumPublicityEndsOn && (
                        <>
                          {' · '}
                          {t('最短公示期满（可申请修复）', 'Minimum period ends (repair possible from)')} {formatDate(r.minimumPublicityEndsOn, lang)}
                        </>
                      )}
                      {r.publicityRegime && <> · {label(PUBLICITY_REGIME, r.publicityRegime, lang)}</>}
                    </div>
                    {action && <div style={{ marginTop: 4 }}>{action(r)}</div>}
                  </div>
                ),
              };
            })}
          />
        )}
      />
      {person.creditRecords?.pageInfo.hasNextPage && <p className="timeline-meta">{t('仅显示最近 50 条。', 'The 50 most recent are shown.')}</p>}
    </Card>
  );
}

/** The integrity score and, line by line, where it comes from. */
export function ScoreSection({ person, errors, base, plain }: SectionProps & { plain?: boolean }) {
  const { t, lang } = useI18n();
  const path = [...base, 'integrityScore'];
  const score = person.integrityScore;
  const records = new Map(recordsOf(person).map((r) => [r.id, r]));
  return (
    <Card title={<h2 className="card-title">{t('诚信分及其构成', 'Integrity score, explained')}</h2>} data-testid="score">
      <Protected
        coordinate="Person.integrityScore"
        value={score}
        path={path}
        errors={errors}
        render={(s) => {
          const contributions = s.contributions ?? [];
          const sum = contributions.reduce((acc, c) => acc + (c.points ?? 0), 0);
          const base = s.value != null ? s.value - sum : null;
          return (
            <>
              <div>
                <span className="score-value">
                  <Protected coordinate="IntegrityScore.value" value={s.value} path={[...path, 'value']} errors={errors} />
                </span>{' '}
                <Protected coordinate="IntegrityScore.grade" value={s.grade} path={[...path, 'grade']} errors={errors} render={(g) => <Tone tone="info">{t('等级', 'Grade')} {label(GRADE, g, lang)}</Tone>} />
              </div>
              {plain && base != null && (
                <p>
                  {t(
                    `诚信分从基础分 ${base} 分算起：守信记录（如表彰、志愿服务）加分，失信记录按严重程度扣分，只计算公示中的记录。${contributions.length ? `您的分数由下面 ${contributions.length} 条记录构成：` : '您目前没有计分的记录。'}`,
                    `The score starts from ${base}: positive records add points, negative ones deduct by severity; only records in publicity count.`,
                  )}
                </p>
              )}
              {!plain && base != null && <p className="timeline-meta">{t(`基础分 ${base}，合计 ${sum >= 0 ? '+' : ''}${sum}`, `Base ${base}, total ${sum >= 0 ? '+' : ''}${sum}`)}</p>}
              <ul className="plain-list" aria-label={t('得分构成', 'Contributions')}>
                {contributions.map((c, i) => {
                  const record = c.recordId ? records.get(c.recordId) : undefined;
                  const parsed = parseContribution(c.reason ?? '');
                  const kind = record?.kind ?? parsed.kind;
                  const severity = record?.severity ?? parsed.severity;
                  const decidedOn = record?.decidedOn ?? parsed.decidedOn;
                  const points = c.points ?? 0;
                  const what =
                    kind === 'POSITIVE'
                      ? t('守信记录', 'positive record')
                      : t(`${severity ? label(SEVERITY, severity, lang) : ''}失信记录`, `${severity ? label(SEVERITY, severity, lang).toLowerCase() + ' ' : ''}negative record`);
                  return (
                    <li key={i}>
                      <span className={points >= 0 ? 'contrib-plus' : 'contrib-minus'}>
                        {points >= 0 ? t(`加 ${points} 分`, `+${points}`) : t(`扣 ${-points} 分`, `${points}`)}
                      </span>
                      {'：'}
                      {t(
                        `${decidedOn ? formatDate(decidedOn, lang) : ''}${record?.determiningAuthority ? ` ${record.determiningAuthority}` : ''}认定的${record?.domain ? `${label(DOMAIN, record.domain, lang)}领域` : ''}${what}`,
                        `${what}${record?.domain ? ` (${label(DOMAIN, record.domain, lang)})` : ''}${decidedOn ? ` decided ${formatDate(decidedOn, lang)}` : ''}${record?.determiningAuthority ? ` by ${record.determiningAuthority}` : ''}`,
                      )}
                      {record?.summary ? t(`（${record.summary}）`, ` (${record.summary})`) : ''}
                    </li>
                  );
                })}
              </ul>
            </>
          );
        }}
      />
    </Card>
  );
}

export function ListsSection({ person, errors, base }: SectionProps) {
  const { t, lang } = useI18n();
  const p = (field: string) => [...base, field];
  const yes = (on: boolean, tone: 'danger' | 'success') => (on ? <Tone tone={tone}>{t('是', 'Yes')}</Tone> : <Tone>{t('否', 'No')}</Tone>);
  return (
    <Card title={<h2 className="card-title">{t('名单与激励资格', 'Lists and eligibility')}</h2>} data-testid="lists">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('严重失信主体名单', 'Serious dishonesty list')}>
          <Protected coordinate="Person.onSeriousDishonestyList" value={person.onSeriousDishonestyList} path={p('onSeriousDishonestyList')} errors={errors} render={(v) => yes(v, 'danger')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('守信红名单', 'Red list')}>
          <Protected coordinate="Person.onRedList" value={person.onRedList} path={p('onRedList')} errors={errors} render={(v) => yes(v, 'success')} />
          {(person.redListEntries ?? []).map((e) => (
            <div key={e.id} className="timeline-meta">
              {e.nominatingDepartment} {t('推荐', 'nominated')} {formatDate(e.nominatedOn, lang)} – {formatDate(e.endsOn, lang)}：{e.reason}
            </div>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('绿色通道', 'Fast track')}>
          <Protected coordinate="Person.eligibility" value={person.eligibility} path={p('eligibility')} errors={errors} render={(e) => yes(!!e.fastTrack, 'success')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('容缺受理', 'Accept with missing documents')}>
          <Protected coordinate="Person.eligibility" value={person.eligibility} path={p('eligibility')} errors={errors} render={(e) => yes(!!e.acceptWithMissingDocs, 'success')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('依据', 'Why')}>
          <Protected
            coordinate="Person.eligibility"
            value={person.eligibility?.reasons}
            path={p('eligibility')}
            errors={errors}
            render={(reasons) => (
              <ul className="plain-list">
                {reasons.map((r, i) => (
                  <li key={i}>{explainReason(r, lang).text}</li>
                ))}
              </ul>
            )}
          />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function MeasuresSection({ person, errors, base }: SectionProps) {
  const { t, lang } = useI18n();
  return (
    <Card title={<h2 className="card-title">{t('适用的激励和惩戒措施', 'Measures that apply')}</h2>} data-testid="measures">
      <Protected
        coordinate="Person.applicableMeasures"
        value={person.applicableMeasures}
        path={[...base, 'applicableMeasures']}
        errors={errors}
        empty={t('目前没有适用的措施', 'No measure applies today')}
        render={(measures) => (
          <ul className="measure-list">
            {measures.map((m, i) => (
              <li key={i}>
                <div>
                  <Tone tone={m.measure?.kind === 'PUNISHMENT' ? 'danger' : 'success'}>{label(MEASURE_KIND, m.measure?.kind, lang)}</Tone> <strong>{m.measure?.name}</strong>
                </div>
                <div className="timeline-meta">
                  {t('触发条件', 'Trigger')}：{label(MEASURE_TRIGGER, m.trigger, lang)}
                  {m.reason ? explainReason(m.reason, lang).detail : ''}
                </div>
                <div className="timeline-meta">
                  {t('实施部门', 'Implemented by')}：{m.measure?.implementingDepartment}
                </div>
              </li>
            ))}
          </ul>
        )}
      />
    </Card>
  );
}
