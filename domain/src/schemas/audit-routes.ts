/**
 * The API's routes as the pages and functions users know them by, for the audit log: a refused
 * request reads `查看隐患`, not `GET /api/hazards/01J…?limit=50`. Ids in a path match `:id`; a route
 * whose query decides what it shows (a box of notices) is named with it.
 */
// biome-ignore format: a table reads best with one route per line
const API_FUNCTIONS: readonly (readonly [route: string, name: string])[] = [
  ['GET /health', '运行状态检查'],
  ['GET /today', '今日工作'],
  ['GET /today/admin', '今日工作（账号与审计管理）'],
  ['GET /search', '全局搜索'],
  ['GET /me', '当前用户信息'],
  ['POST /auth/login', '登录'],
  ['POST /auth/logout', '退出登录'],
  ['POST /auth/change-password', '修改密码'],
  ['* /auth/activation', '激活账号'],
  ['* /auth/activation/check', '核对激活码'],
  ['GET /notifications', '消息提醒'],
  ['POST /notifications/:id/read', '标记消息已读'],
  ['POST /notifications/read-all', '全部消息标为已读'],
  ['GET /orgs', '组织机构'],
  ['GET /orgs/:id', '查看单位'],
  ['POST /orgs', '新建单位'],
  ['PATCH /orgs/:id', '修改单位'],
  ['* /joint-issuers', '联合发文单位'],
  ['* /joint-issuers/:id', '联合发文单位'],
  ['GET /users', '用户管理'],
  ['GET /users/:id', '查看用户'],
  ['POST /users', '新建用户'],
  ['PATCH /users/:id', '修改用户'],
  ['POST /users/:id/reset-password', '重置密码'],
  ['POST /users/:id/unlock', '解除锁定'],
  ['GET /account-changes', '账号变更申请'],
  ['GET /account-changes/:id', '查看账号变更申请'],
  ['POST /account-changes', '提交账号变更申请'],
  ['POST /account-changes/:id/actions/:action', '办理账号变更申请'],
  ['GET /mines', '矿山基础信息'],
  ['GET /mines/count', '矿山基础信息'],
  ['GET /mines/form-options', '矿山登记'],
  ['GET /mines/:id', '查看矿山'],
  ['POST /mines', '登记矿山'],
  ['PATCH /mines/:id', '修改矿山信息'],
  ['POST /mines/:id/deactivate', '停用矿山'],
  ['POST /mines/:id/reactivate', '启用矿山'],
  ['GET /mines/export', '导出矿山台账'],
  ['GET /mines/import-template', '下载矿山导入模板'],
  ['POST /mines/import', '导入矿山台账'],
  ['GET /mines/import-receipts/:id', '下载矿山导入错误回执'],
  ['GET /plans', '实施方案'],
  ['GET /plans/:id', '查看实施方案'],
  ['POST /plans', '上传实施方案'],
  ['GET /campaigns', '专项活动'],
  ['GET /campaigns/:id', '查看专项活动'],
  ['POST /campaigns', '新建专项活动'],
  ['POST /campaigns/:id/activate', '启动专项活动'],
  ['POST /campaigns/:id/close', '结束专项活动'],
  ['POST /campaigns/:id/actions/:action', '办理专项活动'],
  ['GET /campaigns/:id/board', '专项活动进度看板'],
  ['GET /campaigns/:id/board/orgs', '专项活动进度看板'],
  ['GET /campaigns/:id/board/regions', '专项活动进度看板'],
  ['GET /campaigns/:id/board.xlsx', '导出进度看板'],
  ['POST /campaigns/:id/urge', '催办'],
  ['GET /obligations', '我的任务'],
  ['GET /obligations/:id', '查看任务'],
  ['* /obligations/:id/draft', '暂存任务填报'],
  ['POST /obligations/:id/submit', '报送任务'],
  ['POST /obligations/:id/accept', '审核通过任务'],
  ['POST /obligations/:id/return', '退回任务'],
  ['POST /obligations/:id/actions/:action', '办理任务'],
  ['GET /duties', '我的任务'],
  ['GET /duties/:id', '查看任务'],
  ['* /duties/:id/draft', '暂存任务填报'],
  ['POST /duties/:id/submit', '报送任务'],
  ['POST /duties/:id/accept', '审核通过任务'],
  ['POST /duties/:id/return', '退回任务'],
  ['POST /duties/:id/actions/:action', '办理任务'],
  ['GET /notices?box=sent', '通知公文（发文）'],
  ['GET /notices', '通知公文（收文）'],
  ['GET /notices/recipient-options', '发文'],
  ['GET /notices/:id', '查看通知'],
  ['GET /notices/:id/rollup', '通知签收情况'],
  ['POST /notices', '发文'],
  ['POST /notices/:id/forward', '转发通知'],
  ['POST /notices/:id/sign', '签收通知'],
  ['POST /notices/:id/urge', '催办签收'],
  ['POST /notices/:id/actions/:action', '签收通知'],
  ['GET /hazards', '隐患治理'],
  ['GET /hazards/count', '隐患治理'],
  ['GET /hazards/dashboard', '动态清零'],
  ['GET /hazards/recurrences', '动态清零'],
  ['GET /hazards/catalogs', '隐患判定标准'],
  ['POST /hazards/catalogs', '上传隐患判定标准'],
  ['* /hazards/catalogs/:id', '隐患判定标准'],
  ['GET /hazards/investigations', '月度排查'],
  ['GET /hazards/investigations/coverage', '月度排查'],
  ['POST /hazards/investigations', '登记月度排查'],
  ['GET /hazards/mines/:id/flags', '查看矿山隐患情况'],
  ['POST /hazards/supervision/check-overdue', '督办逾期提醒'],
  ['GET /hazards/export', '导出隐患台账'],
  ['GET /hazards/import-template', '下载隐患导入模板'],
  ['POST /hazards/import', '导入隐患台账'],
  ['GET /hazards/import-receipts/:id', '下载隐患导入错误回执'],
  ['GET /hazards/:id', '查看隐患'],
  ['POST /hazards', '登记隐患'],
  ['POST /hazards/:id/supervision', '挂牌督办'],
  ['POST /hazards/:id/supervision/remove', '解除挂牌督办'],
  ['POST /hazards/:id/actions/:action', '办理隐患'],
  ['POST /files', '上传附件'],
  ['GET /files/:id', '下载附件'],
  ['GET /audit/events', '审计日志'],
  ['GET /audit/events.csv', '导出审计日志'],
  ['GET /audit/refusals', '审计日志'],
  ['POST /audit/verify', '校验审计日志'],
];

