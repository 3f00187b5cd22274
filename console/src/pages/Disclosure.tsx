/**
 * 信用公示: the serious-dishonesty disclosure list, for anyone, with no sign-in. The gateway
 * answers it as the PUBLIC caller: the name and the citizen ID number are masked at the source.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { graphql } from '../gql';
import type { Domain, PublicDisclosureFilter, PublicDisclosuresQuery } from '../gql/graphql';
import { execute, RequestFailed } from '../lib/api';
import { formatDate } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { DOMAIN, label, options } from '../lib/labels';
import { KNOWN_COUNTIES, regionName } from '../lib/regions';

const PublicDisclosuresDocument = graphql(`
  query PublicDisclosures($filter: PublicDisclosureFilter, $first: Int, $after: String) {
    publicDisclosures(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          recordId
          person { maskedName maskedCitizenIdNumber }
          domain
          determiningAuthority
          documentNumber
          decidedOn
          publicityEndsOn
          regionCode
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type Disclosure = NonNullable<NonNullable<PublicDisclosuresQuery['publicDisclosures']>['edges'][number]['node']>;

interface FilterForm {
  name?: string;
  regionCode?: string;
  domain?: Domain;
  decided?: [Dayjs | null, Dayjs | null] | null;
}

let firstRenderMarked = false;

export function DisclosurePage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<PublicDisclosureFilter>({});
  const [nameFragment, setNameFragment] = useState('');
  const [pageSize, setPageSize] = useState(20);
  /** Cursors of the pages seen, to go back: cursors[i] is the `after` of page i. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<Disclosure[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<Disclosure | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const { data } = await execute(PublicDisclosuresDocument, { filter, first: pageSize, after }, { anonymous: true });
        const connection = data?.publicDisclosures;
        setRows((connection?.edges ?? []).flatMap((e) => (e.node ? [e.node] : [])));
        setNext(connection?.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null);
      } catch (e) {
        setRows([]);
        setNext(null);
        setError(e instanceof RequestFailed ? `${e.code ?? ''} ${e.message}` : String(e));
      } finally {
        setLoading(false);
      }
    },
    [filter, pageSize],
  );

  useEffect(() => {
    void load(cursors[page] ?? null);
  }, [load, cursors, page]);

  useEffect(() => {
    if (!loading && !firstRenderMarked && rows.length > 0) {
      firstRenderMarked = true;
      // Navigation start to the first page of the list on screen (BENCHMARKS.md).
      performance.mark('disclosure-list-rendered');
    }
  }, [loading, rows]);

  const shown = useMemo(() => {
    const fragment = nameFragment.trim();
    return fragment ? rows.filter((r) => (r.person?.maskedName ?? '').replace(/\*/g, '').includes(fragment.replace(/\*/g, ''))) : rows;
  }, [rows, nameFragment]);

  const search = (values: FilterForm) => {
    const [from, to] = values.decided ?? [null, null];
    setFilter({
      ...(values.regionCode ? { regionCode: values.regionCode } : {}),
      ...(values.domain ? { domain: values.domain } : {}),
      ...(from ? { decidedFrom: from.format('YYYY-MM-DD') } : {}),
      ...(to ? { decidedTo: to.format('YYYY-MM-DD') } : {}),
    });
    setNameFragment(values.name ?? '');
    setCursors([null]);
    setPage(0);
  };

  const columns: TableColumnsType<Disclosure> = [
    {
      title: t('姓名（已脱敏）', 'Name (masked)'),
      key: 'name',
      render: (_, r) => r.person?.maskedName ?? t('无', 'None'),
    },
    {
      title: t('公民身份号码（已脱敏）', 'Citizen ID (masked)'),
      key: 'id',
      render: (_, r) => <span className="mono">{r.person?.maskedCitizenIdNumber ?? t('无', 'None')}</span>,
    },
    { title: t('领域', 'Domain'), dataIndex: 'domain', render: (d: Domain) => label(DOMAIN, d, lang) },
    { title: t('认定单位', 'Determining authority'), dataIndex: 'determiningAuthority' },
    { title: t('决定文书号', 'Document number'), dataIndex: 'documentNumber' },
    { title: t('决定日期', 'Decided on'), dataIndex: 'decidedOn', render: (d: string) => formatDate(d, lang) },
    { title: t('公示截止', 'Publicity ends'), dataIndex: 'publicityEndsOn', render: (d: string) => formatDate(d, lang) },
    { title: t('地区', 'Region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) || c },
    {
      title: t('操作', 'Action'),
      key: 'action',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setDetail(r)} aria-label={t(`查看 ${r.documentNumber} 详情`, `Details of ${r.documentNumber}`)}>
          {t('详情', 'Details')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-labelledby="disclosure-title">
      <h1 id="disclosure-title" className="page-title">
        {t('信用信息公示 · 严重失信主体名单', 'Credit disclosure · serious dishonesty list')}
      </h1>
      <p className="page-lead">
        {t(
          '公示期内的严重失信主体信息。当事人姓名与公民身份号码已脱敏；公示期满、信用修复或撤销后自动停止公示。',
          'Serious dishonesty records within their publicity period. Names and citizen ID numbers are masked; a record leaves the list when its period ends, on repair or on revocation.',
        )}
      </p>
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={search} aria-label={t('公示信息检索', 'Search the disclosure list')} role="search">
          <Form.Item name="name" label={t('姓名', 'Name')} tooltip={t('仅能匹配公开的姓氏部分，在本页结果中筛选', 'Matches the visible surname, within this page')}>
            <Input placeholder={t('如：李', 'e.g. 李')} allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('地区', 'Region')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              placeholder={t('全部地区', 'All regions')}
              options={KNOWN_COUNTIES.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
            />
          </Form.Item>
          <Form.Item name="domain" label={t('领域', 'Domain')}>
            <Select allowClear style={{ width: 160 }} placeholder={t('全部领域', 'All domains')} options={options(DOMAIN, lang)} />
          </Form.Item>
          <Form.Item name="decided" label={t('决定日期', 'Decided')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('开始日期', 'From'), t('结束日期', 'To')]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('查询', 'Search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  search({});
                }}
              >
                {t('重置', 'Reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} message={t('查询失败', 'The search failed')} description={error} />}
      <Card style={{ marginTop: 16 }}>
        <Table<Disclosure>
          rowKey="recordId"
          columns={columns}
          dataSource={shown}
          loading={loading}
          pagination={false}
          size="middle"
          scroll={{ x: 1100 }}
          data-testid="disclosure-table"
          caption={<span className="visually-hidden">{t('严重失信主体名单', 'Serious dishonesty list')}</span>}
        />
        <nav className="pager" aria-label={t('分页', 'Pages')}>
          <span>
            {t(`第 ${page + 1} 页`, `Page ${page + 1}`)}
            {nameFragment ? t(`，本页筛选出 ${shown.length} 条`, `, ${shown.length} match on this page`) : ''}
          </span>
          <Select
            size="small"
            aria-label={t('每页条数', 'Rows per page')}
            value={pageSize}
            onChange={(size) => {
              setPageSize(size);
              setCursors([null]);
              setPage(0);
            }}
            options={[10, 20, 50].map((n) => ({ value: n, label: t(`${n} 条/页`, `${n} per page`) }))}
          />
          <Button size="small" disabled={page === 0 || loading} onClick={() => setPage(page - 1)}>
            {t('上一页', 'Previous')}
          </Button>
          <Button
            size="small"
            disabled={!next || loading}
            onClick={() => {
              setCursors((c) => [...c.slice(0, page + 1), next]);
              setPage(page + 1);
            }}
          >
            {t('下一页', 'Next')}
          </Button>
        </nav>
      </Card>
      <Drawer
        open={!!detail}
        onClose={() => setDetail(null)}
        title={t('公示信息详情', 'Disclosure details')}
        width={560}
        destroyOnHidden
      >
        {detail && (
          <Descriptions column={1} bordered size="small" data-testid="disclosure-detail">
            <Descriptions.Item label={t('姓名（已脱敏）', 'Name (masked)')}>{detail.person?.maskedName}</Descriptions.Item>
            <Descriptions.Item label={t('公民身份号码（已脱敏）', 'Citizen ID (masked)')}>
              <span className="mono">{detail.person?.maskedCitizenIdNumber}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('失信类别', 'Category')}>{t('严重失信', 'Serious dishonesty')}</Descriptions.Item>
            <Descriptions.Item label={t('领域', 'Domain')}>{label(DOMAIN, detail.domain, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('认定单位', 'Determining authority')}>{detail.determiningAuthority}</Descriptions.Item>
            <Descriptions.Item label={t('决定文书号', 'Document number')}>{detail.documentNumber}</Descriptions.Item>
            <Descriptions.Item label={t('决定日期', 'Decided on')}>{formatDate(detail.decidedOn, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('公示截止日期', 'Publicity ends on')}>{formatDate(detail.publicityEndsOn, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('地区', 'Region')}>
              {regionName(detail.regionCode)}（{detail.regionCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('信息编号', 'Record number')}>
              <span className="mono">{detail.recordId}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('说明', 'Note')}>
              {t(
                '当事人对公示信息有异议的，可登录后向信用主管部门提出异议申请；公示期满、信用修复或撤销后停止公示。',
                'The subject may sign in to object to this record; it leaves the list when its period ends, on repair or on revocation.',
              )}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </section>
  );
}
