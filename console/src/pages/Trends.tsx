/**
 * Trends dashboard (ANALYST or CREDIT_OFFICE × STATISTICS): counts of ACTIVE records by region,
 * domain, severity and month, as charts and a table. A cell counting fewer than 5 persons comes
 * back suppressed (count null, suppressed true) and is drawn as suppressed, never as zero.
 */
import { Alert, Button, Card, DatePicker, Form, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../components/Chart';
import { Tone } from '../components/Tone';
import { graphql } from '../gql';
import type { CreditStatisticsFilter, Domain, RecordKind, Severity, StatisticsDimension, TableCellsQuery } from '../gql/graphql';
import { execute, RequestFailed } from '../lib/api';
import { describeError } from '../lib/explain';
import { useI18n } from '../lib/i18n';
import { DIMENSION, DOMAIN, label, options, PURPOSE, RECORD_KIND, SEVERITY } from '../lib/labels';
import { KNOWN_COUNTIES, regionName } from '../lib/regions';
import { setPurpose, useSession } from '../lib/session';

const TrendsDocument = graphql(`
  query Trends($filter: CreditStatisticsFilter) {
    byRegion: creditStatistics(groupBy: [REGION], filter: $filter) { region count persons suppressed }
    byDomain: creditStatistics(groupBy: [DOMAIN], filter: $filter) { domain count persons suppressed }
    bySeverity: creditStatistics(groupBy: [KIND, SEVERITY], filter: $filter) { kind severity count persons suppressed }
    byMonth: creditStatistics(groupBy: [MONTH], filter: $filter) { month count persons suppressed }
  }
`);

const TableCellsDocument = graphql(`
  query TableCells($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {
    creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity kind month count persons suppressed }
  }
`);

type Cell = NonNullable<TableCellsQuery['creditStatistics']>[number];
interface Point {
  key: string;
  name: string;
  count: number | null;
  persons: number | null;
  suppressed: boolean;
}

const SUPPRESSED_COLOUR = '#595959';
const BAR_COLOUR = '#0958d9';

interface Filters {
  regionCode?: string;
  domain?: Domain;
  severity?: Severity;
  kind?: RecordKind;
  decided?: [Dayjs | null, Dayjs | null] | null;
}

function chartOf(points: Point[], t: (zh: string, en: string) => string, kind: 'bar' | 'line', rotate = 0): ChartOption {
  const suppressedName = t('已抑制（不足 5 人）', 'Suppressed (< 5 persons)');
  const countName = t('记录数', 'Records');
  return {
    aria: { enabled: true },
    grid: { left: 48, right: 16, top: 36, bottom: rotate ? 90 : 40 },
    legend: { top: 0, data: [countName, suppressedName], textStyle: { color: '#262626' } },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataIndex } = p as { dataIndex: number };
        const point = points[dataIndex]!;
        return point.suppressed
          ? `${point.name}<br/>${t('已抑制：不足 5 人，不显示数量', 'Suppressed: fewer than 5 persons, no count shown')}`
          : `${point.name}<br/>${countName} ${point.count}，${t('人数', 'persons')} ${point.persons}`;
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.name), axisLabel: { rotate, color: '#262626', interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#262626' } },
    series: [
      kind === 'bar'
        ? { name: countName, type: 'bar', data: points.map((p) => (p.suppressed ? null : p.count)), itemStyle: { color: BAR_COLOUR }, barMaxWidth: 36 }
        : { name: countName, type: 'line', data: points.map((p) => (p.suppressed ? null : p.count)), itemStyle: { color: BAR_COLOUR }, connectNulls: false, symbolSize: 6 },
      {
        name: suppressedName,
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [10, 10],
        itemStyle: { color: '#ffffff', borderColor: SUPPRESSED_COLOUR, borderWidth: 1.5, borderType: 'dashed' },
        label: { show: points.length <= 24, formatter: t('抑制', 'supp.'), position: 'top', color: SUPPRESSED_COLOUR, fontSize: 10 },
        data: points.map((p) => (p.suppressed ? 0 : null)),
      },
    ],
  };
}

