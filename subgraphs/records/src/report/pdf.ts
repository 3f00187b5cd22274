/**
 * The report as a PDF in Chinese, with PDFKit and Noto Sans SC (SIL OFL 1.1, from the npm package
 * @expo-google-fonts/noto-sans-sc; PDFKit embeds only the glyphs used, so a report is tens of
 * kilobytes). The text is real text with a ToUnicode map, so it can be searched, copied and read
 * back (the tests do).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { CATEGORY_LABELS, DOMAIN_LABELS, GRANT_SCOPE_LABELS, PENALTY_TYPE_LABELS, SEVERITY_LABELS } from './labels.js';
import type { ReportContent, ReportEntry } from './content.js';
import { DOMAINS } from '@credit/kit';

const require = createRequire(import.meta.url);

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process: each file is a whole CJK font (about 10 MB). */
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

export interface Issue {
  number: string;
  code: string;
  issuedAt: Date;
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 2026年11月05日 10:23:45（北京时间）. */
export function shanghaiTime(instant: Date): string {
  const part = Object.fromEntries(SHANGHAI.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${part.year}年${part.month}月${part.day}日 ${part.hour}:${part.minute}:${part.second}（北京时间）`;
}

const chineseDate = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export const REPORT_TITLE = '专项信用报告（个人）';
export const ISSUER = '信用记录部门（records 子图，公共信用信息归集单位）';

export async function renderReport(content: ReportContent, issue: Issue): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: {
      Title: `${REPORT_TITLE} ${issue.number}`,
      Author: ISSUER,
      Subject: '专项信用报告',
      CreationDate: issue.issuedAt,
      ModDate: issue.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('zh', regular);
  doc.registerFont('zh-bold', bold);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  /** A paragraph `inset` points from the left margin; wrapped lines keep the inset. */
  const text = (value: string, inset = 0) => doc.font('zh').fontSize(10).fillColor('#222222').text(value, left + inset, undefined, { width: width - inset, lineGap: 2 });
  let section = 0;
  const heading = (title: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.6);
    doc.font('zh-bold').fontSize(12.5).fillColor('#8b0000').text(`${SECTION_NUMBERS[section++]}、${title}`, left);
    const y = doc.y + 1;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('#c8a0a0').stroke();
    doc.moveDown(0.3);
  };
  const entries = (list: readonly ReportEntry[], none: string, extra?: (e: ReportEntry) => string) => {
    if (list.length === 0) {
      text(none, 12);
      return;
    }
    list.forEach((e, i) => {
      const severity = e.severity ? `｜严重程度：${SEVERITY_LABELS[e.severity]}` : '';
      const types = e.penaltyTypes.length ? `｜处罚种类：${e.penaltyTypes.map((t) => PENALTY_TYPE_LABELS[t]).join('、')}` : '';
      doc.font('zh-bold').fontSize(10).fillColor('#222222').text(`${i + 1}. ${e.determiningAuthority}  ${e.documentNumber}`, left + 12, undefined, { width: width - 12, lineGap: 2 });
      text(`决定日期：${e.decidedOn}｜领域：${DOMAIN_LABELS[e.domain]}｜类别：${CATEGORY_LABELS[e.category]}${severity}${types}${extra ? `｜${extra(e)}` : ''}`, 24);
      text(`事由：${e.summary}；依据：${e.legalBasis}`, 24);
    });
  };

  // Title block.
  doc.font('zh-bold').fontSize(22).fillColor('#8b0000').text(REPORT_TITLE, { align: 'center' });
  doc.moveDown(0.2);
  doc.font('zh').fontSize(10).fillColor('#555555').text('（以专项信用报告代替有无违法违规记录证明，发改财金〔2025〕565号）', { align: 'center' });
  doc.moveDown(0.8);
  const boxTop = doc.y;
  doc.font('zh').fontSize(10).fillColor('#222222');
  const rows: [string, string][] = [
    ['报告编号', issue.number],
    ['验证码', issue.code],
    ['出具时间', shanghaiTime(issue.issuedAt)],
    ['出具单位', ISSUER],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('zh-bold').text(label, left + 10, y, { width: 70 });
    doc.font('zh').text(value, left + 84, y, { width: width - 94 });
    doc.moveDown(0.15);
  }
  doc.rect(left, boxTop - 6, width, doc.y - boxTop + 8).lineWidth(0.8).strokeColor('#8b0000').stroke();
  doc.x = left;
  doc.moveDown(0.6);

  const { subject, reader, scope } = content;
  heading('信息主体');
  text(`姓名：${subject.name}${subject.nameMasked ? '（授权范围不含身份信息，已脱敏）' : ''}`);
  text(`公民身份号码：${subject.citizenIdNumber}${subject.citizenIdMasked ? '（已脱敏）' : ''}`);
  if (reader.kind === 'SUBJECT') text('报告申请人：信息主体本人（查询目的：本人查询）');
  else {
    text(`报告申请人：信用服务机构 ${reader.agency}（查询目的：授权查询，授权编号 ${reader.grantId}）`);
    text(`授权范围：${reader.scope.map((s) => GRANT_SCOPE_LABELS[s] ?? s).join('、')}`);
  }

  heading('报告范围');
  text(`信息期间：${chineseDate(scope.from)} 至 ${chineseDate(scope.to)}（按决定日期）`);
  const all = scope.domains.length === DOMAINS.length;
  text(`信用领域：${all ? '全部领域' : ''}${all ? '' : scope.domains.map((d) => DOMAIN_LABELS[d]).join('、')}`);
  text(`信息截至：${chineseDate(content.asOf)}。仅列出出具之日仍在公示期内的信息；公示期满、已修复或已撤销的信息不再公示。`);

  heading('行政处罚信息');
  entries(content.penalties, '报告期间内，在所列领域无行政处罚信息。', (e) => `公示至：${e.publicityEndsOn}`);
  heading('司法裁判及执行信息');
  entries(content.enforcement, '报告期间内，在所列领域无司法裁判及执行信息。', (e) => `公示至：${e.publicityEndsOn}`);
  heading('其他失信信息');
  entries(content.otherNegative, '报告期间内，在所列领域无其他失信信息。', (e) => `公示至：${e.publicityEndsOn}`);

  heading('严重失信主体名单');
  if (content.seriousDishonesty.length === 0) text('截至出具之日：未列入严重失信主体名单。', 12);
  else {
    doc.font('zh-bold').fontSize(10).fillColor('#8b0000').text('截至出具之日：已列入严重失信主体名单。', left + 12, undefined, { width: width - 12 });
    text('列入依据（不限于所选期间和领域）：', 12);
    entries(content.seriousDishonesty, '', (e) => `公示至：${e.publicityEndsOn}`);
  }

  heading('异议处理中的信息');
  if (content.objectionsPending === null) text('授权范围不含异议与信用修复信息，本项不提供。', 12);
  else entries(content.objectionsPending, '报告期间内，无正在异议处理中的信息。', () => '异议处理中');

  heading('信用修复信息');
  if (content.repairs === null) text('信用修复后相关信息停止公示和共享（国家发展改革委令第36号），本项仅向信息主体本人提供。', 12);
  else entries(content.repairs, '报告期间内，无已完成信用修复的信息。', (e) => `修复日期：${e.repairedOn ?? ''}（已停止公示）`);

  heading('守信激励信息');
  entries(content.positive, '报告期间内，在所列领域无守信激励信息。', (e) => `公示至：${e.publicityEndsOn}`);

  heading('诚信积分及说明');
  const score = content.score;
  if (score.kind === 'OUT_OF_SCOPE') text('授权范围不含激励惩戒与诚信积分信息，本项不提供。', 12);
  else if (score.kind === 'UNAVAILABLE') text('诚信积分规则暂未同步至本部门，本项暂不提供。', 12);
  else {
    doc.font('zh-bold').fontSize(11).fillColor('#222222').text(`诚信积分：${score.value} 分　等级：${score.grade ?? '—'}`, left + 12, undefined, { width: width - 12 });
    text(
      `计算说明：基准分 ${score.base} 分；出具之日仍在公示期内的每条信用记录按其类别计分（守信加分，失信按严重程度扣分），不限于所选期间和领域。评分规则由激励惩戒部门制定。`,
      12,
    );
    if (score.lines.length === 0) text('无计分记录，积分为基准分。', 12);
    for (const line of score.lines) {
      const e = line.entry;
      const kind = e.severity ? `失信（${SEVERITY_LABELS[e.severity]}）` : '守信';
      text(`${line.points > 0 ? '+' : ''}${line.points} 分：${kind}，${e.determiningAuthority} ${e.documentNumber}，决定日期 ${e.decidedOn}`, 24);
    }
  }

  heading('报告验证与使用说明');
  text(
    '本报告由出具单位以 Ed25519 电子签名，签名对象为本 PDF 文件全部字节的 SHA-256 摘要及报告编号。使用方可通过 GraphQL 查询 ' +
      'verifyCreditReport(number, code, sha256) 核验：输入报告编号、验证码及本文件的 SHA-256 摘要，结果为 VALID 即表示报告真实且未被篡改；' +
      '核验不返回报告内容。文件任何一个字节被修改，核验结果即为 ALTERED。',
  );
  text('本报告仅反映出具时间点出具单位掌握的公共信用信息，不构成对信息主体的信用评价结论。');

  // Footer on every page: the number again, and the page count.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('zh')
      .fontSize(8)
      .fillColor('#777777')
      .text(`报告编号 ${issue.number}　第 ${i + 1} 页 共 ${range.count} 页`, left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
