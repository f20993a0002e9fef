import { z } from 'zod';

// Validation messages read in Chinese wherever a schema is used, server and web alike.
z.config(z.locales.zhCN());

export * from './access/roles';
export * from './catalog/mine';
export * from './catalog/orgs';
export * from './catalog/regions';
export * from './glossary';
export * from './rules/deadlines';
export * from './rules/password';
export * from './rules/region';
export * from './rules/uscc';
export * from './schemas/audit';
export * from './schemas/auth';
export * from './schemas/common';
export * from './schemas/labels';
export * from './schemas/mine';
export * from './schemas/org';
export * from './schemas/user';