interface Route {
  method: string;
  segments: string[];
  query: [string, string][];
  name: string;
}

const ROUTES: Route[] = API_FUNCTIONS.map(([route, name]) => {
  const [method = '*', target = ''] = route.split(' ');
  const [path = '', query = ''] = target.split('?');
  return {
    method,
    segments: path.split('/').filter(Boolean),
    query: [...new URLSearchParams(query)],
    name,
  };
});

const fits = (route: Route, method: string, segments: string[], query: URLSearchParams) =>
  (route.method === '*' || method === '' || route.method === method) &&
  route.segments.length === segments.length &&
  route.segments.every((s, i) => s.startsWith(':') || s === segments[i]) &&
  route.query.every(([key, value]) => query.get(key) === value);

/** How close a route is: literal segments before `:id`, so `/hazards/count` is not a hazard's page. */
const literals = (route: Route) => route.segments.filter((s) => !s.startsWith(':')).length;

/**
 * A request's route (a pattern or a URL, with or without `/api` and its query) as the page or
 * function it belongs to; an unknown route as `接口 /api/…` without its query.
 */
export function apiFunctionName(method: string, url: string): string {
  const [path = '', search = ''] = url.split('?');
  const segments = path
    .split('/')
    .filter(Boolean)
    .filter((s, i) => !(i === 0 && s === 'api'));
  const query = new URLSearchParams(search);
  const upper = method.toUpperCase();
  const found = ROUTES.filter((r) => fits(r, upper, segments, query)).sort(
    (a, b) => literals(b) - literals(a) || b.query.length - a.query.length,
  )[0];
  return found ? found.name : `接口 /api/${segments.join('/')}`;
}
