import type { CatalogCategory, HazardStandard } from '../schemas/hazard-catalog';

/**
 * 《金属非金属矿山重大事故隐患判定标准》(矿安〔2022〕88号, 印发 2022-07-08, 2022-09-01 施行), three
 * parts: 一、地下矿山 二、露天矿山 三、尾矿库. Only the items REFERENCE §4 lists are encoded; the rest
 * of each part was NOT FOUND and is marked incomplete for an administrator to complete.
 */
const DOC = '矿安〔2022〕88号';
const SRC_MAIN = 'http://www.hubeicoal-safety.gov.cn/a/xinwenzhongxin/wenjiangongkai/2022/0810/4058.html';
const SRC_UG = `${SRC_MAIN}；https://www.fjskzz.cn/zonghexinwen/2022/0728/554_3.html；https://m.1wenmi.com/doc/597613.html`;
const SRC_OP = 'http://www.6665253.com/ktxx/2022-07-27/672.html；http://yinhuan.net/zhongda/342.html';
const SRC_TP = 'https://www.fjskzz.cn/zonghexinwen/2022/0728/554_3.html（摘要）';
const TODO = '本条情形未查到官方全文，须由管理员核对原文补全';

type Part = {
  prefix: 'U' | 'P' | 'T';
  part: string;
  mineType: 'underground' | 'open_pit' | 'tailings_pond';
  source: string;
};
const UG: Part = { prefix: 'U', part: '一、地下矿山', mineType: 'underground', source: SRC_UG };
const OP: Part = { prefix: 'P', part: '二、露天矿山', mineType: 'open_pit', source: SRC_OP };
const TP: Part = { prefix: 'T', part: '三、尾矿库', mineType: 'tailings_pond', source: SRC_TP };

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 13 → 十三, 27 → 二十七. */
function chinese(n: number): string {
  if (n <= 10) return CN[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? CN[tens - 1] : ''}十${ones ? CN[ones - 1] : ''}`;
}

function item(
  p: Part,
  no: number | null,
  title: string,
  situations: string[],
  opts: { complete?: boolean; note?: string; confidence?: 'H' | 'M' } = {},
): CatalogCategory {
  const code = no === null ? `${p.prefix}X` : `${p.prefix}${String(no).padStart(2, '0')}`;
  return {
    code,
    title,
    ...(no === null ? {} : { article: `${p.part.slice(0, 2)}(${chinese(no)})` }),
    part: p.part,
    mineTypes: [p.mineType],
    complete: opts.complete ?? true,
    ...(opts.note ? { note: opts.note } : {}),
    source: `${DOC} ${p.part}；${p.source}`,
    confidence: opts.confidence ?? 'H',
    items: situations.map((text, i) => ({ code: `${code}-${i + 1}`, text })),
  };
}

const partial = { complete: false, note: `已列出查到的情形；${TODO}` };

// biome-ignore format: one situation per line reads like the standard
export const NONMETAL_MAJOR_HAZARD_STANDARD: HazardStandard = {
  key: 'nonmetal-major-hazard',
  version: 1,
  title: '金属非金属矿山重大事故隐患判定标准',
  documentNumber: DOC,
  effectiveFrom: '2022-09-01',
  mineCategory: 'metal_nonmetal',
  source: SRC_MAIN,
  note: '本版本不完整，须由管理员补全：地下矿山第(六)、(八)至(十二)、(十四)至(十九)、(二十二)至(二十六)、(二十八)项，露天矿山第(九)项及第(十一)项以后，尾矿库大部分条目。同时废止安监总管一〔2017〕98号。',
  categories: [
    item(UG, 1, '安全出口存在下列情形之一', [
      '矿井直达地面的独立安全出口少于2个，或者与设计不一致',
      '矿井只有两个独立直达地面的安全出口，且安全出口的间距小于30米，或者矿体一翼走向长度超过1000米且未在此翼设置安全出口',
      '全部安全出口均为竖井且竖井内均未设置梯子间，或者作为主要安全出口的罐笼提升井只有1套提升系统且未设梯子间',
      '主要生产中段(水平)、单个采区、盘区或者矿块的安全出口少于2个，或者未与通往地面的安全出口相通',
      '安全出口出现堵塞，或者其梯子、踏步等设施不能正常使用，导致安全出口不畅通',
    ]),
    item(UG, 2, '使用国家明令禁止使用的设备、材料或者工艺', []),
    item(UG, 3, '不同矿权主体的相邻矿山井巷相互贯通，或者同一矿权主体相邻独立生产系统的井巷擅自贯通', []),
    item(UG, 4, '地下矿山现状图纸存在下列情形之一', [
      '未保存GB 16423-2020第4.1.10条规定的图纸，或者生产矿山每3个月、基建矿山每1个月未更新',
      '岩体移动范围内的地面建构筑物、运输道路及沟谷河流与实际不符',
      '开拓工程和采准工程的井巷或者井下采区与实际不符',
      '相邻矿山采区位置关系与实际不符',
      '采空区和废弃井巷的位置、处理方式、现状，以及地表塌陷区的位置与实际不符',
    ]),
    item(UG, 5, '露天转地下开采存在下列情形之一', [
      '未按设计采取防排水措施',
      '露天与地下联合开采时，回采顺序与设计不符',
      '未按设计采取留设安全顶柱或者岩石垫层等防护措施',
    ], partial),
    item(UG, 7, '井下主要排水系统存在下列情形之一', [
      '主要排水系统的水仓与水泵房之间的隔墙或者配水阀未按设计设置',
      '井下最低中段的主水泵房通往中段巷道的出口未装设防水门，或者另外一个出口未高于水泵房地面7米以上',
      '利用采空区或者其他废弃巷道作为水仓',
    ], partial),
    item(UG, 13, '有自然发火危险的矿山，存在下列情形之一', [], { complete: false, note: `只查到条目标题；${TODO}` }),
    item(UG, 20, '矿井未采用机械通风，或者采用机械通风的矿井存在下列情形之一', [], { complete: false, note: `只查到条目标题；${TODO}` }),
    item(UG, 21, '未配齐或者随身携带具有矿用产品安全标志的便携式气体检测报警仪和自救器，或者从业人员不能正确使用自救器', []),
    item(UG, 27, '新建、改扩建矿山建设项目有下列行为之一', ['在竣工验收前组织生产，经批准的联合试运转除外'], partial),
    item(UG, null, '其他已查到的地下矿山情形（所属条目编号待核实）', [
      '未设置防治水机构，或者未建立探放水队伍',
      '未超前探放水，或者超前钻孔的数量、深度低于设计要求，或者超前钻孔方位不符合设计要求',
      '未按设计留设矿(岩)柱',
      '未设置专门机构、配备专门人员负责地压防治工作',
      '竖井井口和井下各中段马头门设置的安全门或者摇台与提升机未实现联锁',
      '载人数量超过25人或者超过核载人数（无轨/人车）',
      '安全监测系统运行不正常未及时修复',
    ], { complete: false, note: `条目编号未查到；${TODO}`, confidence: 'M' }),
    item(OP, 1, '地下开采转露天开采前，未探明采空区和溶洞，或者未按设计处理对露天开采安全有威胁的采空区和溶洞', []),
    item(OP, 2, '使用国家明令禁止使用的设备、材料或者工艺', []),
    item(OP, 3, '未采用自上而下的开采顺序分台阶或者分层开采', []),
    item(OP, 4, '工作帮坡角大于设计工作帮坡角，或者最终边坡台阶高度超过设计高度', []),
    item(OP, 5, '开采或者破坏设计要求保留的矿(岩)柱或者挂帮矿体', []),
    item(OP, 6, '未按有关国家标准或者行业标准对采场边坡、排土场边坡进行稳定性分析', []),
    item(OP, 7, '边坡存在下列情形之一', [
      '高度200米及以上的采场边坡未进行在线监测',
      '高度200米及以上的排土场边坡未建立边坡稳定监测系统',
      '关闭、破坏监测系统，或者隐瞒、篡改、销毁其相关数据、信息',
    ]),
    item(OP, 8, '边坡出现滑移现象', [
      '横向及纵向放射状裂缝',
      '坡体前缘坡脚处上隆(凸起)、后缘裂缝急剧扩展',
      '位移观测资料显示的水平位移量或……（原文此处未查全）',
    ], { complete: false, note: `第3种情形的后半句未查到全文；${TODO}` }),
    item(OP, 10, '凹陷露天矿山未按设计建设防洪、排洪设施', []),
    item(TP, null, '已查到的尾矿库情形（条目编号待核实）', [
      '库区或者尾矿坝上存在未按设计进行开采、挖掘、爆破等危及尾矿库安全的活动',
      '坝体的平均外坡比或者堆积子坝的外坡比陡于设计坡比',
      '排洪构筑物终止使用时，封堵措施不满足设计要求',
    ], { complete: false, note: `2022年尾矿库部分全文未查到；${TODO}`, confidence: 'M' }),
  ],
};
