import type { FormDefinition } from '../forms/definition';

/**
 * The deliverable forms the 2024 plan ships. Checklist items quote what the seed itself requires,
 * each with its paragraph as the source (the 八条硬措施 titles are not sourced: REFERENCE §1), so an
 * administrator can edit them as versioned data.
 */
const SEED = '矿安晋〔2024〕126号';

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

const rectificationRows = {
  key: 'rectifications',
  label: '问题及整改',
  type: 'rows' as const,
  required: false,
  minRows: 0,
  maxRows: 100,
  fields: [
    { key: 'problem', label: '发现的问题', type: 'text' as const, required: true, maxLength: 300 },
    { key: 'measure', label: '整改措施', type: 'text' as const, required: true, maxLength: 300 },
    { key: 'dueOn', label: '完成时限', type: 'date' as const, required: true },
    { key: 'owner', label: '责任人', type: 'text' as const, required: true, maxLength: 30 },
  ],
};

const attachments = (label = '附件', required = false) => ({
  key: 'attachments',
  label,
  type: 'attachments' as const,
  required,
  maxFiles: 10,
});

export const FORMS_2024: FormDefinition[] = [
  {
    key: 'eight_measures_review',
    title: '对照“八条硬措施”月度自我检视',
    version: 1,
    description: '各矿山企业每月对照“八条硬措施”开展自我检视，分析发现问题并积极整改落实（任务1）。',
    fields: [
      {
        key: 'checks',
        label: '检视项目',
        type: 'checklist',
        required: true,
        items: [
          {
            key: 'one_team',
            label: '只配备一套以矿长为首的领导班子，未在矿长之上另设董事长、总经理',
            source: `${SEED} 四(二)3`,
          },
          {
            key: 'principal_selfcheck',
            label: '主要负责人履职情况自查自纠，问题明确整改措施和完成时限',
            source: `${SEED} 四(二)3`,
          },
          {
            key: 'management_org',
            label: '安全生产管理机构和人员素质情况自查并制定整改方案',
            source: `${SEED} 四(二)4`,
          },
          {
            key: 'no_concealed_face',
            label: '无隐蔽工作面；如有已自查上报并落实整改',
            source: `${SEED} 四(三)6`,
          },
          {
            key: 'hidden_factors',
            label: '查清3—5年采掘范围内隐蔽致灾因素，确定灾害防治等级',
            source: `${SEED} 四(四)7`,
          },
          {
            key: 'disaster_treatment',
            label: '重大灾害超前治理、工程治理和系统治理落实，制度、机构、人员、资金到位',
            source: `${SEED} 四(四)8`,
          },
          {
            key: 'flood_season',
            label: '防汛物资足类足量，防排水设施设备完好，每半年至少一次应急演练',
            source: `${SEED} 四(四)9`,
          },
          { key: 'call_response', label: '建立落实应急叫应、回应、响应机制', source: `${SEED} 四(四)9` },
          {
            key: 'risk_system',
            label: '风险分级管控和隐患排查治理体系建立并及时更新，及时公告安全风险',
            source: `${SEED} 四(五)10`,
          },
          {
            key: 'monthly_investigation',
            label: '主要负责人本月组织1次全系统各环节重大事故隐患排查并建立台账',
            source: `${SEED} 四(五)10`,
          },
          {
            key: 'five_in_place',
            label: '重大事故隐患制定“五落实”整改方案，整改后评估，停产整改的经评估后方申请恢复生产',
            source: `${SEED} 四(五)11`,
          },
        ],
      },
      { key: 'summary', label: '本月检视总体情况', type: 'textarea', required: true, maxLength: 5000 },
      rectificationRows,
      attachments(),
    ],
  },
  {
    key: 'principal_duty_selfcheck',
    title: '主要负责人履职情况自查自纠整改报告',
    version: 1,
    description:
      '9月底前形成自查自纠整改报告，分别报山西局驻地监察执法处和负责安全监管的市县应急局（任务3）。',
    fields: [
      {
        key: 'oneTeam',
        label: '是否只配备一套以矿长为首的领导班子',
        type: 'single',
        required: true,
        options: yesNo,
      },
      {
        key: 'chairman',
        label: '董事长设置情况',
        type: 'single',
        required: true,
        options: [
          { value: 'none', label: '未设董事长' },
          { value: 'director', label: '董事长由矿长兼任' },
          { value: 'above', label: '在矿长之上另设董事长、总经理等职务' },
        ],
        help: '方案要求：确需设董事长职位的由矿长兼任，不得在矿长之上再设董事长、总经理等领导职务。',
      },
      { key: 'summary', label: '履职自查情况', type: 'textarea', required: true, maxLength: 5000 },
      rectificationRows,
      attachments('自查自纠整改报告及附件'),
    ],
  },
  {
    key: 'management_selfcheck_plan',
    title: '安全生产管理机构和人员自查整改方案',
    version: 1,
    description: '9月底前制定自查整改方案，分别报山西局驻地监察执法处和负责安全监管的市县应急局（任务4）。',
    fields: [
      {
        key: 'organisation',
        label: '安全生产管理机构设置情况',
        type: 'textarea',
        required: true,
        maxLength: 5000,
      },
      {
        key: 'staff',
        label: '安全管理人员配备及素质情况',
        type: 'textarea',
        required: true,
        maxLength: 5000,
      },
      rectificationRows,
      attachments('自查整改方案'),
    ],
  },
  {
    key: 'concealed_face_report',
    title: '隐蔽工作面自查上报',
    version: 1,
    description: '9月底前自查上报并主动落实整改措施的不予处罚；逾期未报一经发现的依法严惩重处（任务6）。',
    fields: [
      {
        key: 'hasConcealedFace',
        label: '是否存在隐蔽工作面',
        type: 'single',
        required: true,
        options: yesNo,
      },
      {
        key: 'faces',
        label: '隐蔽工作面情况',
        type: 'rows',
        required: false,
        minRows: 0,
        maxRows: 50,
        fields: [
          { key: 'location', label: '位置', type: 'text', required: true, maxLength: 200 },
          { key: 'description', label: '情况说明', type: 'text', required: true, maxLength: 500 },
          { key: 'measures', label: '整改措施', type: 'text', required: true, maxLength: 500 },
        ],
      },
      { key: 'statement', label: '情况说明', type: 'textarea', required: true, maxLength: 5000 },
      attachments(),
    ],
  },
  {
    key: 'major_hazard_investigation',
    title: '主要负责人月度重大事故隐患排查',
    version: 1,
    description: '主要负责人每月组织专业技术人员开展1次全系统各环节重大事故隐患排查，建立台账（任务10）。',
    fields: [
      { key: 'investigatedOn', label: '排查日期', type: 'date', required: true },
      { key: 'scope', label: '排查范围', type: 'textarea', required: true, maxLength: 2000 },
      { key: 'participants', label: '参加人员', type: 'text', required: true, maxLength: 500 },
      {
        key: 'majorHazardsFound',
        label: '发现重大事故隐患数',
        type: 'number',
        required: true,
        min: 0,
        integer: true,
        unit: '项',
      },
      { key: 'notes', label: '说明', type: 'textarea', required: false, maxLength: 5000 },
      attachments(),
    ],
  },
  {
    key: 'drill_record',
    title: '应急演练记录',
    version: 1,
    description: '针对各灾害特点，每半年至少开展一次应急演练（任务9）。',
    fields: [
      {
        key: 'drills',
        label: '演练',
        type: 'rows',
        required: true,
        minRows: 1,
        maxRows: 50,
        fields: [
          { key: 'name', label: '演练名称', type: 'text', required: true, maxLength: 100 },
          { key: 'disaster', label: '针对的灾害', type: 'text', required: true, maxLength: 50 },
          { key: 'heldOn', label: '演练日期', type: 'date', required: true },
          {
            key: 'participants',
            label: '参加人数',
            type: 'number',
            required: true,
            min: 1,
            integer: true,
            max: 100000,
          },
        ],
      },
      attachments('演练方案、记录和评估'),
    ],
  },
  {
    key: 'campaign_contacts',
    title: '专项活动分管负责人和联络人',
    version: 1,
    description: '各级矿山安全监管监察部门明确该项活动分管负责人和联络人（五(二)）。',
    fields: [
      { key: 'leaderName', label: '分管负责人', type: 'text', required: true, maxLength: 30 },
      { key: 'leaderPhone', label: '分管负责人电话', type: 'text', required: true, maxLength: 20 },
      { key: 'liaisonName', label: '联络人', type: 'text', required: true, maxLength: 30 },
      { key: 'liaisonPhone', label: '联络人电话', type: 'text', required: true, maxLength: 20 },
    ],
  },
  {
    key: 'summary_report',
    title: '专项活动总结报告',
    version: 1,
    description:
      '内容包括开展专项活动总体情况、好的做法、存在的主要问题、典型案例、采取的工作措施、工作建议（五(四)）。',
    fields: [
      { key: 'overall', label: '总体情况', type: 'textarea', required: true, maxLength: 20000 },
      { key: 'goodPractices', label: '好的做法', type: 'textarea', required: true, maxLength: 20000 },
      { key: 'mainProblems', label: '存在的主要问题', type: 'textarea', required: true, maxLength: 20000 },
      { key: 'typicalCases', label: '典型案例', type: 'textarea', required: true, maxLength: 20000 },
      { key: 'measures', label: '采取的工作措施', type: 'textarea', required: true, maxLength: 20000 },
      { key: 'suggestions', label: '工作建议', type: 'textarea', required: true, maxLength: 20000 },
      attachments(),
    ],
  },
  {
    key: 'report_with_attachments',
    title: '工作报告',
    version: 1,
    fields: [
      { key: 'title', label: '标题', type: 'text', required: true, maxLength: 100 },
      { key: 'content', label: '内容', type: 'textarea', required: true, maxLength: 20000 },
      attachments(),
    ],
  },
];
