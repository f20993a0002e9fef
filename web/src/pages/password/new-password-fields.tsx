import { passwordProblem } from '@tiegui/domain';
import { Form, Input } from 'antd';
import { problemRule } from '../../lib/form-rules';

const PASSWORD_HINT =
  '至少8位，须包含大写字母、小写字母、数字、特殊字符中的至少三类；不能是常见密码，不能包含用户名，不能与最近5次用过的密码相同';

/** A new password and its confirmation, checked by the shared password policy as it is typed. */
export function NewPasswordFields({ name }: { name: string }) {
  return (
    <>
      <Form.Item
        label="新密码"
        name={name}
        extra={PASSWORD_HINT}
        rules={[{ required: true, message: '请输入新密码' }, problemRule(passwordProblem)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={[name]}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue(name)) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
