// One wrapper for every record page: loading, 404 for what is missing or out of scope, 重试 on error.
export { DetailCard, detailPage } from './detail-page';
