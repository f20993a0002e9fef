import { type BoardCounts, OBLIGATION_STATES, ORG_KINDS } from '@tiegui/domain';
import type ExcelJS from 'exceljs';
import type { Actor } from '../../access/actor';
import { auditActorOf, recordAudit } from '../../audit/audit.service';
import { cellOf, type ExcelFile, exportXlsx, oneOf, originLine, type SheetColumn } from '../../lib/excel';
import { orgById } from '../orgs/org.service';
import { type BoardDeps, campaignBoard } from './board.service';
import { getCampaign } from './campaign.service';

type BoardRow = Awaited<ReturnType<typeof campaignBoard>>['rows'][number];

const LEVEL = oneOf(ORG_KINDS);
const count = (key: keyof BoardCounts) => (r: BoardRow) => r.counts[key];

const COLUMNS: (SheetColumn & { value: (r: BoardRow) => ExcelJS.CellValue })[] = [
  { header: '任务', width: 8, value: (r) => r.task },
  { header: '职责', width: 50, value: (r) => r.title },
  { header: '层级', width: 12, value: (r) => cellOf(LEVEL, r.orgKind) },
  { header: '应报', width: 8, value: count('total') },
  { header: OBLIGATION_STATES.pending, width: 10, value: count('pending') },
  { header: OBLIGATION_STATES.submitted, width: 14, value: count('submitted') },
  { header: OBLIGATION_STATES.accepted, width: 10, value: count('accepted') },
  { header: OBLIGATION_STATES.returned, width: 10, value: count('returned') },
  { header: '逾期未报', width: 10, value: count('overdue') },
  { header: '逾期报送', width: 10, value: count('late') },
];

/** The progress board as a sheet, the same figures the page shows; the export is audited. */
export async function boardExcel(deps: BoardDeps, actor: Actor, campaignId: string): Promise<ExcelFile> {
  const campaign = await getCampaign(deps, actor, campaignId);
  const board = await campaignBoard(deps, actor, campaignId);
  const org = (await orgById(deps.db, actor.orgId))?.name ?? '';
  const { content } = await exportXlsx(
    {
      sheet: '进度看板',
      title: `${campaign.title}进度看板`,
      // The board has no filter: it is the whole campaign within the actor's jurisdiction.
      origin: originLine({ filters: [], at: deps.clock.now(), org }),
      columns: COLUMNS,
      row: (r: BoardRow) => COLUMNS.map((c) => c.value(r)),
    },
    board.rows,
  );
  await recordAudit(
    deps.db,
    auditActorOf(actor),
    {
      action: 'campaign.board_exported',
      entityType: 'campaign',
      entityId: campaignId,
      changes: { rows: board.rows.length },
    },
    deps.clock.now(),
  );
  return { fileName: `${campaign.title}-进度看板.xlsx`, content };
}
