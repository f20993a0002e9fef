import type { z } from 'zod';

/** What a value should have been, in the words of a form: never the schema's type names. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  date: '日期',
  array: '列表',
  tuple: '列表',
  set: '列表',
  object: '一组填写项',
  record: '一组填写项',
  map: '一组填写项',
  file: '文件',
};

const FORMATS: Readonly<Record<string, string>> = {
  email: '电子邮件地址格式不正确',
  url: '网址格式不正确',
  datetime: '日期时间格式不正确',
  date: '日期格式应为YYYY-MM-DD',
  time: '时间格式不正确',
};

type Bound = { origin: string; inclusive?: boolean };

const tooBig = (issue: Bound, max: string) => {
  switch (issue.origin) {
    case 'string':
      return `不能超过${max}个字`;
    case 'array':
    case 'set':
      return `最多${max}项`;
    case 'file':
      return `不能超过${max}字节`;
    case 'date':
      return '日期过晚';
    default:
      return issue.inclusive === false ? `应小于${max}` : `不能大于${max}`;
  }
};

const tooSmall = (issue: Bound, min: string) => {
  switch (issue.origin) {
    case 'string':
      return min === '1' ? '不能为空' : `至少${min}个字`;
    case 'array':
    case 'set':
      return `至少${min}项`;
    case 'file':
      return '文件不能为空';
    case 'date':
      return '日期过早';
    default:
      return issue.inclusive === false ? `应大于${min}` : `不能小于${min}`;
  }
};

/**
 * Zod's messages for a rule a schema states without its own message, in Chinese and naming no
 * type, pattern, option value or key of the schema (those are identifiers, not words a user reads;
 * zod's zh-CN locale shows them: "期望 string", "期望以下之一 "coal"|…"). The field's label is put in
 * front of each message where the error is answered.
 */
export const chineseIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : `应为${EXPECTED[issue.expected] ?? '正确的格式'}`;
    case 'invalid_value':
      return issue.values.length === 1 ? '取值不正确' : '请从选项中选择';
    case 'too_big':
      return tooBig(issue, String(issue.maximum));
    case 'too_small':
      return tooSmall(issue, String(issue.minimum));
    case 'invalid_format':
      return FORMATS[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为${issue.divisor}的倍数`;
    case 'unrecognized_keys':
      return '含有不应提交的填写项';
    case 'invalid_key':
    case 'invalid_element':
      return '含有不正确的值';
    default:
      return '格式不正确';
  }
};
