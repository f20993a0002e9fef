import { ZNoticeForward, ZNoticeIssue } from '@tiegui/domain';
import type { Db } from '../db/database';
import { forwardNotice, getNotice, issueNotice } from '../modules/notices/notice.service';
import { NOTICE_SIGN_OFF_MODULE } from '../modules/notices/notice.workflow';
import { act, type DemoActors, movableClock, orgIdNamed } from './demo-actors';

/** The demo accounts whose own orgs are left unsigned, so a walkthrough can sign (xz-city's has forwarded). */
const WALKTHROUGH_ACCOUNTS = ['xz-division', 'dx-county', 'dx-mine', 'yp-mine', 'grp-a'];

const TITLE_126 =
  '国家矿山安全监察局山西局 山西省应急管理厅关于印发《“学铁规、明责任、硬落实、保安全”专项活动实施方案》的通知';
const BODY_126 = `国家矿山安全监察局山西局各监察执法处、各市应急管理局，各矿山企业：

为深入贯彻落实习近平总书记关于安全生产重要指示批示精神，推动《国务院安全生产委员会关于防范遏制矿山领域重特大生产安全事故的硬措施》硬落实，坚决防范遏制重特大事故，按照国家矿山安监局《“学铁规、明责任、硬落实、保安全”专项活动方案》（矿安〔2024〕72号）要求，结合全省实际，国家矿山安监局山西局、省应急管理厅联合制定了《“学铁规、明责任、硬落实、保安全”专项活动实施方案》。现印发给你们，请认真贯彻落实。

请各市应急管理局及时将本通知转发至辖区各县（市、区）应急管理局、各矿山企业。

附件：“学铁规、明责任、硬落实、保安全”专项活动实施方案`;

const TITLE_118 =
  '忻州市应急管理局关于转发《国家矿山安全监察山西局 山西省应急管理厅关于印发<“学铁规、明责任、硬落实、保安全”专项活动实施方案>的通知》的通知';
const BODY_118 = `各县（市、区）应急管理局、各矿山上级公司、各市级监管矿山企业：

现将《国家矿山安全监察山西局 山西省应急管理厅关于印发<“学铁规、明责任、硬落实、保安全”专项活动实施方案>的通知》（矿安晋〔2024〕126号）转发给你们，请严格按照活动实施方案要求，进一步压实责任，认真抓好贯彻落实，推动《国务院安全生产委员会关于防范遏制矿山领域重特大生产安全事故的硬措施》落地见效，坚决防范遏制矿山重特大事故。

请各县（市、区）应急管理局迅速将本通知精神传达至辖区各矿山企业，并于2024年12月5日前将活动总结报告报送至忻州市应急管理局。

联系人及联系电话：非煤矿山、煤矿各一名联系人（见原件）。

附件：国家矿山安全监察山西局 山西省应急管理厅关于印发《“学铁规、明责任、硬落实、保安全”专项活动实施方案》的通知`;

/** Counties that relayed 118号 to their mines, with an invented document number each (示例). */
const RELAYS: { county: string; docNumber: string; day: number }[] = [
  { county: '忻府区应急管理局', docNumber: '忻府应急发〔2024〕65号（示例）', day: 27 },
  { county: '原平市应急管理局', docNumber: '原应急发〔2024〕71号（示例）', day: 28 },
  { county: '定襄县应急管理局', docNumber: '定应急发〔2024〕48号（示例）', day: 29 },
  { county: '宁武县应急管理局', docNumber: '宁应急发〔2024〕52号（示例）', day: 30 },
];
/** Counties that have not signed 118号 (代县 is a demo account's own). */
const UNSIGNED_COUNTIES = ['代县应急管理局', '五寨县应急管理局', '偏关县应急管理局'];

const day = (d: string, hour = 2) => `${d}T${String(hour).padStart(2, '0')}:00:00.000Z`;
/** A day of 2024 in August or September (1-based), as an instant. */
const aug = (n: number) => day(`2024-08-${String(n).padStart(2, '0')}`);
const sep = (n: number) => day(`2024-09-${String(n).padStart(2, '0')}`);

/**
 * The two seed documents as a real cascade, for the active demo campaign, through the commands users
 * run: 矿安晋〔2024〕126号 issued by 省应急厅 with 山西局 to the divisions, the 11 city bureaus and every
 * mine; 忻州 reads, signs and forwards it as 忻应急发〔2024〕118号 to its 14 counties, the groups and
 * the mines it supervises itself; most counties sign, four relay it to their mines; mines in turn
 * signed, read or not. Each org's own user signs (签收) or reads on the day it did; the demo
 * accounts' own orgs (except 忻州) are left to sign.
 */
