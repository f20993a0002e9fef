import { OBLIGATION_STATES, ORG_KINDS } from '@tiegui/domain';
import ExcelJS from 'exceljs';
import type { Actor } from '../../access/actor';
import { type BoardDeps, campaignBoard } from './board.service';
import { getCampaign } from './campaign.service';

const COLUMNS = [
  { header: '任务', key: 'task', width: 8 },
  { header: '职责', key: 'title', width: 50 },
  { header: '层级', key: 'level', width: 12 },
  { header: '应报', key: 'total', width: 8 },
  { header: OBLIGATION_STATES.pending, key: 'pending', width: 10 },
  { header: OBLIGATION_STATES.submitted, key: 'submitted', width: 14 },
  { header: OBLIGATION_STATES.accepted, key: 'accepted', width: 10 },
  { header: OBLIGATION_STATES.returned, key: 'returned', width: 10 },
  { header: '逾期未报', key: 'overdue', width: 10 },
  { header: '逾期报送', key: 'late', width: 10 },
];

/** The progress board as a sheet, the same figures the page shows. */
export async function boardExcel(deps: BoardDeps, actor: Actor, campaignId: string) {
  const campaign = await getCampaign(deps, actor, campaignId);
  const board = await campaignBoard(deps, actor, campaignId);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('进度看板');
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const r of board.rows) {
    sheet.addRow({
      task: r.task,
      title: r.title,
      level: ORG_KINDS[r.orgKind as keyof typeof ORG_KINDS] ?? r.orgKind,
      ...r.counts,
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${campaign.title}-进度看板.xlsx`, content };
}
