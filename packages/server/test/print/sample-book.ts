/**
 * A generic application book for tests and the benchmark: a cover, form tables, long row tables
 * and long text, in Chinese — about twenty A4 pages. Not any real programme: the point is a
 * realistic mix of CJK text, borders and page breaks.
 */
import { compilePrintTemplate, type PrintInput, type PrintTemplate } from '@shenbao/engine';

export const SAMPLE_BOOK_TEMPLATE = `
<section class="sb-cover">
  <h1 class="sb-title">{{text print.title}}</h1>
  <div class="sb-cover-fields">
    <div>申报单位：{{data.basic.orgName}}</div>
    <div>推荐单位：{{default data.basic.recommender}}</div>
    <div>申请编号：{{application.number}}</div>
    <div>填报日期：{{zhDate application.submittedAt}}</div>
  </div>
</section>
{{pageBreak}}
<h2>一、基本信息</h2>
<table>
  <colgroup><col style="width:24%"><col style="width:26%"><col style="width:22%"><col style="width:28%"></colgroup>
  <tr><td class="sb-label">平台名称</td><td colspan="3">{{data.basic.platformName}}</td></tr>
  <tr><td class="sb-label">负责人</td><td>{{data.basic.leader}}</td><td class="sb-label">手机</td><td>{{data.basic.mobile}}</td></tr>
  <tr><td class="sb-label">单位性质</td><td colspan="3">{{check data.basic.kind "高校"}} 高校&#12288;{{check data.basic.kind "科研院所"}} 科研院所&#12288;{{check data.basic.kind "企业"}} 企业&#12288;{{check data.basic.kind "其他"}} 其他</td></tr>
  <tr><td class="sb-label">固定资产（万元）</td><td class="sb-number">{{amount data.basic.assets}}</td><td class="sb-label">场地总面积（m²）</td><td class="sb-number">{{amount (sum data.site.rows "area")}}</td></tr>
</table>
<h2>二、服务场地</h2>
<table>
  <thead><tr><th class="sb-index">序号</th><th style="width:46%">地址</th><th>面积（m²）</th><th>产权情况</th></tr></thead>
  <tbody>
  {{#each data.site.rows}}<tr><td class="sb-index">{{index1 @index}}</td><td>{{address}}</td><td class="sb-number">{{amount area}}</td><td class="sb-center">{{tenure}}</td></tr>
  {{/each}}
  </tbody>
</table>
<h2>三、入驻团队</h2>
<table>
  <thead><tr><th class="sb-index">序号</th><th>团队名称</th><th>入驻时间</th><th>人数</th><th>获得投资（万元）</th></tr></thead>
  <tbody>
  {{#each data.teams as |team i|}}<tr><td class="sb-index">{{index1 i}}</td><td>{{team.name}}</td><td class="sb-center">{{zhDate team.joinedOn}}</td><td class="sb-number">{{team.people}}</td><td class="sb-number">{{default (amount team.investment)}}</td></tr>
  {{/each}}
  </tbody>
</table>
{{pageBreak}}
<h2>四、申报单位情况</h2>
<p class="sb-long">{{data.overview.text}}</p>
<h2>五、承诺</h2>
<p>本单位承诺所填报的信息及提交的材料真实、准确、完整，如有不实，愿承担相应责任。</p>
<div class="sb-signature">申报单位（盖章）：__________<br>日期：{{zhDate printedAt}}</div>
`;

export const SAMPLE_BOOK_CSS = `.sb-print h2 { border-bottom: 1pt solid #000; padding-bottom: 1mm; }`;

const PLACES = ['济南市历下区', '青岛市崂山区', '烟台市莱山区', '潍坊市奎文区', '淄博市张店区', '临沂市兰山区'];
const TENURES = ['自有产权', '委托管理', '租赁'];

/** Print input for the sample book; `scale` multiplies the table rows and text (1 ≈ 20 pages). */
export function sampleBookInput(scale = 1): Omit<PrintInput, 'version'> {
  const siteRows = Array.from({ length: Math.round(50 * scale) }, (_, i) => ({
    address: `${PLACES[i % PLACES.length]}经十路${100 + i}号创新创业大厦${(i % 9) + 1}层`,
    area: 120 + ((i * 37) % 900) + 0.5,
    tenure: TENURES[i % TENURES.length],
  }));
  const teams = Array.from({ length: Math.round(120 * scale) }, (_, i) => ({
    name: `第${i + 1}号创业团队（智能制造与新材料方向）`,
    joinedOn: `2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    people: 3 + (i % 11),
    investment: i % 3 === 0 ? null : (i * 13.7) % 500,
  }));
  const paragraph =
    '本平台自成立以来，坚持以服务创新创业为宗旨，围绕区域主导产业，构建了“场地＋导师＋资金＋市场”的全链条孵化服务体系，' +
    '累计举办创业培训、项目路演和投融资对接活动百余场，帮助入驻团队解决技术、人才和资金难题，形成了良好的创新创业氛围。';
  return {
    programme: { id: 'sample-programme', version: '1.0.0', title: { zh: '示例项目申报', en: 'Sample programme' }, timeZone: 'Asia/Shanghai' },
    print: { id: 'book', title: { zh: '示例申报书', en: 'Sample application book' } },
    application: { number: 'SB-2020-000123', submittedAt: '2020-10-19T08:30:00Z' },
    data: {
      basic: {
        orgName: '山东示例科技发展有限公司',
        recommender: '济南市科学技术协会',
        platformName: '泉城创客之家',
        leader: '张三',
        mobile: '13800138000',
        kind: '企业',
        assets: 1234.5,
      },
      site: { rows: siteRows },
      overview: { text: Array.from({ length: Math.round(14 * scale) }, (_, i) => `${i + 1}. ${paragraph}`).join('\n') },
      teams,
    },
    printedAt: '2020-10-20T02:00:00Z',
  };
}

let compiled: PrintTemplate | undefined;

/** The sample template, compiled once. */
export function sampleBookTemplate(): PrintTemplate {
  compiled ??= compilePrintTemplate(SAMPLE_BOOK_TEMPLATE, SAMPLE_BOOK_CSS, 'sample-book.hbs');
  return compiled;
}
