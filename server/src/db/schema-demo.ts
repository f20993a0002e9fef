/** A record the demo seed wrote (a root: what hangs off it is demo data too). */
export interface DemoRecordTable {
  table_name: DemoTable;
  record_id: string;
}
export type DemoTable =
  | 'orgs'
  | 'users'
  | 'campaigns'
  | 'plans'
  | 'notices'
  | 'hazards'
  | 'hazard_investigations'
  | 'account_changes'
  | 'files';
