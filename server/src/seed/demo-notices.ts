import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service';
import type { Database, NoticeDeliveryTable } from '../db/schema';
import { newId } from '../lib/ids';
import { insertDeliveries, insertNotice } from '../modules/notices/notice.repository';
import { notifyOrgs } from '../modules/notifications/notification.service';

const SYSTEM = { userId: null, username: 'system', orgId: null, ip: null };

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
 * The two seed documents as a real cascade, for the active demo campaign: 矿安晋〔2024〕126号 from
 * 省应急厅 with 山西局 to the divisions, the 11 city bureaus and every mine; 忻州 signs it and forwards
 * it as 忻应急发〔2024〕118号 to its 14 counties, the groups and the mines it supervises itself; most
 * counties sign, four relay it to their mines; mines in turn signed or not. The demo accounts' own
 * orgs (except 忻州) are left to sign. Deterministic: ids come from the demo's seeded generator.
 */
export async function seedDemoNotices(trx: Kysely<Database>, campaignId: string): Promise<void> {
  const orgs = await trx
    .selectFrom('orgs')
    .select(['id', 'kind', 'name', 'parent_id', 'path'])
    .where('active', '=', 1)
    .orderBy('path')
    .execute();
  const named = (name: string) => {
    const org = orgs.find((o) => o.name === name);
    if (!org) throw new Error(`demo notices: no org named ${name}`);
    return org;
  };
  const department = named('山西省应急管理厅');
  const bureau = named('国家矿山安全监察局山西局');
  const xinzhou = named('忻州市应急管理局');
  const users = await trx.selectFrom('users').select(['id', 'username', 'org_id']).execute();
  const walkthrough = new Set(
    users.filter((u) => WALKTHROUGH_ACCOUNTS.includes(u.username)).map((u) => u.org_id),
  );
  const xzCityUser = users.find((u) => u.username === 'xz-city')?.id ?? null;
  const ofKind = (kind: string) => orgs.filter((o) => o.kind === kind);

  const deliveries: NoticeDeliveryTable[] = [];
  const deliver = (noticeId: string, orgIds: string[], at: string) => {
    for (const orgId of orgIds)
      deliveries.push({
        notice_id: noticeId,
        org_id: orgId,
        delivered_at: at,
        read_at: null,
        signed_at: null,
        signed_by: null,
        forwarded_notice_id: null,
        last_urged_at: null,
      });
  };
  const mark = (noticeId: string, orgId: string, change: Partial<NoticeDeliveryTable>) => {
    const d = deliveries.find((x) => x.notice_id === noticeId && x.org_id === orgId);
    if (d && !walkthrough.has(orgId)) Object.assign(d, change);
  };
  const signed = (at: string, by: string | null = null) => ({ read_at: at, signed_at: at, signed_by: by });
  const notices: {
    id: string;
    title: string;
    docNumber: string;
    issuer: string;
    at: string;
    to: string[];
  }[] = [];
  const issue = async (input: {
    parent: string | null;
    docNumber: string;
    title: string;
    issuer: string;
    coIssuer?: string;
    issuedOn: string;
    body: string;
    replyDueAt: string | null;
    to: string[];
  }) => {
    const id = newId();
    const at = day(input.issuedOn, 3);
    await insertNotice(trx, {
      id,
      campaign_id: campaignId,
      parent_notice_id: input.parent,
      root_notice_id: notices[0]?.id ?? id,
      doc_number: input.docNumber,
      title: input.title,
      issuer_org_id: input.issuer,
      co_issuer_org_id: input.coIssuer ?? null,
      issued_on: input.issuedOn,
      body: input.body,
      attachments: '[]',
      reply_due_at: input.replyDueAt,
      created_by: null,
      created_at: at,
    });
    deliver(id, input.to, at);
    notices.push({
      id,
      title: input.title,
      docNumber: input.docNumber,
      issuer: input.issuer,
      at,
      to: input.to,
    });
    return id;
  };

  // 矿安晋〔2024〕126号: the province's notice.
  const mines = ofKind('mine');
  const cities = ofKind('city');
  const n126 = await issue({
    parent: null,
    docNumber: '矿安晋〔2024〕126号',
    title: TITLE_126,
    issuer: department.id,
    coIssuer: bureau.id,
    issuedOn: '2024-07-29',
    body: BODY_126,
    replyDueAt: null,
    to: [...ofKind('division'), ...cities, ...mines].map((o) => o.id),
  });
  for (const [i, city] of cities.filter((c) => c.id !== xinzhou.id).entries()) {
    if (i % 4 === 3) mark(n126, city.id, { read_at: aug(1 + (i % 9)) });
    else mark(n126, city.id, signed(aug(1 + (i % 9))));
  }
  for (const [i, mine] of mines.entries()) {
    if (i % 3 === 0) mark(n126, mine.id, signed(aug(5 + (i % 7))));
    else if (i % 3 === 1) mark(n126, mine.id, { read_at: aug(2) });
  }

  // 忻应急发〔2024〕118号: 忻州 signs 126号 and forwards it.
  const counties = orgs.filter((o) => o.kind === 'county' && o.parent_id === xinzhou.id);
  const xinzhouMines = new Set(mines.filter((m) => m.path.startsWith(xinzhou.path)).map((m) => m.id));
  const groupRows = await trx
    .selectFrom('mines')
    .select('group_org_id')
    .distinct()
    .where('group_org_id', 'is not', null)
    .where('org_id', 'in', [...xinzhouMines])
    .execute();
  const groups = ofKind('group').filter((g) => groupRows.some((r) => r.group_org_id === g.id));
  const cityMines = mines.filter((m) => m.parent_id === xinzhou.id);
  const n118 = await issue({
    parent: n126,
    docNumber: '忻应急发〔2024〕118号',
    title: TITLE_118,
    issuer: xinzhou.id,
    issuedOn: '2024-08-23',
    body: BODY_118,
    replyDueAt: '2024-12-05T15:59:59.000Z',
    to: [...counties, ...groups, ...cityMines].map((o) => o.id),
  });
  mark(n126, xinzhou.id, { ...signed(aug(20), xzCityUser), read_at: aug(19), forwarded_notice_id: n118 });
  for (const [i, county] of counties.entries()) {
    if (UNSIGNED_COUNTIES.includes(county.name)) {
      if (i % 2 === 0) mark(n118, county.id, { read_at: aug(26) });
      continue;
    }
    mark(n118, county.id, signed(aug(24 + (i % 6))));
  }
  for (const group of groups) mark(n118, group.id, signed(aug(28)));
  for (const [i, mine] of cityMines.entries()) if (i % 2 === 0) mark(n118, mine.id, signed(aug(27)));

  // Four counties relay 118号 to their mines.
  for (const relay of RELAYS) {
    const county = named(relay.county);
    const own = mines.filter((m) => m.parent_id === county.id);
    const id = await issue({
      parent: n118,
      docNumber: relay.docNumber,
      title: `${county.name}关于转发《忻州市应急管理局关于转发“学铁规、明责任、硬落实、保安全”专项活动实施方案的通知》的通知`,
      issuer: county.id,
      issuedOn: `2024-08-${relay.day}`,
      body: `辖区各矿山企业：\n\n现将《忻州市应急管理局关于转发……的通知》（忻应急发〔2024〕118号）转发给你们，请认真贯彻落实，对照“八条硬措施”开展自我检视，并于2024年11月30日前将本单位活动开展情况报送至我局。（示例数据）`,
      replyDueAt: '2024-11-30T15:59:59.000Z',
      to: own.map((m) => m.id),
    });
    mark(n118, county.id, { forwarded_notice_id: id });
    for (const [j, mine] of own.entries()) {
      if (j % 3 !== 2) mark(id, mine.id, signed(sep(1 + (j % 28))));
      else mark(id, mine.id, { read_at: sep(2) });
    }
  }

  await insertDeliveries(trx, deliveries);
  for (const n of notices) {
    await notifyOrgs(
      trx,
      n.to,
      {
        kind: 'notice.delivered',
        title: `新收文：${n.title}`,
        body: `${n.docNumber}，请及时签收`,
        link: `/notices/${n.id}`,
      },
      new Date(n.at),
    );
    await appendAudit(
      trx,
      SYSTEM,
      {
        action: n.id === n126 ? 'notice.issued' : 'notice.forwarded',
        entityType: 'notice',
        entityId: n.id,
        changes: { docNumber: n.docNumber, recipients: n.to.length },
      },
      new Date(n.at),
    );
  }
  // 忻州 has read what it signed.
  if (xzCityUser)
    await trx
      .updateTable('notifications')
      .set({ read_at: aug(19) })
      .where('user_id', '=', xzCityUser)
      .where('link', '=', `/notices/${n126}`)
      .execute();
}
