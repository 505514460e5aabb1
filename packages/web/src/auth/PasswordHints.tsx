import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n.tsx';
import { checkPassword, passwordMinClasses, passwordMinLength } from './password-policy.ts';

/** The password rules as a live checklist under the field. */
export function PasswordHints({ password }: { password: string }) {
  const { t } = useI18n();
  const check = checkPassword(password);
  const rules = [
    { met: check.length, text: t('password.rule.length', { min: passwordMinLength }) },
    { met: check.classes, text: t('password.rule.classes', { min: passwordMinClasses }) },
    { met: check.noSpaces, text: t('password.rule.noSpaces') },
  ];
  return (
    <ul className="sb-password-hints" aria-live="polite">
      {rules.map((rule) => (
        <li key={rule.text} className={rule.met ? 'is-met' : undefined}>
          {rule.met ? <CheckCircleFilled /> : <MinusCircleOutlined />} {rule.text}
        </li>
      ))}
    </ul>
  );
}