export async function seedDemoNotices(db: Db, actors: DemoActors, campaignId: string): Promise<void> {
  const clock = movableClock(day('2024-07-29', 3));
  const deps = { db, clock };
  const walkthrough = new Set(WALKTHROUGH_ACCOUNTS.map((u) => actors.named(u).orgId));
  /** The orgs a notice was delivered to, of one kind, in org order. */
  const recipients = (noticeId: string, kind: string) =>
    db
      .selectFrom('notice_deliveries as d')
      .innerJoin('orgs as o', 'o.id', 'd.org_id')
      .select(['o.id', 'o.name'])
      .where('d.notice_id', '=', noticeId)
      .where('o.kind', '=', kind)
      .orderBy('o.path')
      .execute();

  // What each recipient org did and when, done in the order it happened.
  type Step = { at: string; run: () => Promise<unknown> };
  let steps: Step[] = [];
  const sign = (noticeId: string, orgId: string, at: string) => {
    if (!walkthrough.has(orgId))
      steps.push({
        at,
        run: () =>
          act(NOTICE_SIGN_OFF_MODULE, deps, actors.of(orgId, 'notice.read'), noticeId, 'signOff', {}),
      });
  };
  const read = (noticeId: string, orgId: string, at: string) => {
    if (!walkthrough.has(orgId))
      steps.push({ at, run: () => getNotice(deps, actors.of(orgId, 'notice.read'), noticeId) });
  };
  const happen = async () => {
    for (const step of steps.sort((a, b) => a.at.localeCompare(b.at))) {
      clock.set(step.at);
      await step.run();
    }
    steps = [];
  };

  // 矿安晋〔2024〕126号: the province's notice.
  const n126 = (
    await issueNotice(
      deps,
      actors.named('sx-officer'),
      ZNoticeIssue.parse({
        docNumber: '矿安晋〔2024〕126号',
        title: TITLE_126,
        issuedOn: '2024-07-29',
        body: BODY_126,
        coIssuerOrgId: await orgIdNamed(db, '国家矿山安全监察局山西局'),
        campaignId,
        recipients: { kinds: ['division', 'city', 'mine'] },
      }),
    )
  ).id;
  const xinzhou = await orgIdNamed(db, '忻州市应急管理局');
  for (const [i, city] of (await recipients(n126, 'city')).filter((c) => c.id !== xinzhou).entries()) {
    if (i % 4 === 3) read(n126, city.id, aug(1 + (i % 9)));
    else sign(n126, city.id, aug(1 + (i % 9)));
  }
  for (const [i, mine] of (await recipients(n126, 'mine')).entries()) {
    if (i % 3 === 0) sign(n126, mine.id, aug(5 + (i % 7)));
    else if (i % 3 === 1) read(n126, mine.id, aug(2));
  }
  // 忻州 reads it (and so its notification), signs it, then forwards it.
  read(n126, xinzhou, aug(19));
  sign(n126, xinzhou, aug(20));
  await happen();

  // 忻应急发〔2024〕118号: to 忻州's counties, the groups owning its mines and the mines it supervises.
  clock.set(day('2024-08-23', 3));
  const n118 = (
    await forwardNotice(
      deps,
      actors.of(xinzhou, 'notice.issue'),
      n126,
      ZNoticeForward.parse({
        docNumber: '忻应急发〔2024〕118号',
        title: TITLE_118,
        issuedOn: '2024-08-23',
        body: BODY_118,
        replyDueAt: '2024-12-05T15:59:59.000Z',
        recipients: { kinds: ['county', 'group', 'directMine'] },
      }),
    )
  ).id;
  for (const [i, county] of (await recipients(n118, 'county')).entries()) {
    if (!UNSIGNED_COUNTIES.includes(county.name)) sign(n118, county.id, aug(24 + (i % 6)));
    else if (i % 2 === 0) read(n118, county.id, aug(26));
  }
  for (const group of await recipients(n118, 'group')) sign(n118, group.id, aug(28));
  for (const [i, mine] of (await recipients(n118, 'mine')).entries())
    if (i % 2 === 0) sign(n118, mine.id, aug(27));

  // Four counties relay 118号 to their mines (after signing it), and the mines sign in September.
  const relayed: string[] = [];
  for (const relay of RELAYS) {
    const county = await orgIdNamed(db, relay.county);
    steps.push({
      at: day(`2024-08-${relay.day}`, 3),
      run: async () => {
        const notice = await forwardNotice(
          deps,
          actors.of(county, 'notice.issue'),
          n118,
          ZNoticeForward.parse({
            docNumber: relay.docNumber,
            title: `${relay.county}关于转发《忻州市应急管理局关于转发“学铁规、明责任、硬落实、保安全”专项活动实施方案的通知》的通知`,
            issuedOn: `2024-08-${relay.day}`,
            body: `辖区各矿山企业：\n\n现将《忻州市应急管理局关于转发……的通知》（忻应急发〔2024〕118号）转发给你们，请认真贯彻落实，对照“八条硬措施”开展自我检视，并于2024年11月30日前将本单位活动开展情况报送至我局。（示例数据）`,
            replyDueAt: '2024-11-30T15:59:59.000Z',
            recipients: { kinds: ['mine'] },
          }),
        );
        relayed.push(notice.id);
      },
    });
  }
  await happen();
  for (const id of relayed) {
    for (const [j, mine] of (await recipients(id, 'mine')).entries()) {
      if (j % 3 !== 2) sign(id, mine.id, sep(1 + (j % 28)));
      else read(id, mine.id, sep(2));
    }
  }
  await happen();
}
