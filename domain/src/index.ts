import { z } from 'zod';

// Validation messages read in Chinese wherever a schema is used, server and web alike.
z.config(z.locales.zhCN());

export * from './access/roles';
export * from './catalog/forms-2024';
export * from './catalog/hazard-standards';
export * from './catalog/mine';
export * from './catalog/orgs';
export * from './catalog/plan-2024';
export * from './catalog/regions';
export * from './forms/definition';
export * from './forms/validate';
export * from './glossary';
export * from './rules/deadlines';
export * from './rules/password';
export * from './rules/region';
export * from './rules/search';
export * from './rules/uscc';
export * from './schemas/audit';
export * from './schemas/auth';
export * from './schemas/campaign';
export * from './schemas/common';
export * from './schemas/hazard';
export * from './schemas/hazard-catalog';
export * from './schemas/hazard-fields';
export * from './schemas/hazard-investigation';
export * from './schemas/labels';
export * from './schemas/mine';
export * from './schemas/notice';
export * from './schemas/org';
export * from './schemas/plan';
export * from './schemas/user';
export * from './workflows/campaign';
export * from './workflows/hazard';
export * from './workflows/notice-sign-off';
export * from './workflows/obligation';
export * from './workflows/workflow';