/** Two dimensions of the table as a grid: counts by colour, suppressed cells grey with 抑制, never a zero. */
function heatmapOf(cells: Cell[], dims: StatisticsDimension[], lang: 'zh' | 'en', t: (zh: string, en: string) => string): ChartOption | null {
  if (dims.length !== 2) return null;
  const name = (d: StatisticsDimension, c: Cell) =>
    d === 'REGION' ? regionName(c.region) || (c.region ?? '') : d === 'DOMAIN' ? label(DOMAIN, c.domain, lang) : d === 'SEVERITY' ? (c.severity ? label(SEVERITY, c.severity, lang) : t('（无）', '(none)')) : d === 'KIND' ? label(RECORD_KIND, c.kind, lang) : (c.month ?? '');
  const [yDim, xDim] = dims as [StatisticsDimension, StatisticsDimension];
  const xs = [...new Set(cells.map((c) => name(xDim, c)))].sort();
  const ys = [...new Set(cells.map((c) => name(yDim, c)))];
  const counted = cells.filter((c) => !c.suppressed);
  const max = Math.max(1, ...counted.map((c) => c.count ?? 0));
  const at = (c: Cell) => [xs.indexOf(name(xDim, c)), ys.indexOf(name(yDim, c))];
  const suppressedName = t('已抑制（不足 5 人）', 'Suppressed (< 5 persons)');
  return {
    aria: { enabled: true },
    grid: { left: 120, right: 24, top: 40, bottom: 70 },
    legend: { top: 0, data: [suppressedName], textStyle: { color: '#262626' } },
    tooltip: {
      formatter: (p: unknown) => {
        const { value, seriesIndex } = p as { value: [number, number, number | string]; seriesIndex: number };
        const where = `${ys[value[1]]} · ${xs[value[0]]}`;
        return seriesIndex === 1 ? `${where}<br/>${t('已抑制：不足 5 人，不显示数量', 'Suppressed: fewer than 5 persons')}` : `${where}<br/>${t('记录数', 'Records')} ${value[2]}`;
      },
    },
    xAxis: { type: 'category', data: xs, axisLabel: { rotate: 45, color: '#262626', fontSize: 11 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: ys, inverse: true, axisLabel: { color: '#262626', fontSize: 11 }, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', right: 0, top: 0, itemHeight: 120, seriesIndex: 0, inRange: { color: ['#e6f4ff', '#0958d9'] }, textStyle: { color: '#262626' } },
    series: [
      { name: t('记录数', 'Records'), type: 'heatmap', data: counted.map((c) => [...at(c), c.count ?? 0]), label: { show: xs.length <= 16, fontSize: 10 } },
      {
        name: suppressedName,
        type: 'heatmap',
        data: cells.filter((c) => c.suppressed).map((c) => [...at(c), 0]),
        itemStyle: { color: '#e8e8e8', borderColor: '#ffffff', borderWidth: 1 },
        label: { show: xs.length <= 16, formatter: t('抑制', 'supp.'), color: '#434343', fontSize: 10 },
      },
    ],
  };
}

function Summary({ points }: { points: Point[] }) {
  const { t } = useI18n();
  const suppressed = points.filter((p) => p.suppressed).length;
  return (
    <p className="timeline-meta" data-testid="chart-summary">
      {t(`${points.length} 个单元格，${points.length - suppressed} 个有数，${suppressed} 个因不足 5 人被抑制`, `${points.length} cells, ${points.length - suppressed} counted, ${suppressed} suppressed (fewer than 5 persons)`)}
    </p>
  );
}

export default function TrendsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [form] = Form.useForm<Filters>();
  const [filter, setFilter] = useState<CreditStatisticsFilter>({});
  const [data, setData] = useState<{ region: Point[]; domain: Point[]; severity: Point[]; month: Point[] } | null>(null);
  const [tableDims, setTableDims] = useState<StatisticsDimension[]>(['REGION', 'MONTH']);
  const [cells, setCells] = useState<Cell[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const statistics = session?.purpose === 'STATISTICS';

  const load = useCallback(async () => {
    if (!statistics) return;
    setLoading(true);
    setFailure(null);
    try {
      const { data: answer } = await execute(TrendsDocument, { filter });
      const point = (key: string, name: string, c: { count?: number | null; persons?: number | null; suppressed?: boolean | null }): Point => ({
        key,
        name,
        count: c.count ?? null,
        persons: c.persons ?? null,
        suppressed: !!c.suppressed,
      });
      const severityName = (kind?: RecordKind | null, severity?: Severity | null) =>
        kind === 'POSITIVE' ? label(RECORD_KIND, 'POSITIVE', lang) : `${label(RECORD_KIND, 'NEGATIVE', lang)}·${label(SEVERITY, severity, lang)}`;
      const order = { POSITIVE: 0, MINOR: 1, GENERAL: 2, SERIOUS: 3 } as Record<string, number>;
      setData({
        region: (answer?.byRegion ?? []).map((c) => point(c.region ?? '', regionName(c.region) || (c.region ?? ''), c)),
        domain: (answer?.byDomain ?? []).map((c) => point(c.domain ?? '', label(DOMAIN, c.domain, lang), c)),
        severity: [...(answer?.bySeverity ?? [])]
          .sort((a, b) => (order[a.kind === 'POSITIVE' ? 'POSITIVE' : (a.severity ?? '')] ?? 9) - (order[b.kind === 'POSITIVE' ? 'POSITIVE' : (b.severity ?? '')] ?? 9))
          .map((c) => point(`${c.kind}-${c.severity}`, severityName(c.kind, c.severity), c)),
        month: [...(answer?.byMonth ?? [])].sort((a, b) => (a.month ?? '').localeCompare(b.month ?? '')).map((c) => point(c.month ?? '', c.month ?? '', c)),
      });
      const table = await execute(TableCellsDocument, { groupBy: tableDims, filter });
      setCells(table.data?.creditStatistics ?? []);
    } catch (error) {
      setFailure(error instanceof RequestFailed ? describeError(error.errors[0], lang, error.message) : String(error));
    } finally {
      setLoading(false);
    }
  }, [filter, tableDims, lang, statistics]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<TableColumnsType<Cell>>(() => {
    const dims: TableColumnsType<Cell> = tableDims.map((d) => ({
      title: label(DIMENSION, d, lang),
      key: d,
      render: (_: unknown, c: Cell) =>
        d === 'REGION' ? `${regionName(c.region)}（${c.region}）` : d === 'DOMAIN' ? label(DOMAIN, c.domain, lang) : d === 'SEVERITY' ? (c.severity ? label(SEVERITY, c.severity, lang) : t('（守信，无）', '(positive: none)')) : d === 'KIND' ? label(RECORD_KIND, c.kind, lang) : c.month,
    }));
    const value = (field: 'count' | 'persons') => (_: unknown, c: Cell) =>
      c.suppressed ? (
        <Tone tone="neutral" title={t('不足 5 人，数量不予显示', 'Fewer than 5 persons: not shown')}>
          {t('已抑制（<5人）', 'Suppressed (<5)')}
        </Tone>
      ) : (
        c[field]
      );
    return [
      ...dims,
      { title: t('记录数', 'Records'), key: 'count', align: 'right', render: value('count') },
      { title: t('涉及人数', 'Persons'), key: 'persons', align: 'right', render: value('persons') },
    ];
  }, [tableDims, lang, t]);

  const charts = useMemo(
    () =>
      data && {
        region: chartOf(data.region, t, 'bar', 30),
        month: chartOf(data.month, t, 'line', 45),
        domain: chartOf(data.domain, t, 'bar', 40),
        severity: chartOf(data.severity, t, 'bar'),
      },
    [data, t],
  );
  const heatmap = useMemo(() => (cells ? heatmapOf(cells, tableDims, lang, t) : null), [cells, tableDims, lang, t]);

  if (!statistics) {
    return (
      <section aria-labelledby="trends-title">
        <h1 id="trends-title" className="page-title">
          {t('趋势分析', 'Trends')}
        </h1>
        <Alert
          type="info"
          showIcon
          message={t('趋势分析只在「统计分析」用途下提供。', 'Trends are available under the purpose “Statistics”.')}
          action={
            <Button size="small" onClick={() => setPurpose('STATISTICS')}>
              {t('切换到统计分析', 'Switch to Statistics')}
            </Button>
          }
        />
      </section>
    );
  }

  const totals = data?.region.filter((p) => !p.suppressed).reduce((sum, p) => sum + (p.count ?? 0), 0) ?? 0;
  const suppressedCells = cells?.filter((c) => c.suppressed).length ?? 0;

  return (
    <section aria-labelledby="trends-title">
      <h1 id="trends-title" className="page-title">
        {t('信用信息趋势分析', 'Credit information trends')}
      </h1>
      <p className="page-lead">
        {t(
          `公示中的信用记录按地区、领域、严重程度和月份统计（用途：${label(PURPOSE, 'STATISTICS', lang)}）。少于 5 人的单元格被抑制，以免识别到个人，图表中以虚线方框标出，不作为 0 处理。`,
          'Records in publicity by region, domain, severity and month. Cells of fewer than 5 persons are suppressed so no one can be singled out; charts mark them with a dashed box, never as zero.',
        )}
      </p>
      <Card>
        <Form<Filters>
          form={form}
          layout="inline"
          role="search"
          aria-label={t('统计筛选', 'Filters')}
          onFinish={(v) => {
            const [from, to] = v.decided ?? [null, null];
            setFilter({
              ...(v.regionCode ? { regionCode: v.regionCode } : {}),
              ...(v.domain ? { domain: v.domain } : {}),
              ...(v.severity ? { severity: v.severity } : {}),
              ...(v.kind ? { kind: v.kind } : {}),
              ...(from ? { decidedFrom: from.format('YYYY-MM-DD') } : {}),
              ...(to ? { decidedTo: to.format('YYYY-MM-DD') } : {}),
            });
          }}
        >
          <Form.Item name="regionCode" label={t('地区', 'Region')}>
            <Select allowClear style={{ width: 170 }} placeholder={t('全部', 'All')} options={KNOWN_COUNTIES.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="domain" label={t('领域', 'Domain')}>
            <Select allowClear style={{ width: 150 }} placeholder={t('全部', 'All')} options={options(DOMAIN, lang)} />
          </Form.Item>
          <Form.Item name="kind" label={t('信息类型', 'Kind')}>
            <Select allowClear style={{ width: 110 }} placeholder={t('全部', 'All')} options={options(RECORD_KIND, lang)} />
          </Form.Item>
          <Form.Item name="severity" label={t('严重程度', 'Severity')}>
            <Select allowClear style={{ width: 110 }} placeholder={t('全部', 'All')} options={options(SEVERITY, lang)} />
          </Form.Item>
          <Form.Item name="decided" label={t('决定日期', 'Decided')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('开始日期', 'From'), t('结束日期', 'To')]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={loading}>
                {t('统计', 'Apply')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                }}
              >
                {t('重置', 'Reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {failure && <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('统计未成功', 'The statistics failed')} description={failure} />}
      {data && (
        <>
          <Card style={{ marginTop: 16 }}>
            <Space size={48} wrap>
              <Statistic title={t('可显示的记录数（按地区合计）', 'Records shown (sum over regions)')} value={totals} />
              <Statistic title={t('地区', 'Regions')} value={data.region.length} />
              <Statistic title={t('明细表中被抑制的单元格', 'Suppressed cells in the table')} value={`${suppressedCells} / ${cells?.length ?? 0}`} />
            </Space>
          </Card>
          <div className="chart-grid" style={{ marginTop: 16 }}>
            <Card title={<h2 className="card-title">{t('按地区', 'By region')}</h2>}>
              <Chart option={charts!.region} label={t('按地区统计的记录数柱状图', 'Bar chart of records by region')} testId="chart-region" />
              <Summary points={data.region} />
            </Card>
            <Card title={<h2 className="card-title">{t('按月份', 'By month')}</h2>}>
              <Chart option={charts!.month} label={t('按决定月份统计的记录数折线图', 'Line chart of records by month of decision')} testId="chart-month" />
              <Summary points={data.month} />
            </Card>
            <Card title={<h2 className="card-title">{t('按领域', 'By domain')}</h2>}>
              <Chart option={charts!.domain} label={t('按领域统计的记录数柱状图', 'Bar chart of records by domain')} testId="chart-domain" />
              <Summary points={data.domain} />
            </Card>
            <Card title={<h2 className="card-title">{t('按信息类型与严重程度', 'By kind and severity')}</h2>}>
              <Chart option={charts!.severity} label={t('按严重程度统计的记录数柱状图', 'Bar chart of records by severity')} testId="chart-severity" />
              <Summary points={data.severity} />
            </Card>
          </div>
        </>
      )}
      <Card
        style={{ marginTop: 16 }}
        title={<h2 className="card-title">{t('明细表', 'Table')}</h2>}
        extra={
          <Select<StatisticsDimension[]>
            mode="multiple"
            aria-label={t('表格分组维度', 'Table dimensions')}
            style={{ minWidth: 260 }}
            value={tableDims}
            onChange={(dims) => setTableDims(dims.length ? dims : ['REGION'])}
            options={options(DIMENSION, lang)}
          />
        }
      >
        {cells && heatmap && (
          <Chart
            option={heatmap}
            label={t('明细表两个维度的热力图，不足 5 人的单元格标为抑制', 'Heatmap of the two table dimensions, suppressed cells marked')}
            testId="chart-heatmap"
            height={Math.max(260, 40 + 28 * new Set(cells.map((c) => c[tableDims[0]!.toLowerCase() as 'region'])).size + 70)}
          />
        )}
        <Table<Cell>
          size="small"
          rowKey={(c) => [c.region, c.domain, c.kind, c.severity, c.month].join('|')}
          columns={columns}
          dataSource={cells ?? []}
          loading={loading}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="stats-table"
        />
      </Card>
    </section>
  );
}
